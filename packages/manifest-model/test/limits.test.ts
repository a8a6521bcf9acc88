import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs/memory-file-system.js';
import { KUSTOMIZE_MAX_DEPTH } from '../src/kustomize/build.js';
import { loadRepository } from '../src/model/load-repository.js';

// Inputs of user-controlled depth: each is a located diagnostic or simply works, never a stack overflow.
describe('depth that the repository controls', () => {
  it('a chain of 1,500 nested kustomizations: built down to the limit, then a located kustomize-depth-limit', () => {
    const files: Record<string, string> = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../c/0\n' };
    for (let i = 0; i < 1500; i++) {
      files[`c/${i}/kustomization.yaml`] = `resources:\n  - cm.yaml\n${i < 1499 ? `  - ../${i + 1}\n` : ''}`;
      files[`c/${i}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: default\n`;
    }
    const model = loadRepository(new MemoryFileSystem(files));
    const limits = model.diagnostics.filter((d) => d.code === 'kustomize-depth-limit');
    expect(limits.length).toBeGreaterThan(0);
    expect(limits[0]).toMatchObject({ severity: 'error', location: { line: 3 } });
    expect(limits[0]!.message).toMatch(new RegExp(`is ${KUSTOMIZE_MAX_DEPTH + 1} kustomizations deep .*builds at most ${KUSTOMIZE_MAX_DEPTH} nested levels`));
    expect(model.resources.filter((r) => r.appliedBy.length > 0).length).toBeGreaterThanOrEqual(KUSTOMIZE_MAX_DEPTH - 1);
  });

  it('12,000 Flux Kustomizations in one dependsOn chain are ordered', () => {
    const docs = Array.from(
      { length: 12_000 },
      (_, i) =>
        `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: k${i}\n  namespace: flux-system\nspec:\n${i > 0 ? `  dependsOn:\n    - name: k${i - 1}\n` : ''}  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`,
    );
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/kustomization.yaml': 'resources:\n  - ks.yaml\n',
        'clusters/home/ks.yaml': docs.join('---\n'),
        'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n',
      }),
    );
    const order = model.fluxKustomizations.map((k) => k.key);
    expect(order.indexOf('flux-system/k0')).toBeLessThan(order.indexOf('flux-system/k11999'));
    expect(model.diagnostics.filter((d) => d.code === 'flux-depends-on-cycle')).toEqual([]);
  });
});
