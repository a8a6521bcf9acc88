import type { ObjectOrigin } from '../resources/resource.js';
import { copyValue, isRecord } from '../resources/resource.js';
import { isKustomizeClusterScoped } from '../resources/cluster-scoped.js';
import { groupOf } from '../resources/resource-id.js';

/** An identity an object had earlier in a build (before a prefix, a namespace or a hash changed it). */
export interface PreviousId {
  readonly name: string;
  readonly namespace: string | undefined;
}

/**
 * An object while a build transforms it. Mutable on purpose: every unit
 * build works on its own deep copy (see `cloneObject`).
 */
export interface WorkingObject {
  body: Record<string, unknown>;
  origin: ObjectOrigin;
  /** Kustomization files from the one that listed the object outwards. */
  chain: string[];
  /** The namespace a kustomization file's `namespace:` set, when it set the current one. */
  namespaceFromKustomize: string | undefined;
  /** Identities before each rename, oldest first; the current one is in the body. */
  previousIds: PreviousId[];
  /** A generated ConfigMap/Secret that gets kustomize's content-hash suffix when the build ends. */
  needsHash: boolean;
}

/** A new object entering a build. */
export function createObject(body: Record<string, unknown>, origin: ObjectOrigin, needsHash = false): WorkingObject {
  return { body, origin, chain: [], namespaceFromKustomize: undefined, previousIds: [], needsHash };
}

export function cloneObject(obj: WorkingObject): WorkingObject {
  return {
    body: copyValue(obj.body),
    origin: obj.origin,
    chain: [...obj.chain],
    namespaceFromKustomize: obj.namespaceFromKustomize,
    previousIds: [...obj.previousIds],
    needsHash: obj.needsHash,
  };
}

export function apiVersionOf(obj: WorkingObject): string {
  const v = obj.body['apiVersion'];
  return typeof v === 'string' ? v : '';
}

export function kindOf(obj: WorkingObject): string {
  const k = obj.body['kind'];
  return typeof k === 'string' ? k : '';
}

export function groupOfObject(obj: WorkingObject): string {
  return groupOf(apiVersionOf(obj));
}

/** The version part of an apiVersion: 'apps/v1' → 'v1'. */
export function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

/** metadata of the body, created when missing. */
export function metadata(obj: WorkingObject): Record<string, unknown> {
  const m = obj.body['metadata'];
  if (isRecord(m)) return m;
  const created: Record<string, unknown> = {};
  obj.body['metadata'] = created;
  return created;
}

export function nameOf(obj: WorkingObject): string {
  const n = isRecord(obj.body['metadata']) ? obj.body['metadata']['name'] : undefined;
  return typeof n === 'string' ? n : n === undefined || n === null ? '' : String(n);
}

export function namespaceOf(obj: WorkingObject): string | undefined {
  const n = isRecord(obj.body['metadata']) ? obj.body['metadata']['namespace'] : undefined;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

export function isClusterScopedObject(obj: WorkingObject): boolean {
  return isKustomizeClusterScoped(apiVersionOf(obj), kindOf(obj));
}

/** kustomize compares namespaces of namespaced kinds with '' meaning 'default'. */
export function effectiveNamespace(obj: WorkingObject, namespace: string | undefined): string {
  if (isClusterScopedObject(obj)) return '';
  return namespace ?? 'default';
}

function remember(obj: WorkingObject): void {
  obj.previousIds.push({ name: nameOf(obj), namespace: namespaceOf(obj) });
}

export function renameObject(obj: WorkingObject, name: string): void {
  if (name === nameOf(obj)) return;
  remember(obj);
  metadata(obj)['name'] = name;
}

export function setObjectNamespace(obj: WorkingObject, namespace: string): void {
  if (namespace === namespaceOf(obj)) return;
  remember(obj);
  metadata(obj)['namespace'] = namespace;
}

/** Every identity the object has had, the current one last. */
export function allIds(obj: WorkingObject): PreviousId[] {
  return [...obj.previousIds, { name: nameOf(obj), namespace: namespaceOf(obj) }];
}

/** The identity the object had when it entered the build. */
export function originalId(obj: WorkingObject): PreviousId {
  return obj.previousIds[0] ?? { name: nameOf(obj), namespace: namespaceOf(obj) };
}

/** `Kind namespace/name` for messages. */
export function describeObject(obj: WorkingObject): string {
  const ns = namespaceOf(obj);
  return ns ? `${kindOf(obj)} ${ns}/${nameOf(obj)}` : `${kindOf(obj)} ${nameOf(obj)}`;
}

/**
 * True when the object has (or had) this identity: kustomize's "any id"
 * lookup used by untargeted patches, generator merges and replicas.
 */
export function hadId(obj: WorkingObject, name: string, namespace: string | undefined): boolean {
  const wanted = effectiveNamespace(obj, namespace);
  return allIds(obj).some((id) => id.name === name && effectiveNamespace(obj, id.namespace) === wanted);
}
