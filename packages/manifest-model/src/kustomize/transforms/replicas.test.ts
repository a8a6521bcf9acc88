import { describe, expect, it } from 'vitest';
import { createObject } from '../working-object.js';
import { applyReplicas } from './replicas.js';

describe('applyReplicas', () => {
  it('sets spec.replicas of scalable kinds by current or earlier name and returns the entries that matched nothing', () => {
    const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k', line: 1, column: 1 }, sources: [], literals: 0 } as const;
    const d = createObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'p-web' }, spec: { replicas: 1 } }, origin);
    d.previousIds.push({ name: 'web', namespace: undefined });
    const cm = createObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db' } }, origin);
    const location = { file: 'k', line: 2, column: 1 };
    const unmatched = applyReplicas([d, cm], [{ name: 'web', count: 3, location }, { name: 'db', count: 2, location }]);
    expect(d.body['spec']).toEqual({ replicas: 3 });
    expect(cm.body['spec']).toBeUndefined();
    expect(unmatched.map((e) => e.name)).toEqual(['db']);
  });
});
