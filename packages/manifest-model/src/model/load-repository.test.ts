import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from './load-repository.js';
import { fluxKs, gotkSync } from '../../test/flux-fixtures.js';

const configMap = (name: string, ns?: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}data:
  a: b
`;

function baseRepo(extra: Record<string, string>): Record<string, string> {
  return {
    'clusters/prod/flux-system/gotk-sync.yaml': gotkSync(),
    'clusters/prod/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n',
    ...extra,
  };
}

describe('loadRepository', () => {
  it('finds the gotk-sync entry point and follows each Flux Kustomization to what it applies', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': fluxKs('apps', './apps/web', '  targetNamespace: web\n'),
          'apps/web/kustomization.yaml': 'resources:\n  - cm.yaml\n',
          'apps/web/cm.yaml': configMap('web-config', 'elsewhere'),
        }),
      ),
    );
    expect(model.entryPoints).toEqual([{ path: 'clusters/prod', source: 'flux-sync', appliedBy: 'flux-system/flux-system' }]);
    expect(model.fluxKustomizations.map((k) => k.key).sort()).toEqual(['flux-system/apps', 'flux-system/flux-system']);
    const cm = model.resources.find((r) => r.name === 'web-config')!;
    expect(cm).toMatchObject({ namespace: 'web', namespaceOrigin: 'flux-target-namespace', appliedBy: ['flux-system/apps'], unit: 'apps/web' });
    expect(cm.location).toEqual({ file: 'apps/web/cm.yaml', line: 1, column: 1 });
    expect(model.fileAppliedBy.get('apps/web/cm.yaml')).toEqual(['flux-system/apps']);
    expect(model.fileAppliedBy.get('clusters/prod/apps.yaml')).toEqual(['flux-system/flux-system']);
  });

  it('tells explicit, kustomize, implicit-default and cluster-scoped namespaces apart', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': `${fluxKs('a', './apps/a')}---\n${fluxKs('b', './apps/b')}`,
          'apps/a/kustomization.yaml': 'namespace: team-a\nresources:\n  - cm.yaml\n',
          'apps/a/cm.yaml': configMap('from-kustomize'),
          'apps/b/explicit.yaml': configMap('explicit', 'team-b'),
          'apps/b/implicit.yaml': configMap('implicit'),
          'apps/b/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-b\n',
        }),
      ),
    );
    const byName = new Map(model.resources.map((r) => [r.name, r]));
    expect(byName.get('from-kustomize')).toMatchObject({ namespace: 'team-a', namespaceOrigin: 'kustomize' });
    expect(byName.get('explicit')).toMatchObject({ namespace: 'team-b', namespaceOrigin: 'explicit' });
    expect(byName.get('implicit')).toMatchObject({ namespace: 'default', namespaceOrigin: 'implicit-default' });
    expect(byName.get('team-b')).toMatchObject({ namespace: undefined, namespaceOrigin: 'cluster-scoped' });
    expect(model.units.find((u) => u.path === 'apps/b')).toMatchObject({ kind: 'generated', appliedBy: ['flux-system/b'] });
  });

  it('keeps what nothing applies in the model, unapplied', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n',
          'clusters/prod/forgotten.yaml': fluxKs('forgotten', './apps/x'),
          'apps/x/kustomization.yaml': 'namespace: x\nresources:\n  - cm.yaml\n',
          'apps/x/cm.yaml': configMap('lonely'),
        }),
      ),
    );
    expect(model.fileAppliedBy.get('clusters/prod/forgotten.yaml')).toEqual([]);
    expect(model.fileAppliedBy.get('apps/x/kustomization.yaml')).toEqual([]);
    expect(model.fluxKustomizations.map((k) => k.key)).not.toContain('flux-system/forgotten');
    expect(model.resources.find((r) => r.name === 'lonely')).toMatchObject({ appliedBy: [], namespace: 'x', namespaceOrigin: 'kustomize' });
    expect(model.units.find((u) => u.path === 'apps/x')).toMatchObject({ appliedBy: [] });
  });

  it('substitutes postBuild variables from substitute and substituteFrom, and reports unresolved ones where they are used', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - settings.yaml\n  - apps.yaml\n',
          'clusters/prod/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  CLUSTER_DOMAIN: home.example\n',
          'clusters/prod/apps.yaml': fluxKs('apps', './apps/web', '  postBuild:\n    substitute:\n      APP_NS: web\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n'),
          'apps/web/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: ${APP_NS}\ndata:\n  url: https://web.${CLUSTER_DOMAIN}\n  port: "${PORT:=8080}"\n  missing: "${NOT_SET}"\n',
        }),
      ),
    );
    const cm = model.resources.find((r) => r.name === 'web' && r.kind === 'ConfigMap')!;
    expect(cm.namespace).toBe('web');
    expect(cm.body['data']).toEqual({ url: 'https://web.home.example', port: '8080', missing: '' });
    expect(model.diagnostics.filter((d) => d.code === 'flux-substitution-unresolved')).toMatchObject([{ location: { file: 'apps/web/cm.yaml' }, message: expect.stringContaining('NOT_SET') }]);
  });

  it('keeps the PVCs of two apps apart when a shared component names them with a nested default, and leaves opted-out objects alone', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: "${VOLSYNC_CLAIM:=${APP}}"\nspec:\n  resources: {requests: {storage: "${VOLSYNC_CAPACITY:=5Gi}"}}\n';
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': [
            fluxKs('radarr', './apps/radarr', '  targetNamespace: media\n  postBuild:\n    substitute:\n      APP: radarr\n'),
            fluxKs('sonarr', './apps/sonarr', '  targetNamespace: media\n  postBuild:\n    substitute:\n      APP: sonarr\n      VOLSYNC_CAPACITY: 20Gi\n'),
          ].join('---\n'),
          'apps/radarr/kustomization.yaml': 'resources: [../../components/volsync]\n',
          'apps/sonarr/kustomization.yaml': 'resources: [../../components/volsync, script.yaml]\n',
          'apps/sonarr/script.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}\ndata:\n  run.sh: echo ${APP}\n',
          'components/volsync/kustomization.yaml': 'resources: [pvc.yaml]\n',
          'components/volsync/pvc.yaml': pvc,
        }),
      ),
    );
    const claims = model.resources.filter((r) => r.kind === 'PersistentVolumeClaim').map((r) => `${r.namespace}/${r.name} ${JSON.stringify(r.body['spec'])}`);
    expect(claims.sort()).toEqual(['media/radarr {"resources":{"requests":{"storage":"5Gi"}}}', 'media/sonarr {"resources":{"requests":{"storage":"20Gi"}}}']);
    expect(model.resources.find((r) => r.name === 'script')?.body['data']).toEqual({ 'run.sh': 'echo ${APP}' });
  });

  it('does not follow a Flux Kustomization whose source is another repository', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - tenant.yaml\n',
          'clusters/prod/tenant.yaml': fluxKs('tenant', './deploy').replace('name: flux-system\n', 'name: tenant-repo\n'),
          'deploy/cm.yaml': configMap('not-ours', 'x'),
        }),
      ),
    );
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'flux-external-source', location: expect.objectContaining({ file: 'clusters/prod/tenant.yaml', line: 1 }) }));
    expect(model.fileAppliedBy.get('deploy/cm.yaml')).toEqual([]);
  });

  it('reports a Flux spec.path that does not exist at the line of spec.path', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': fluxKs('apps', './apps/gone'),
        }),
      ),
    );
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'flux-path-missing', location: { file: 'clusters/prod/apps.yaml', line: 7, column: 3 } }));
  });

  it('keeps loading when a file is broken, with a located diagnostic', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': fluxKs('apps', './apps/web'),
          'apps/web/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n',
          'apps/web/good.yaml': configMap('good', 'web'),
        }),
      ),
    );
    expect(model.resources.map((r) => r.name)).toContain('good');
    const d = model.diagnostics.find((x) => x.location.file === 'apps/web/bad.yaml');
    expect(d).toMatchObject({ code: 'yaml-syntax', severity: 'error' });
    expect(d!.location.line).toBeGreaterThanOrEqual(4);
  });

  it('tells apart Flux Kustomizations of the same name in two clusters', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/staging/flux-system/gotk-sync.yaml': gotkSync('./clusters/staging'),
        'clusters/staging/apps.yaml': fluxKs('apps', './apps/staging'),
        'clusters/production/flux-system/gotk-sync.yaml': gotkSync('./clusters/production'),
        'clusters/production/apps.yaml': fluxKs('apps', './apps/production'),
        'apps/staging/cm.yaml': configMap('s', 'x'),
        'apps/production/cm.yaml': configMap('p', 'x'),
      }),
    );
    expect(model.entryPoints.map((e) => e.appliedBy)).toEqual(['flux-system/flux-system@clusters/production', 'flux-system/flux-system@clusters/staging']);
    expect(model.resources.find((r) => r.name === 's')!.appliedBy).toEqual(['flux-system/apps@clusters/staging']);
    expect(model.resources.find((r) => r.name === 'p')!.appliedBy).toEqual(['flux-system/apps@clusters/production']);
  });

  it('masks Secret values that are not SOPS ciphertext', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - s.yaml\n',
          'clusters/prod/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: x\nstringData:\n  password: hunter2-very-secret\n',
        }),
      ),
    );
    const s = model.resources.find((r) => r.kind === 'Secret')!;
    expect(JSON.stringify(s.body)).not.toContain('hunter2-very-secret');
    expect(Object.keys(s.body['stringData'] as object)).toEqual(['password']);
  });
});

describe('loadRepository on invalid Flux Kustomizations', () => {
  it('does not treat a Flux Kustomization without spec.sourceRef as applying the whole repository', () => {
    const model = loadRepository(
      new MemoryFileSystem(
        baseRepo({
          'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - apps.yaml\n',
          'clusters/prod/apps.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nsepc:\n  path: ./apps\n',
          'apps/cm.yaml': configMap('not-applied', 'x'),
        }),
      ),
    );
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'flux-invalid', location: expect.objectContaining({ file: 'clusters/prod/apps.yaml', line: 1 }) }));
    expect(model.fileAppliedBy.get('apps/cm.yaml')).toEqual([]);
  });
});

describe('loadRepository without an entry point', () => {
  it('says no entry point was found, at the first manifest, instead of looking clean', () => {
    const model = loadRepository(new MemoryFileSystem({ 'apps/web/cm.yaml': configMap('web', 'web'), 'README.md': '# x\n' }));
    expect(model.entryPoints).toEqual([]);
    expect(model.diagnostics).toMatchObject([{ code: 'entry-point-missing', severity: 'warning', location: { file: 'apps/web/cm.yaml', line: 1 } }]);
  });
});

describe('the scope of custom kinds', () => {
  it('knows Crossplane’s cluster-scoped kinds, and says when a Cluster* kind’s scope is not known instead of guessing', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/kustomization.yaml': 'resources: [crossplane.yaml, other.yaml]\n',
        'clusters/home/crossplane.yaml': 'apiVersion: pkg.crossplane.io/v1\nkind: Provider\nmetadata: {name: provider-gcp}\nspec: {package: xpkg.upbound.io/upbound/provider-gcp:v1}\n',
        'clusters/home/other.yaml': 'apiVersion: example.com/v1\nkind: ClusterThing\nmetadata: {name: t}\n',
      }),
    );
    expect(model.resources.find((r) => r.kind === 'Provider')).toMatchObject({ namespace: undefined, namespaceOrigin: 'cluster-scoped' });
    expect(model.diagnostics.filter((d) => d.code === 'resource-scope-unknown').map((d) => d.message)).toEqual([expect.stringMatching(/^example.com\/ClusterThing is not a kind Kustodian knows/)]);
  });
});
