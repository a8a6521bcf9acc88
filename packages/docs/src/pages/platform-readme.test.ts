import { DEFAULT_CONFIG } from '@kustodian/manifest-model';
import { describe, expect, it } from 'vitest';
import { lintProblems } from '../../test/helpers.js';
import { modelOf } from '../../test/memory-repo.js';
import { folderView } from '../folder/folder-view.js';
import { renderNewPage } from '../markers.js';
import { secretFindings } from '../secrets/secret-findings.js';
import { buildSecretInventory } from '../secrets/secret-inventory.js';
import { platformReadme } from './platform-readme.js';

const model = modelOf(
  { echo: 'apps/echo' },
  {
    'apps/echo/kustomization.yaml': 'namespace: web\nresources: [oci.yaml, release.yaml, repo.yaml, classic.yaml]\n',
    'apps/echo/oci.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: echo}\nspec: {url: oci://ghcr.io/bjw-s-labs/helm/app-template, ref: {tag: 4.2.0}}\n',
    'apps/echo/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: echo}
spec:
  chartRef: {kind: OCIRepository, name: echo}
  valuesFrom: [{kind: Secret, name: echo-values}]
`,
    'apps/echo/repo.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: charts}\nspec: {url: https://charts.example.com}\n',
    'apps/echo/classic.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: classic}
spec:
  chart: {spec: {chart: podinfo, version: ">=6.0.0 <7.0.0", sourceRef: {kind: HelmRepository, name: charts}}}
`,
  },
);
const inventory = buildSecretInventory(model, secretFindings(model, DEFAULT_CONFIG));
const page = platformReadme(model, folderView(model, 'apps/echo'), inventory, 'SECRETS.md');
const text = renderNewPage(page);

describe('platformReadme', () => {
  it('is named after its folder and passes markdownlint', () => {
    expect(page.path).toBe('apps/echo/README.md');
    expect(lintProblems({ [page.path]: text })).toEqual([]);
  });

  it('gives each HelmRelease its chart, version constraint and source, also through a chartRef', () => {
    expect(text).toContain('| echo | app-template | 4.2.0 | `oci://ghcr.io/bjw-s-labs/helm/app-template` |');
    expect(text).toContain('| classic | podinfo | >=6.0.0 <7.0.0 | `https://charts.example.com` |');
  });

  it('lists a Secret that nothing defines as such, with the object that needs it', () => {
    expect(text.replace(/\s+/g, ' ')).toContain('`web/echo-values`: defined nowhere (the audit reports it); used by HelmRelease `web/echo`.');
    expect(text).toContain('[SECRETS.md](../../SECRETS.md)');
  });

  it('names the Flux Kustomization that applies the folder', () => {
    expect(text.replace(/\s+/g, ' ')).toContain('- `flux-system/echo` (`clusters/home/flux.yaml`) applies `./apps/echo`; depends on nothing; prunes.');
  });
});

describe('platformReadme of a folder whose objects are copied into other namespaces', () => {
  const middleware = (namespace: string) =>
    `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: authelia, namespace: ${namespace}}\nspec: {forwardAuth: {address: 'http://authelia.security.svc.cluster.local/api/verify'}}\n`;
  const copies = modelOf(
    { media: 'apps/media', home: 'apps/home' },
    {
      'apps/media/kustomization.yaml': 'resources: [middleware.yaml]\n',
      'apps/media/middleware.yaml': middleware('media'),
      'apps/home/kustomization.yaml': 'resources: [middleware.yaml]\n',
      'apps/home/middleware.yaml': middleware('home'),
    },
  );
  const readme = renderNewPage(platformReadme(copies, folderView(copies, 'apps/media'), buildSecretInventory(copies, secretFindings(copies, DEFAULT_CONFIG)), 'SECRETS.md'));

  it('names the other copies, so that a change is made to all of them, and still passes markdownlint', () => {
    expect(readme).toContain('Copies kept in other namespaces (identical apart from the namespace):');
    expect(readme).toContain('- `Middleware authelia`: also defined identically in `home`\n  (`apps/home/middleware.yaml:1`)');
    expect(lintProblems({ 'apps/media/README.md': readme })).toEqual([]);
  });
});
