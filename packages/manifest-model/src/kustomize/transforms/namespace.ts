import { isRecord } from '../../resources/resource.js';
import { forEachParent } from '../field-path.js';
import type { WorkingObject } from '../working-object.js';
import { apiVersionOf, groupOfObject, isClusterScopedObject, kindOf, renameObject, setObjectNamespace } from '../working-object.js';

/**
 * Namespace fields besides metadata.namespace that kustomize sets (group/Kind
 * → path, create). Webhook configurations' services are not among them: they
 * follow their Service through the name references.
 */
const OTHER_NAMESPACE_FIELDS: readonly { group: string; kind: string; path: string[]; create: boolean }[] = [
  { group: 'apiregistration.k8s.io', kind: 'APIService', path: ['spec', 'service', 'namespace'], create: true },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', path: ['spec', 'conversion', 'webhook', 'clientConfig', 'service', 'namespace'], create: false },
];

/**
 * kustomize's namespace transformer: sets metadata.namespace on every
 * namespaced object (kinds kustomize does not know are namespaced), renames
 * `v1` Namespace objects to the namespace, and sets the namespace of
 * (Cluster)RoleBinding subjects named `default`. Subjects that name a
 * renamed ServiceAccount are fixed later with the other name references.
 *
 * `fromKustomization` records the namespace as coming from a kustomization
 * file; a Flux `targetNamespace` clears that record instead.
 */
export function applyNamespace(objects: readonly WorkingObject[], namespace: string, fromKustomization: boolean): void {
  for (const obj of objects) {
    const kind = kindOf(obj);
    if (isClusterScopedObject(obj)) {
      if (kind === 'Namespace' && apiVersionOf(obj) === 'v1') renameObject(obj, namespace);
    } else {
      setObjectNamespace(obj, namespace);
      obj.namespaceFromKustomize = fromKustomization ? namespace : undefined;
    }
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const subjects = obj.body['subjects'];
      if (Array.isArray(subjects)) {
        for (const s of subjects) if (isRecord(s) && s['name'] === 'default') s['namespace'] = namespace;
      }
    }
    const group = groupOfObject(obj);
    for (const f of OTHER_NAMESPACE_FIELDS) {
      if (f.kind !== kind || f.group !== group) continue;
      forEachParent(obj.body, f.path, f.create, (parent, key) => {
        if (f.create || key in parent) parent[key] = namespace;
      });
    }
  }
}
