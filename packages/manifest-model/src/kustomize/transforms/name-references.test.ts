import { describe, expect, it } from 'vitest';
import type { WorkingObject } from '../working-object.js';
import { createObject, renameObject, setObjectNamespace } from '../working-object.js';
import { fixNameReferences } from './name-references.js';

const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k', line: 1, column: 1 }, sources: [], literals: 0 } as const;
const obj = (body: Record<string, unknown>): WorkingObject => createObject(body, origin);
/** An object of `kind` first called `name`, renamed to `to`. */
function renamed(apiVersion: string, kind: string, name: string, to: string, namespace?: string): WorkingObject {
  const o = obj({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
  renameObject(o, to);
  return o;
}

describe('fixNameReferences', () => {
  it('follows renamed ConfigMaps, Secrets, ServiceAccounts and PVCs in pod specs, in the same namespace only', () => {
    const cm = renamed('v1', 'ConfigMap', 'cm', 'cm-abc');
    const sa = renamed('v1', 'ServiceAccount', 'sa', 'p-sa');
    const elsewhere = renamed('v1', 'Secret', 's', 'p-s', 'other');
    const d = obj({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { serviceAccountName: 'sa', containers: [{ envFrom: [{ configMapRef: { name: 'cm' } }, { secretRef: { name: 's' } }] }], volumes: [{ configMap: { name: 'cm' } }] } } },
    });
    fixNameReferences([cm, sa, elsewhere, d]);
    expect(d.body['spec']).toEqual({
      template: { spec: { serviceAccountName: 'p-sa', containers: [{ envFrom: [{ configMapRef: { name: 'cm-abc' } }, { secretRef: { name: 's' } }] }], volumes: [{ configMap: { name: 'cm-abc' } }] } },
    });
  });

  it('moves binding subjects and roleRefs with their ServiceAccount and Role', () => {
    const sa = obj({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'a' } });
    setObjectNamespace(sa, 'b');
    const role = renamed('rbac.authorization.k8s.io/v1', 'Role', 'r', 'x-r', 'b');
    const rb = obj({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'b' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'a' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'z' }, { kind: 'User', name: 'sa' }],
    });
    fixNameReferences([sa, role, rb]);
    expect(rb.body['roleRef']).toEqual({ kind: 'Role', name: 'x-r' });
    expect(rb.body['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'sa', namespace: 'b' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'z' }, { kind: 'User', name: 'sa' }]);
  });

  it('leaves a reference alone when two renamed objects could be meant and nothing tells them apart', () => {
    const a = renamed('v1', 'ConfigMap', 'cm', 'a-cm');
    a.chain = ['a/kustomization.yaml'];
    const b = renamed('v1', 'ConfigMap', 'cm', 'b-cm');
    b.chain = ['b/kustomization.yaml'];
    const pod = obj({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ configMap: { name: 'cm' } }] } });
    fixNameReferences([a, b, pod]);
    expect(pod.body['spec']).toEqual({ volumes: [{ configMap: { name: 'cm' } }] });
    pod.chain = ['b/kustomization.yaml'];
    fixNameReferences([a, b, pod]);
    expect(pod.body['spec']).toEqual({ volumes: [{ configMap: { name: 'b-cm' } }] });
  });
});
