/** Identity of a Kubernetes object: group, kind, namespace (undefined = cluster-scoped or unset), name. */
export interface ResourceId {
  /** API group ('' for the core group), without version. */
  readonly group: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

/** The API group of an apiVersion: 'apps/v1' → 'apps', 'v1' → ''. */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function resourceId(apiVersion: string, kind: string, namespace: string | undefined, name: string): ResourceId {
  return { group: groupOf(apiVersion), kind, namespace, name };
}

/** Stable string key: `group/Kind/namespace/name` (empty segments kept). */
export function resourceKey(id: ResourceId): string {
  return `${id.group}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

export function parseResourceKey(key: string): ResourceId {
  const [group = '', kind = '', namespace = '', ...rest] = key.split('/');
  return { group, kind, namespace: namespace === '' ? undefined : namespace, name: rest.join('/') };
}

/** `Kind namespace/name` or `Kind name`, for messages. */
export function describeResource(id: Pick<ResourceId, 'kind' | 'namespace' | 'name'>): string {
  return id.namespace ? `${id.kind} ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}

/** A name a Kubernetes object can have (a DNS-1123 subdomain: lower case, digits, `-` and `.`). */
export function isObjectName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name);
}
