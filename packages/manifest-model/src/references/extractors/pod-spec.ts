import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, isOptionalAt, recordAt, stringAt } from './extractor.js';

/** Where each workload kind keeps its pod spec, keyed `group/Kind`. */
const POD_SPEC_PATHS: ReadonlyMap<string, FieldPath> = new Map<string, FieldPath>([
  ['/Pod', ['spec']],
  ['/PodTemplate', ['template', 'spec']],
  ['/ReplicationController', ['spec', 'template', 'spec']],
  ['apps/Deployment', ['spec', 'template', 'spec']],
  ['apps/StatefulSet', ['spec', 'template', 'spec']],
  ['apps/DaemonSet', ['spec', 'template', 'spec']],
  ['apps/ReplicaSet', ['spec', 'template', 'spec']],
  ['extensions/Deployment', ['spec', 'template', 'spec']],
  ['extensions/DaemonSet', ['spec', 'template', 'spec']],
  ['extensions/ReplicaSet', ['spec', 'template', 'spec']],
  ['batch/Job', ['spec', 'template', 'spec']],
  ['batch/CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['argoproj.io/Rollout', ['spec', 'template', 'spec']],
]);

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Path of the pod spec of a workload resource, or undefined when the kind has none (or it is missing). */
export function podSpecPath(resource: Pick<Resource, 'id' | 'body'>): FieldPath | undefined {
  const path = POD_SPEC_PATHS.get(`${resource.id.group}/${resource.id.kind}`);
  return path && recordAt(resource.body, path) ? path : undefined;
}

/** Paths of every container (init, regular, ephemeral) of a pod spec. */
export function containerPaths(body: unknown, specPath: FieldPath): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const list of CONTAINER_LISTS) {
    arrayAt(body, [...specPath, list]).forEach((container, i) => {
      if (isRecord(container)) paths.push([...specPath, list, i]);
    });
  }
  return paths;
}

function extractContainer(body: unknown, path: FieldPath, namespace: string | undefined, refs: ReferenceCollector): void {
  arrayAt(body, [...path, 'env']).forEach((_, i) => {
    const valueFrom: FieldPath = [...path, 'env', i, 'valueFrom'];
    for (const [field, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
      const ref = recordAt(body, [...valueFrom, field]);
      if (!ref) continue;
      refs.add([...valueFrom, field, 'name'], { kind, namespace, name: ref['name'] }, {
        optional: ref['optional'] === true,
        detail: typeof ref['key'] === 'string' ? ref['key'] : undefined,
      });
    }
  });
  arrayAt(body, [...path, 'envFrom']).forEach((_, i) => {
    for (const [field, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
      const refPath: FieldPath = [...path, 'envFrom', i, field];
      const ref = recordAt(body, refPath);
      if (ref) refs.add([...refPath, 'name'], { kind, namespace, name: ref['name'] }, { optional: ref['optional'] === true });
    }
  });
}

function extractVolumes(body: unknown, specPath: FieldPath, namespace: string | undefined, refs: ReferenceCollector): void {
  arrayAt(body, [...specPath, 'volumes']).forEach((_, i) => {
    const volume: FieldPath = [...specPath, 'volumes', i];
    const secret = stringAt(body, [...volume, 'secret', 'secretName']);
    if (secret !== undefined) {
      refs.add([...volume, 'secret', 'secretName'], { kind: 'Secret', namespace, name: secret }, { optional: isOptionalAt(body, [...volume, 'secret']) });
    }
    const configMap = stringAt(body, [...volume, 'configMap', 'name']);
    if (configMap !== undefined) {
      refs.add([...volume, 'configMap', 'name'], { kind: 'ConfigMap', namespace, name: configMap }, { optional: isOptionalAt(body, [...volume, 'configMap']) });
    }
    arrayAt(body, [...volume, 'projected', 'sources']).forEach((_, j) => {
      const source: FieldPath = [...volume, 'projected', 'sources', j];
      for (const [field, kind] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
        const name = stringAt(body, [...source, field, 'name']);
        if (name !== undefined) refs.add([...source, field, 'name'], { kind, namespace, name }, { optional: isOptionalAt(body, [...source, field]) });
      }
    });
    const claim = stringAt(body, [...volume, 'persistentVolumeClaim', 'claimName']);
    if (claim !== undefined) {
      refs.add([...volume, 'persistentVolumeClaim', 'claimName'], { kind: 'PersistentVolumeClaim', namespace, name: claim }, { via: 'persistent-volume-claim' });
    }
  });
}

/**
 * Secret, ConfigMap, PersistentVolumeClaim and ServiceAccount references of
 * the pod spec of every workload kind: env valueFrom, envFrom, volumes
 * (secret, configMap, projected, persistentVolumeClaim), imagePullSecrets,
 * serviceAccountName. All targets are in the workload's namespace.
 */
export const podSpecExtractor: ReferenceExtractor = {
  name: 'pod-spec',
  extract(resource) {
    const specPath = podSpecPath(resource);
    if (!specPath) return [];
    const body = resource.body;
    const namespace = resource.namespace;
    const refs = collectReferences(resource, 'pod-spec');
    for (const container of containerPaths(body, specPath)) extractContainer(body, container, namespace, refs);
    extractVolumes(body, specPath, namespace, refs);
    arrayAt(body, [...specPath, 'imagePullSecrets']).forEach((_, i) => {
      const path: FieldPath = [...specPath, 'imagePullSecrets', i, 'name'];
      refs.add(path, { kind: 'Secret', namespace, name: stringAt(body, path) });
    });
    // The `default` ServiceAccount exists in every namespace: only another name is a reference worth checking.
    for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
      const name = stringAt(body, [...specPath, field]);
      if (name === undefined) continue;
      if (name !== 'default') refs.add([...specPath, field], { kind: 'ServiceAccount', namespace, name }, { via: 'service-account' });
      break;
    }
    return refs.references;
  },
};
