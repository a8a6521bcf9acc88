import { isRecord } from '../../resources/resource.js';
import { groupOf } from '../../resources/resource-id.js';

/** Returned when a `$patch: delete` removes the whole object. */
export const DELETED = Symbol('deleted');

/** API groups of the built-in kinds: their lists merge by key; custom kinds' lists are replaced (kustomize has no schema for them). */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'extensions',
  'policy',
  'autoscaling',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * The `x-kubernetes-patch-merge-key` of a list in a built-in kind, from the
 * field names leading to it; undefined when the list is replaced whole.
 */
export function mergeKeyFor(path: readonly string[], kind: string): string | undefined {
  const field = path[path.length - 1];
  const inContainer = path.slice(0, -1).some((p) => CONTAINER_LISTS.has(p));
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return 'name';
    case 'env':
      return inContainer ? 'name' : undefined;
    case 'volumeMounts':
      return inContainer ? 'mountPath' : undefined;
    case 'volumeDevices':
      return inContainer ? 'devicePath' : undefined;
    case 'ports':
      if (inContainer) return 'containerPort';
      return kind === 'Service' && path.length === 2 && path[0] === 'spec' ? 'port' : undefined;
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'readinessGates':
      return 'conditionType';
    case 'ownerReferences':
      return 'uid';
    default:
      return undefined;
  }
}

interface MergeContext {
  readonly kind: string;
  /** A built-in kind: kustomize knows its schema (merge keys). */
  readonly builtIn: boolean;
}

/**
 * A patch value taken as is where nothing is merged: `$patch` keys and
 * null values of maps are dropped; lists are copied verbatim (kustomize
 * keeps any other `$…` key as an ordinary field).
 */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return structuredClone(value);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '$patch' && v !== null) out[k] = plain(v);
  return out;
}

function mergeValue(original: unknown, patch: unknown, path: readonly string[], ctx: MergeContext): unknown {
  if (Array.isArray(patch)) return mergeList(original, patch, path, ctx);
  if (!isRecord(patch)) return patch;
  if (patch['$patch'] === 'delete') return DELETED;
  if (patch['$patch'] === 'replace' || !isRecord(original)) return plain(patch);
  return mergeMap(original, patch, path, ctx);
}

function mergeMap(original: Record<string, unknown>, patch: Record<string, unknown>, path: readonly string[], ctx: MergeContext): Record<string, unknown> {
  const out: Record<string, unknown> = { ...original };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = mergeValue(out[k], v, [...path, k], ctx);
    if (merged === DELETED) delete out[k];
    else out[k] = merged;
  }
  return out;
}

/**
 * A keyed list merges item by item: patch items first, in patch order
 * (merged into the original item with the same key, or new), then the
 * original items the patch did not mention; `$patch: delete` items remove
 * theirs; a `- $patch: replace` item replaces the list. Other lists are
 * replaced verbatim, except metadata.finalizers of built-in kinds, a set.
 */
function mergeList(original: unknown, patch: readonly unknown[], path: readonly string[], ctx: MergeContext): unknown[] {
  const isReplaceDirective = (v: unknown) => isRecord(v) && v['$patch'] === 'replace' && Object.keys(v).length === 1;
  if (patch.some(isReplaceDirective)) return patch.filter((v) => !isReplaceDirective(v)).map(plain);
  if (!ctx.builtIn || !Array.isArray(original)) return structuredClone(patch) as unknown[];
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'finalizers') {
    return [...patch, ...original.filter((o) => !patch.includes(o))];
  }
  const key = mergeKeyFor(path, ctx.kind);
  if (key === undefined) return structuredClone(patch) as unknown[];
  const used = new Set<number>();
  const out: unknown[] = [];
  for (const item of patch) {
    if (!isRecord(item) || item[key] === undefined) {
      out.push(plain(item));
      continue;
    }
    const index = original.findIndex((o, i) => !used.has(i) && isRecord(o) && o[key] === item[key]);
    if (index >= 0) used.add(index);
    if (item['$patch'] === 'delete') continue;
    const merged = index >= 0 ? mergeValue(original[index], item, path, ctx) : plain(item);
    if (merged !== DELETED) out.push(merged);
  }
  original.forEach((o, i) => {
    if (!used.has(i)) out.push(o);
  });
  return out;
}

/**
 * Applies a strategic merge patch to an object body the way kustomize does
 * for built-in kinds (lists merged by their Kubernetes merge key) and custom
 * kinds (maps merged, lists replaced). The patch's own apiVersion, kind,
 * name and namespace are not applied. Returns DELETED for `$patch: delete`.
 */
export function strategicMerge(body: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> | typeof DELETED {
  if (patch['$patch'] === 'delete') return DELETED;
  const group = groupOf(typeof body['apiVersion'] === 'string' ? body['apiVersion'] : '');
  const kind = typeof body['kind'] === 'string' ? body['kind'] : '';
  const { apiVersion: _a, kind: _k, ...rest } = patch;
  const meta = rest['metadata'];
  if (isRecord(meta)) {
    const { name: _n, namespace: _ns, ...otherMeta } = meta;
    rest['metadata'] = otherMeta;
  }
  return mergeMap(body, rest, [], { kind, builtIn: BUILT_IN_GROUPS.has(group) });
}
