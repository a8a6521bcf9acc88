import type { FieldPath, YamlDocument } from '../documents/yaml-document.js';
import { locateFieldLazy } from '../documents/parse-yaml-file.js';
import type { SourceLocation } from '../source-location.js';
import type { KubeObject, NamespaceOrigin } from './kube-object.js';

export type { KubeObject, NamespaceOrigin } from './kube-object.js';

/** How an object came to exist in a build. */
export type ObjectOrigin =
  | { readonly type: 'document'; readonly document: YamlDocument }
  | {
      readonly type: 'generator';
      readonly generator: 'configMapGenerator' | 'secretGenerator';
      /** The generator entry in its kustomization file. */
      readonly location: SourceLocation;
      /** Repository paths of the files and env files it reads, sorted. */
      readonly sources: readonly string[];
      /** How many `literals` it has. */
      readonly literals: number;
    };

/**
 * One object of a build: the body after transformations, where it came
 * from, and the kustomization files it passed through (innermost first).
 */
export interface BuiltObject {
  readonly body: Record<string, unknown>;
  readonly origin: ObjectOrigin;
  /** Kustomization files from the one that listed the object outwards. */
  readonly chain: readonly string[];
  /** Set when `metadata.namespace` came from a kustomization `namespace:` rather than the manifest. */
  readonly namespaceFromKustomize?: string | undefined;
}

/** Where a Resource comes from in git: how its namespace was settled, the document or generator, the build, who applies it. */
export interface GitProvenance {
  readonly namespaceOrigin: NamespaceOrigin;
  readonly origin: ObjectOrigin;
  /** Where the object is defined (document start, or the generator entry). */
  readonly location: SourceLocation;
  /** The build unit (folder) whose build produced it. */
  readonly unit: string;
  /** Kustomization files the object passed through, innermost first. */
  readonly chain: readonly string[];
  /** Flux Kustomizations (`namespace/name`) that apply it; empty when nothing applies it. */
  readonly appliedBy: readonly string[];
  /** The document carries a SOPS metadata block. */
  readonly sops: boolean;
}

/**
 * A Kubernetes object of the model: what the cluster gets from git — the
 * object (`KubeObject`, the type the Kubernetes client produces too) and
 * its git provenance.
 */
export interface Resource extends KubeObject, GitProvenance {}

/** File:line of a field of a resource, in its source document (the document start when the field is not in the source). */
export function locateResourceField(resource: Pick<Resource, 'origin' | 'location'>, path: FieldPath): SourceLocation {
  return resource.origin.type === 'document' ? locateFieldLazy(resource.origin.document, path) : resource.location;
}

export function originLocation(origin: ObjectOrigin): SourceLocation {
  return origin.type === 'document' ? origin.document.location : origin.location;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy of a parsed YAML value: new arrays and objects, the same
 * strings (structuredClone would copy every string too, and a model copies
 * each object several times). Shared nodes (YAML aliases) stay shared and a
 * cycle is copied as a cycle; iterative, so that depth costs no stack.
 */
export function copyValue<T>(value: T): T {
  if (!value || typeof value !== 'object') return value;
  const copies = new Map<object, unknown>();
  const fresh = (v: object): unknown => {
    let copy = copies.get(v);
    if (copy === undefined) {
      copy = Array.isArray(v) ? new Array(v.length) : {};
      copies.set(v, copy);
      work.push([v, copy as Record<string, unknown>]);
    }
    return copy;
  };
  const work: [object, Record<string, unknown>][] = [];
  const root = fresh(value as object);
  while (work.length > 0) {
    const [from, to] = work.pop()!;
    for (const key of Object.keys(from)) {
      const v = (from as Record<string, unknown>)[key];
      const copied = v && typeof v === 'object' ? fresh(v) : v;
      // defineProperty: a key named __proto__ is data, never the prototype.
      if (key === '__proto__') Object.defineProperty(to, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else to[key] = copied;
    }
  }
  return root as T;
}

export function metadataOf(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const m = body['metadata'];
  return isRecord(m) ? m : {};
}
