import type { Resource } from './resource.js';
import { isRecord, metadataOf } from './resource.js';

/**
 * Resources copied on purpose into several namespaces (the same Traefik
 * forward-auth Middleware in each app's namespace, because cross-namespace
 * references are worse), found so that the copies can be shown together,
 * and a copy that has drifted from its siblings can be told.
 */

/** Copies of one object in several namespaces, identical apart from `metadata.namespace` (and a name prefixed with the namespace). */
export interface DuplicateGroup {
  readonly apiVersion: string;
  readonly kind: string;
  /** The name, without a namespace prefix when the copies carry one (`media-auth`, `home-auth` → `auth`). */
  readonly name: string;
  /** The copies, in namespace order. */
  readonly copies: readonly Resource[];
}

/** A copy with the name of its siblings whose body differs from theirs. */
export interface DriftedCopy {
  readonly resource: Resource;
  /** The identical siblings it differs from (two or more), in namespace order. */
  readonly siblings: readonly Resource[];
  /** Top-level fields where it differs (`spec`, `data` …). */
  readonly fields: readonly string[];
}

/** Kinds whose same-named copies are expected to differ, or that say nothing when copied. */
const NOT_COPIES = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'HelmRelease', 'Kustomization', 'GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'ExternalSecret', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'DaemonSet', 'Service']);

/** The body with what may differ between copies left out: the namespace, the name, and what Flux and kubectl add. */
function comparable(resource: Resource, name: string): string {
  const body = resource.body;
  const meta = metadataOf(body);
  const { namespace: _ns, name: _name, annotations, labels, ...restMeta } = meta;
  const keep = (m: unknown) => (isRecord(m) ? Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('kustomize.toolkit.fluxcd.io/') && !k.startsWith('kubectl.kubernetes.io/'))) : m);
  const { metadata: _meta, ...rest } = body;
  return stableJson({ name, metadata: { ...restMeta, annotations: keep(annotations), labels: keep(labels) }, ...rest });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The name without its namespace as a prefix (`media-auth` in media → `auth`). */
function baseName(resource: Resource): string {
  const ns = resource.namespace;
  return ns && resource.name.startsWith(`${ns}-`) && resource.name.length > ns.length + 1 ? resource.name.slice(ns.length + 1) : resource.name;
}

/** Applied, namespaced objects that carry more than their identity, of kinds where copies mean something. */
function candidates(resources: readonly Resource[]): Resource[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    if (r.appliedBy.length === 0 || r.namespace === undefined || NOT_COPIES.has(r.kind)) return false;
    if (Object.keys(r.body).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata').length === 0) return false;
    const key = `${r.apiVersion}|${r.kind}|${r.namespace}|${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const byNamespace = (a: Resource, b: Resource) => ((a.namespace ?? '') < (b.namespace ?? '') ? -1 : (a.namespace ?? '') > (b.namespace ?? '') ? 1 : 0);

/** Objects defined identically in two or more namespaces, largest groups first, then by kind and name. */
export function duplicateGroups(resources: readonly Resource[]): DuplicateGroup[] {
  const groups = new Map<string, { apiVersion: string; kind: string; name: string; copies: Resource[] }>();
  for (const r of candidates(resources)) {
    const name = baseName(r);
    const key = `${r.apiVersion}|${r.kind}|${comparable(r, name)}`;
    const group = groups.get(key) ?? groups.set(key, { apiVersion: r.apiVersion, kind: r.kind, name, copies: [] }).get(key)!;
    group.copies.push(r);
  }
  return [...groups.values()]
    .filter((g) => new Set(g.copies.map((c) => c.namespace)).size >= 2)
    .map((g) => ({ ...g, copies: [...g.copies].sort(byNamespace) }))
    .sort((a, b) => b.copies.length - a.copies.length || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Copies that have drifted: among objects of one kind and (base) name in
 * three or more namespaces, those that differ from a group of two or more
 * identical siblings that is the largest one.
 */
export function driftedCopies(resources: readonly Resource[]): DriftedCopy[] {
  const byName = new Map<string, Resource[]>();
  for (const r of candidates(resources)) {
    const key = `${r.apiVersion}|${r.kind}|${baseName(r)}`;
    (byName.get(key) ?? byName.set(key, []).get(key)!).push(r);
  }
  const out: DriftedCopy[] = [];
  for (const copies of byName.values()) {
    if (new Set(copies.map((c) => c.namespace)).size < 3) continue;
    const variants = new Map<string, Resource[]>();
    for (const c of copies) {
      const key = comparable(c, baseName(c));
      (variants.get(key) ?? variants.set(key, []).get(key)!).push(c);
    }
    const sorted = [...variants.values()].sort((a, b) => b.length - a.length);
    const majority = sorted[0]!;
    // A clear majority of identical copies: two or more, more than any other variant.
    if (majority.length < 2 || (sorted[1] && sorted[1].length === majority.length)) continue;
    const reference = majority[0]!;
    for (const variant of sorted.slice(1)) {
      for (const resource of variant) {
        const fields = [...new Set([...Object.keys(resource.body), ...Object.keys(reference.body)])]
          .filter((k) => k !== 'metadata' && stableJson(resource.body[k]) !== stableJson(reference.body[k]))
          .sort();
        out.push({ resource, siblings: [...majority].sort(byNamespace), fields: fields.length > 0 ? fields : ['metadata'] });
      }
    }
  }
  return out;
}
