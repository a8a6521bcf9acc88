/**
 * A Kubernetes object by itself — identity and body, nothing about where it
 * was read. The model's `Resource` is a KubeObject plus its git provenance;
 * the Kubernetes client (the live cluster) produces KubeObjects, so git and
 * cluster compare directly without inventing a file or a line.
 */
import { isClusterScoped } from './cluster-scoped.js';
import type { ResourceId } from './resource-id.js';
import { resourceId } from './resource-id.js';
import { metadataOf } from './resource.js';

/** The object: what git and the cluster have in common. */
export interface KubeObject {
  readonly id: ResourceId;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Effective namespace; undefined for cluster-scoped kinds. 'default' for an implicit one. */
  readonly namespace: string | undefined;
  /** The object's body (in the model: after kustomize and Flux transformations, Secret values masked). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Where a resource's namespace comes from. */
export type NamespaceOrigin =
  /** `metadata.namespace` in the manifest. */
  | 'explicit'
  /** a kustomization's `namespace:` field. */
  | 'kustomize'
  /** the applying Flux Kustomization's `spec.targetNamespace`. */
  | 'flux-target-namespace'
  /** nothing set one: it lands in `default` (or the applier's namespace). */
  | 'implicit-default'
  /** the kind has no namespace. */
  | 'cluster-scoped';

/** What settles an object's namespace besides its own `metadata.namespace`. */
export interface NamespaceContext {
  /** Scopes of the CustomResourceDefinitions known (`group/Kind` → scope). */
  readonly crdScopes?: ReadonlyMap<string, 'Cluster' | 'Namespaced'>;
  /** The applying Flux Kustomization's `spec.targetNamespace`: it wins over the manifest. */
  readonly targetNamespace?: string | undefined;
  /** `metadata.namespace` was set by a kustomization's `namespace:`, not written in the manifest. */
  readonly fromKustomize?: boolean;
}

/**
 * The object of a body, its namespace settled as the apply settles it:
 * none for a cluster-scoped kind, the Flux target namespace, the written
 * one, else `default`. Undefined when the body has no apiVersion, kind or
 * name (it is not an object Kubernetes would accept).
 */
export function kubeObjectOf(body: Readonly<Record<string, unknown>>, context: NamespaceContext = {}): (KubeObject & { readonly namespaceOrigin: NamespaceOrigin }) | undefined {
  const apiVersion = body['apiVersion'];
  const kind = body['kind'];
  const meta = metadataOf(body);
  const name = meta['name'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return undefined;
  const written = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : undefined;
  let namespace: string | undefined;
  let namespaceOrigin: NamespaceOrigin;
  if (isClusterScoped(apiVersion, kind, context.crdScopes)) {
    namespace = undefined;
    namespaceOrigin = 'cluster-scoped';
  } else if (context.targetNamespace !== undefined) {
    namespace = context.targetNamespace;
    namespaceOrigin = 'flux-target-namespace';
  } else if (written !== undefined) {
    namespace = written;
    namespaceOrigin = context.fromKustomize ? 'kustomize' : 'explicit';
  } else {
    namespace = 'default';
    namespaceOrigin = 'implicit-default';
  }
  return { id: resourceId(apiVersion, kind, namespace, name), apiVersion, kind, name, namespace, body, namespaceOrigin };
}
