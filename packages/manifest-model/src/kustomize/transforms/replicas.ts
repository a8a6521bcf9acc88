import { isRecord } from '../../resources/resource.js';
import type { ReplicaEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';
import { allIds, kindOf } from '../working-object.js';

const SCALABLE_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/**
 * `replicas:` sets spec.replicas of the Deployments, ReplicationControllers,
 * ReplicaSets and StatefulSets that have (or had) the entry's name. Returns
 * the entries that matched nothing (kustomize stops the build for them).
 */
export function applyReplicas(objects: readonly WorkingObject[], entries: readonly ReplicaEntry[]): ReplicaEntry[] {
  const unmatched: ReplicaEntry[] = [];
  for (const entry of entries) {
    const targets = objects.filter((o) => SCALABLE_KINDS.has(kindOf(o)) && allIds(o).some((id) => id.name === entry.name));
    if (targets.length === 0) unmatched.push(entry);
    for (const obj of targets) {
      const spec = obj.body['spec'];
      if (isRecord(spec)) spec['replicas'] = entry.count;
      else obj.body['spec'] = { replicas: entry.count };
    }
  }
  return unmatched;
}
