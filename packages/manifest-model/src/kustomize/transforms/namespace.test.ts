import { describe, expect, it } from 'vitest';
import type { WorkingObject } from '../working-object.js';
import { createObject } from '../working-object.js';
import { applyNamespace } from './namespace.js';

const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k.yaml', line: 1, column: 1 }, sources: [], literals: 0 } as const;
const obj = (body: Record<string, unknown>): WorkingObject => createObject(body, origin);

describe('applyNamespace', () => {
  it('sets the namespace of namespaced and unknown kinds, not of cluster-scoped ones, and remembers the old identity', () => {
    const cm = obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'old' } });
    const custom = obj({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    const role = obj({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } });
    applyNamespace([cm, custom, role], 'apps', true);
    expect(cm.body['metadata']).toEqual({ name: 'a', namespace: 'apps' });
    expect(cm.previousIds).toEqual([{ name: 'a', namespace: 'old' }]);
    expect(cm.namespaceFromKustomize).toBe('apps');
    expect(custom.body['metadata']).toEqual({ name: 'w', namespace: 'apps' });
    expect(role.body['metadata']).toEqual({ name: 'r' });
    expect(role.namespaceFromKustomize).toBeUndefined();
  });

  it('renames v1 Namespace objects to the namespace', () => {
    const ns = obj({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'placeholder' } });
    applyNamespace([ns], 'apps', true);
    expect(ns.body['metadata']).toEqual({ name: 'apps' });
  });

  it('sets the namespace of binding subjects named default only', () => {
    const rb = obj({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }, { kind: 'ServiceAccount', name: 'x', namespace: 'y' }] });
    applyNamespace([rb], 'apps', true);
    expect(rb.body['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }, { kind: 'ServiceAccount', name: 'x', namespace: 'y' }]);
  });

  it('sets APIService service namespaces, and clears the kustomization record for a Flux targetNamespace', () => {
    const api = obj({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.x' }, spec: {} });
    const cm = obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    applyNamespace([api, cm], 'k', true);
    applyNamespace([api, cm], 'flux', false);
    expect(api.body['spec']).toEqual({ service: { namespace: 'flux' } });
    expect(cm.namespaceFromKustomize).toBeUndefined();
  });
});
