import { describe, expect, it } from 'vitest';
import { kubeObjectOf } from './kube-object.js';

const configMap = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata });

describe('kubeObjectOf', () => {
  it('is the identity and body of an object, with nothing about a file', () => {
    const body = configMap({ name: 'app', namespace: 'media' });
    const object = kubeObjectOf(body);
    expect(object).toEqual({
      id: { group: '', kind: 'ConfigMap', namespace: 'media', name: 'app' },
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'app',
      namespace: 'media',
      body,
      namespaceOrigin: 'explicit',
    });
    expect(Object.keys(object!)).not.toContain('location');
  });

  it('settles the namespace as the apply does: cluster scope, Flux target namespace, written, kustomize, default', () => {
    expect(kubeObjectOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'media', namespace: 'x' } })).toMatchObject({ namespace: undefined, namespaceOrigin: 'cluster-scoped' });
    expect(kubeObjectOf(configMap({ name: 'a', namespace: 'media' }), { targetNamespace: 'apps' })).toMatchObject({ namespace: 'apps', namespaceOrigin: 'flux-target-namespace' });
    expect(kubeObjectOf(configMap({ name: 'a', namespace: 'media' }), { fromKustomize: true })).toMatchObject({ namespace: 'media', namespaceOrigin: 'kustomize' });
    expect(kubeObjectOf(configMap({ name: 'a', namespace: '' }))).toMatchObject({ namespace: 'default', namespaceOrigin: 'implicit-default' });
    expect(kubeObjectOf(configMap({ name: 'a' }))?.id).toEqual({ group: '', kind: 'ConfigMap', namespace: 'default', name: 'a' });
  });

  it('takes the scope of a custom resource from the CRDs known', () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'x' } };
    expect(kubeObjectOf(body, { crdScopes: new Map([['example.com/Widget', 'Cluster' as const]]) })?.namespace).toBeUndefined();
    expect(kubeObjectOf(body, { crdScopes: new Map([['example.com/Widget', 'Namespaced' as const]]) })?.namespace).toBe('x');
  });

  it('is undefined for a body without apiVersion, kind or name', () => {
    expect(kubeObjectOf({ kind: 'ConfigMap', metadata: { name: 'a' } })).toBeUndefined();
    expect(kubeObjectOf({ apiVersion: 'v1', metadata: { name: 'a' } })).toBeUndefined();
    expect(kubeObjectOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toBeUndefined();
    expect(kubeObjectOf({ apiVersion: 'v1', kind: 'ConfigMap' })).toBeUndefined();
  });
});
