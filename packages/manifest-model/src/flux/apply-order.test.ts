import { describe, expect, it } from 'vitest';
import { parseFluxKustomization } from './parse-flux-kustomization.js';
import { applyOrder } from './apply-order.js';

function ks(name: string, dependsOn: string[], line = 1) {
  return parseFluxKustomization(
    { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name }, spec: { path: `./${name}`, dependsOn: dependsOn.map((d) => ({ name: d })) } },
    'flux-system',
    { file: 'clusters/prod/ks.yaml', line, column: 1 },
  );
}

describe('applyOrder', () => {
  it('puts dependencies before dependents', () => {
    const { order, cycles, diagnostics } = applyOrder([ks('apps', ['infra']), ks('infra', ['crds']), ks('crds', [])]);
    expect(order).toEqual(['flux-system/crds', 'flux-system/infra', 'flux-system/apps']);
    expect(cycles).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reports a cycle once, at the first member, and still orders everything', () => {
    const { order, cycles, diagnostics } = applyOrder([ks('a', ['b'], 3), ks('b', ['c'], 9), ks('c', ['a'], 15), ks('d', [])]);
    expect(cycles).toHaveLength(1);
    expect([...cycles[0]!].sort()).toEqual(['flux-system/a', 'flux-system/b', 'flux-system/c']);
    expect(diagnostics).toMatchObject([{ code: 'flux-depends-on-cycle', severity: 'error', location: { line: 3 } }]);
    expect([...order].sort()).toEqual(['flux-system/a', 'flux-system/b', 'flux-system/c', 'flux-system/d']);
  });

  it('reports a dependency on a Kustomization that does not exist', () => {
    const { diagnostics } = applyOrder([ks('apps', ['ghost'], 7)]);
    expect(diagnostics).toMatchObject([{ code: 'flux-depends-on-missing', location: { line: 7 }, message: expect.stringContaining('flux-system/ghost') }]);
  });
});
