import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from './load-repository.js';
import type { RepositoryModel } from './repository-model.js';
import { fluxKs, gotkSync } from '../../test/flux-fixtures.js';

const object = (kind: string, name: string, namespace: string, extra = '') => `apiVersion: v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${namespace}
${extra}`;

/** Five applications; `web` mounts a Secret that `vault` defines, `shop` shares a base with `shop-eu`. */
function repository(extra: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem({
    'clusters/prod/flux-system/gotk-sync.yaml': gotkSync(),
    'clusters/prod/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n',
    'clusters/prod/apps.yaml': ['web', 'vault', 'blog', 'shop', 'shop-eu'].map((a) => fluxKs(a, `./apps/${a}`, a === 'blog' ? '  components:\n    - ../../components/probes\n' : '')).join('---\n'),
    'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'apps/web/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
      volumes:
        - name: token
          secret:
            secretName: shared-token
`,
    'apps/vault/kustomization.yaml': 'resources:\n  - secret.yaml\n',
    'apps/vault/secret.yaml': object('Secret', 'shared-token', 'web'),
    'apps/blog/kustomization.yaml': 'resources:\n  - configmap.yaml\n',
    'apps/blog/configmap.yaml': object('ConfigMap', 'blog', 'blog'),
    'components/probes/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - probe.yaml\n',
    'components/probes/probe.yaml': object('ConfigMap', 'probe', 'blog'),
    'apps/shop/kustomization.yaml': 'resources:\n  - ../../bases/shop\n',
    'apps/shop-eu/kustomization.yaml': 'namespace: shop-eu\nresources:\n  - ../../bases/shop\n',
    'bases/shop/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'bases/shop/service.yaml': object('Service', 'shop', 'shop'),
    ...extra,
  });
}

/** The Flux Kustomizations that built something in a model of the changes. */
function built(model: RepositoryModel): string[] {
  return [...new Set(model.resources.flatMap((r) => r.appliedBy))].filter((k) => k !== 'flux-system/flux-system').sort();
}

describe('a model of the changes only', () => {
  it('builds the Flux Kustomization whose folder holds the changed file, and the one that defines a Secret the changed object mounts', () => {
    const model = loadRepository(repository(), { changes: { files: ['apps/web/deployment.yaml'] } });
    expect(built(model)).toEqual(['flux-system/vault', 'flux-system/web']);
    expect(model.changes).toMatchObject({ changedFiles: ['apps/web/deployment.yaml'], fluxKustomizations: 6 });
    expect(model.find({ group: '', kind: 'Secret', namespace: 'web', name: 'shared-token' })).toHaveLength(1);
    // Files it did not read are not part of it.
    expect(model.files.some((f) => f.path === 'apps/blog/configmap.yaml')).toBe(false);
  });

  it('follows a shared base back to every kustomization that includes it through ../', () => {
    const model = loadRepository(repository(), { changes: { files: ['bases/shop/service.yaml'] } });
    expect(built(model)).toEqual(['flux-system/shop', 'flux-system/shop-eu']);
    expect(model.fileAppliedBy.get('bases/shop/service.yaml')).toEqual(['flux-system/shop', 'flux-system/shop-eu']);
  });

  it('builds the Flux Kustomization whose spec.components holds the changed file', () => {
    const model = loadRepository(repository(), { changes: { files: ['components/probes/probe.yaml'] } });
    expect(built(model)).toEqual(['flux-system/blog']);
    expect(model.fileAppliedBy.get('components/probes/probe.yaml')).toEqual(['flux-system/blog']);
  });

  it('builds everything when a file every build reads changed', () => {
    const model = loadRepository(repository({ '.sops.yaml': 'creation_rules: []\n' }), { changes: { files: ['.sops.yaml'] } });
    expect(model.changes?.fullBuild).toBe('.sops.yaml changed');
    expect(built(model)).toEqual(['flux-system/blog', 'flux-system/shop', 'flux-system/shop-eu', 'flux-system/vault', 'flux-system/web']);
  });

  it('uses the search it is given instead of reading the files, and builds what the search points at', () => {
    const asked: string[][] = [];
    const model = loadRepository(repository(), {
      changes: {
        files: ['apps/blog/configmap.yaml'],
        // Says the blog's name is used by the shop: the shop is built too.
        search: (needles) => {
          asked.push([...needles]);
          return new Map([
            ['blog', ['apps/blog/configmap.yaml', 'bases/shop/service.yaml']],
            ['toolkit.fluxcd.io', ['clusters/prod/flux-system/gotk-sync.yaml', 'clusters/prod/apps.yaml']],
            ['../', ['apps/shop/kustomization.yaml', 'apps/shop-eu/kustomization.yaml', 'clusters/prod/apps.yaml']],
          ]);
        },
      },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(expect.arrayContaining(['blog', 'toolkit.fluxcd.io', 'Namespace', '../']));
    expect(built(model)).toEqual(['flux-system/blog', 'flux-system/shop', 'flux-system/shop-eu']);
  });

  it('reports what a changed kustomization file that nothing applies holds, as the whole model does', () => {
    const fs = repository({ 'apps/old/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'apps/old/cm.yaml': object('ConfigMap', 'old', 'old') });
    const whole = loadRepository(fs);
    const model = loadRepository(fs, { changes: { files: ['apps/old/cm.yaml'] } });
    expect(model.fileAppliedBy.get('apps/old/cm.yaml')).toEqual([]);
    expect(model.units.find((u) => u.path === 'apps/old')?.appliedBy).toEqual(whole.units.find((u) => u.path === 'apps/old')?.appliedBy);
    expect(built(model)).toEqual([]);
  });
});
