import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord, locateResourceField } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { SourceLocation } from '../../source-location.js';
import type { Reference, ReferenceVia } from '../reference.js';

/** What extractors may know beyond the one resource they read. Every field is optional. */
export interface ExtractContext {
  /**
   * Namespace cert-manager runs in: a ClusterIssuer reads its Secrets there.
   * @default 'cert-manager'
   */
  readonly certManagerNamespace?: string | undefined;
  /**
   * Namespace Longhorn runs in: its backup-target credential Secret lives there.
   * @default 'longhorn-system'
   */
  readonly longhornNamespace?: string | undefined;
  /**
   * Namespaces known to exist in the repository. Used to split Traefik's
   * `<namespace>-<name>@kubernetescrd` names, where both parts may hold dashes.
   * Without it, only the referrer's own namespace is tried.
   */
  readonly namespaces?: ReadonlySet<string> | undefined;
}

/** ExtractContext with its defaults applied. */
export interface ResolvedExtractContext {
  readonly certManagerNamespace: string;
  readonly longhornNamespace: string;
  readonly namespaces: ReadonlySet<string>;
}

export function resolveExtractContext(context: ExtractContext = {}): ResolvedExtractContext {
  return {
    certManagerNamespace: context.certManagerNamespace ?? 'cert-manager',
    longhornNamespace: context.longhornNamespace ?? 'longhorn-system',
    namespaces: context.namespaces ?? new Set(),
  };
}

/** One kind of reference knowledge: reads one resource, returns the references it makes. Pure. */
export interface ReferenceExtractor {
  /** Equal to the file name, e.g. `pod-spec`. */
  readonly name: string;
  readonly extract: (resource: Resource, context: ResolvedExtractContext) => readonly Reference[];
}

/** The object a reference points at; `name` is checked by {@link referableName}. */
export interface ReferenceTarget {
  /** API group, '' (core) by default. */
  readonly group?: string | undefined;
  readonly kind: string;
  /** undefined only for cluster-scoped targets. */
  readonly namespace: string | undefined;
  readonly name: unknown;
}

export interface ReferenceFlags {
  readonly defines?: boolean | undefined;
  readonly optional?: boolean | undefined;
  readonly detail?: string | undefined;
  /** Overrides the collector's `via` for this one reference. */
  readonly via?: ReferenceVia | undefined;
  /** A more precise place than the field's key (a line inside a block string). */
  readonly location?: SourceLocation | undefined;
}

/**
 * A name that can be looked up: a non-empty string without an unexpanded
 * template (`${VAR}` left by a failed Flux substitution, `{{ … }}` Helm).
 * Such names are skipped rather than reported as dangling: the unexpanded
 * template is the problem, and it is reported elsewhere.
 */
export function referableName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name === '' || name.includes('${') || name.includes('{{')) return undefined;
  return name;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `['spec', 'containers', 0, 'env']` → `spec.containers[0].env`; odd keys quoted: `data["a.yaml"]`. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (PLAIN_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** A reference from `resource` at `path`, or undefined when the target name is not referable. */
export function referenceAt(
  resource: Resource,
  via: ReferenceVia,
  path: FieldPath,
  target: ReferenceTarget,
  flags: ReferenceFlags = {},
): Reference | undefined {
  const name = referableName(target.name);
  if (name === undefined) return undefined;
  const reference: Reference = {
    from: resource.id,
    to: { group: target.group ?? '', kind: target.kind, namespace: target.namespace, name },
    path,
    location: flags.location ?? locateResourceField(resource, path),
    via: flags.via ?? via,
    defines: flags.defines ?? false,
    optional: flags.optional ?? false,
  };
  return flags.detail === undefined ? reference : { ...reference, detail: flags.detail };
}

/** Accumulates the references of one extractor run. */
export interface ReferenceCollector {
  readonly references: Reference[];
  add(path: FieldPath, target: ReferenceTarget, flags?: ReferenceFlags): void;
}

export function collectReferences(resource: Resource, via: ReferenceVia): ReferenceCollector {
  const references: Reference[] = [];
  return {
    references,
    add(path, target, flags) {
      const reference = referenceAt(resource, via, path, target, flags);
      if (reference) references.push(reference);
    },
  };
}

/** The value at a path of a plain-data body, or undefined. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[key];
    } else {
      if (!isRecord(node)) return undefined;
      node = node[key];
    }
  }
  return node;
}

export function recordAt(root: unknown, path: FieldPath): Record<string, unknown> | undefined {
  const value = valueAt(root, path);
  return isRecord(value) ? value : undefined;
}

export function arrayAt(root: unknown, path: FieldPath): readonly unknown[] {
  const value = valueAt(root, path);
  return Array.isArray(value) ? value : [];
}

export function stringAt(root: unknown, path: FieldPath): string | undefined {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : undefined;
}

/** `optional: true` at the path (Kubernetes' optional Secret/ConfigMap references). */
export function isOptionalAt(root: unknown, path: FieldPath): boolean {
  return valueAt(root, [...path, 'optional']) === true;
}

/** A namespace written in a reference, else the referrer's. */
export function namespaceOr(written: unknown, fallback: string | undefined): string | undefined {
  return typeof written === 'string' && written.trim() !== '' ? written.trim() : fallback;
}
