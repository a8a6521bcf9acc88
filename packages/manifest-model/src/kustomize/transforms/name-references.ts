import { isRecord } from '../../resources/resource.js';
import { mapStringsAt } from '../field-path.js';
import type { WorkingObject } from '../working-object.js';
import { effectiveNamespace, groupOfObject, isClusterScopedObject, kindOf, nameOf, namespaceOf } from '../working-object.js';

/** Where a pod spec sits in each workload kind. */
const POD_SPEC: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Workload kinds kustomize follows ConfigMap/Secret references in, and those it follows ServiceAccount/PVC/PriorityClass references in. */
const CONFIG_REFERRERS = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
const WORKLOAD_REFERRERS = ['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'ReplicationController'];

interface Referrer {
  readonly kind: string;
  readonly group?: string;
  readonly path: readonly string[];
}

/** Where objects of one kind are named by other objects: kustomize's nameReference configuration entry. */
export interface ReferenceRule {
  readonly kind: string;
  readonly group: string;
  readonly referrers: readonly Referrer[];
}

const split = (p: string) => p.split('/');
const inPodSpecs = (kinds: readonly string[], paths: readonly string[]): Referrer[] =>
  kinds.flatMap((kind) => paths.map((p) => ({ kind, path: [...POD_SPEC[kind]!, ...split(p)] })));
const containerPaths = (tail: string) => ['containers', 'initContainers'].map((c) => `${c}/${tail}`);

/** The references kustomize's default name-reference configuration follows for built-in kinds. */
const RULES: readonly ReferenceRule[] = [
  {
    kind: 'ConfigMap',
    group: '',
    referrers: [
      ...inPodSpecs(CONFIG_REFERRERS, ['volumes/configMap/name', 'volumes/projected/sources/configMap/name', ...containerPaths('env/valueFrom/configMapKeyRef/name'), ...containerPaths('envFrom/configMapRef/name')]),
      { kind: 'Role', path: split('rules/resourceNames') },
      { kind: 'ClusterRole', path: split('rules/resourceNames') },
    ],
  },
  {
    kind: 'Secret',
    group: '',
    referrers: [
      ...inPodSpecs(CONFIG_REFERRERS, [
        'volumes/secret/secretName',
        'volumes/projected/sources/secret/name',
        'imagePullSecrets/name',
        ...containerPaths('env/valueFrom/secretKeyRef/name'),
        ...containerPaths('envFrom/secretRef/name'),
      ]),
      { kind: 'Ingress', path: split('spec/tls/secretName') },
      { kind: 'ServiceAccount', path: split('imagePullSecrets/name') },
      { kind: 'Role', path: split('rules/resourceNames') },
      { kind: 'ClusterRole', path: split('rules/resourceNames') },
    ],
  },
  {
    kind: 'Service',
    group: '',
    referrers: [
      { kind: 'StatefulSet', group: 'apps', path: split('spec/serviceName') },
      { kind: 'Ingress', path: split('spec/rules/http/paths/backend/serviceName') },
      { kind: 'Ingress', path: split('spec/backend/serviceName') },
      { kind: 'Ingress', path: split('spec/rules/http/paths/backend/service/name') },
      { kind: 'Ingress', path: split('spec/defaultBackend/service/name') },
      { kind: 'APIService', group: 'apiregistration.k8s.io', path: split('spec/service/name') },
    ],
  },
  { kind: 'ServiceAccount', group: '', referrers: inPodSpecs(WORKLOAD_REFERRERS, ['serviceAccountName']) },
  { kind: 'PersistentVolumeClaim', group: '', referrers: inPodSpecs(WORKLOAD_REFERRERS, ['volumes/persistentVolumeClaim/claimName']) },
  { kind: 'PriorityClass', group: 'scheduling.k8s.io', referrers: inPodSpecs(WORKLOAD_REFERRERS, ['priorityClassName']) },
  { kind: 'PersistentVolume', group: '', referrers: [{ kind: 'PersistentVolumeClaim', path: split('spec/volumeName') }] },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    referrers: [
      { kind: 'PersistentVolume', path: split('spec/storageClassName') },
      { kind: 'PersistentVolumeClaim', path: split('spec/storageClassName') },
      { kind: 'StatefulSet', path: split('spec/volumeClaimTemplates/spec/storageClassName') },
    ],
  },
  { kind: 'IngressClass', group: 'networking.k8s.io', referrers: [{ kind: 'Ingress', path: split('spec/ingressClassName') }] },
];

/** Kinds that (Cluster)RoleBindings and HorizontalPodAutoscalers point at by `kind` + `name`. */
const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
const CLUSTER_ROLE = new Set(['ClusterRole']);
const SCALABLE_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/**
 * The one object a reference by an earlier name means: objects of the kind
 * that had that name, in the referrer's namespace when both are
 * namespaced; when several did, those that came through the same
 * kustomizations as the referrer. Undefined when none or still ambiguous.
 */
function resolve(name: string, namespace: string | null, referrer: WorkingObject, candidates: readonly WorkingObject[]): WorkingObject | undefined {
  let found = candidates.filter((c) => {
    if (!c.previousIds.some((id) => id.name === name && (namespace === null || effectiveNamespace(c, id.namespace) === namespace))) return false;
    if (namespace !== null || isClusterScopedObject(c) || isClusterScopedObject(referrer)) return true;
    return effectiveNamespace(c, namespaceOf(c)) === effectiveNamespace(referrer, namespaceOf(referrer));
  });
  if (found.length > 1) {
    const sameChain = found.filter((c) => c.chain.join('|') === referrer.chain.join('|'));
    if (sameChain.length > 0) found = sameChain;
  }
  const names = new Set(found.map((c) => `${namespaceOf(c) ?? ''}/${nameOf(c)}`));
  return names.size === 1 ? found[0] : undefined;
}

function renamedOfKind(objects: readonly WorkingObject[], kind: string, group?: string): WorkingObject[] {
  return objects.filter((o) => o.previousIds.length > 0 && kindOf(o) === kind && (group === undefined || groupOfObject(o) === group));
}

/** (Cluster)RoleBinding subjects and webhook services name both a name and a namespace. */
function fixNamespacedPointer(pointer: Record<string, unknown>, referrer: WorkingObject, candidates: readonly WorkingObject[]): void {
  if (typeof pointer['name'] !== 'string') return;
  const ns = typeof pointer['namespace'] === 'string' ? pointer['namespace'] : undefined;
  const target = candidates.length > 0 ? resolve(pointer['name'], ns ?? 'default', referrer, candidates) : undefined;
  if (!target) return;
  pointer['name'] = nameOf(target);
  const targetNs = namespaceOf(target);
  if (targetNs !== undefined) pointer['namespace'] = targetNs;
}

/**
 * kustomize's last step: references to objects that a prefix, suffix,
 * namespace or hash suffix renamed are rewritten to the new names, for
 * the references its default configuration knows (pod specs, RBAC,
 * Ingress, StatefulSet serviceName, HPA, webhooks…) and those the
 * kustomizations' `configurations` add (`configured`, see
 * `nameReferenceRules`).
 */
export function fixNameReferences(objects: readonly WorkingObject[], configured: readonly ReferenceRule[] = []): void {
  if (!objects.some((o) => o.previousIds.length > 0)) return;
  for (const rule of [...RULES, ...configured]) {
    const candidates = renamedOfKind(objects, rule.kind, rule.group);
    if (candidates.length === 0) continue;
    for (const referrer of objects) {
      const kind = kindOf(referrer);
      for (const r of rule.referrers) {
        if (r.kind !== kind || (r.group !== undefined && r.group !== groupOfObject(referrer))) continue;
        mapStringsAt(referrer.body, r.path, (value) => {
          const target = resolve(value, null, referrer, candidates);
          return target ? nameOf(target) : value;
        });
      }
    }
  }

  const serviceAccounts = renamedOfKind(objects, 'ServiceAccount', '');
  const services = renamedOfKind(objects, 'Service', '');
  for (const referrer of objects) {
    const kind = kindOf(referrer);
    const body = referrer.body;
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      for (const s of Array.isArray(body['subjects']) ? body['subjects'] : []) {
        if (isRecord(s) && s['kind'] === 'ServiceAccount') fixNamespacedPointer(s, referrer, serviceAccounts);
      }
      const roleRef = body['roleRef'];
      const roleKinds = kind === 'RoleBinding' ? ROLE_KINDS : CLUSTER_ROLE;
      if (isRecord(roleRef) && typeof roleRef['name'] === 'string' && typeof roleRef['kind'] === 'string' && roleKinds.has(roleRef['kind'])) {
        const target = resolve(roleRef['name'], null, referrer, renamedOfKind(objects, roleRef['kind'], 'rbac.authorization.k8s.io'));
        if (target) roleRef['name'] = nameOf(target);
      }
    } else if (kind === 'HorizontalPodAutoscaler') {
      const ref = isRecord(body['spec']) ? body['spec']['scaleTargetRef'] : undefined;
      if (isRecord(ref) && typeof ref['name'] === 'string' && typeof ref['kind'] === 'string' && SCALABLE_KINDS.has(ref['kind'])) {
        const target = resolve(ref['name'], null, referrer, renamedOfKind(objects, ref['kind']));
        if (target) ref['name'] = nameOf(target);
      }
    } else if ((kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') && Array.isArray(body['webhooks'])) {
      for (const hook of body['webhooks']) {
        const service = isRecord(hook) && isRecord(hook['clientConfig']) ? hook['clientConfig']['service'] : undefined;
        if (isRecord(service)) fixNamespacedPointer(service, referrer, services);
      }
    }
  }
}

/** The kind and group of a `kind`/`group`/`version` entry of a transformer configuration. */
function gvk(entry: Readonly<Record<string, unknown>>): { kind: string; group?: string } | undefined {
  if (typeof entry['kind'] !== 'string') return undefined;
  const group = typeof entry['group'] === 'string' ? entry['group'] : undefined;
  return group === undefined ? { kind: entry['kind'] } : { kind: entry['kind'], group };
}

/**
 * The `nameReference` entries of a kustomize transformer configuration (a
 * file `configurations:` lists) as rules: `{kind, fieldSpecs: [{path, kind}]}`
 * says that objects of `kind` are named at `path` of the objects of each
 * field spec's kind. Entries without a kind or a path are left out.
 */
export function nameReferenceRules(config: Readonly<Record<string, unknown>>): ReferenceRule[] {
  const out: ReferenceRule[] = [];
  for (const entry of Array.isArray(config['nameReference']) ? config['nameReference'] : []) {
    if (!isRecord(entry)) continue;
    const target = gvk(entry);
    if (!target) continue;
    const referrers: Referrer[] = [];
    for (const spec of Array.isArray(entry['fieldSpecs']) ? entry['fieldSpecs'] : []) {
      if (!isRecord(spec) || typeof spec['path'] !== 'string') continue;
      const referrer = gvk(spec);
      if (referrer) referrers.push({ ...referrer, path: split(spec['path']) });
    }
    if (referrers.length > 0) out.push({ kind: target.kind, group: target.group ?? '', referrers });
  }
  return out;
}
