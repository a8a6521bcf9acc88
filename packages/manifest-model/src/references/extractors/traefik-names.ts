/**
 * Traefik's provider-qualified names: `name@provider`. For the Kubernetes CRD
 * provider the name is `<namespace>-<name>` (or `<namespace>_<name>` with
 * safe naming), and both parts may contain dashes.
 */

export interface CrdObjectName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Split a `<namespace>-<name>@kubernetescrd` (or `_`) name. The namespace is
 * the longest known namespace that prefixes it, else the referrer's own
 * namespace when it does; undefined when it cannot be told apart.
 */
export function splitCrdName(qualified: string, known: ReadonlySet<string>, own: string | undefined): CrdObjectName | undefined {
  const at = qualified.lastIndexOf('@');
  if (at < 0 || qualified.slice(at + 1) !== 'kubernetescrd') return undefined;
  const base = qualified.slice(0, at);
  const underscore = base.indexOf('_');
  if (underscore > 0) return { namespace: base.slice(0, underscore), name: base.slice(underscore + 1) };
  const candidates = [...known, ...(own ? [own] : [])]
    .filter((ns) => base.length > ns.length + 1 && base.startsWith(`${ns}-`))
    .sort((a, b) => b.length - a.length);
  const namespace = candidates[0];
  return namespace === undefined ? undefined : { namespace, name: base.slice(namespace.length + 1) };
}

/** A plain name refers to an object of the Kubernetes CRD provider; `name@provider` to another provider. */
export function isProviderQualified(name: unknown): boolean {
  return typeof name === 'string' && name.includes('@');
}
