import type { SourceLocation } from '../source-location.js';
import type { ResourceId } from '../resources/resource-id.js';

export interface FluxSourceRef {
  readonly kind: string;
  readonly name: string;
  /** Defaults to the Flux Kustomization's namespace. */
  readonly namespace: string;
}

export interface FluxPatch {
  /** Inline strategic-merge or JSON 6902 patch text. */
  readonly patch: string;
  readonly target?: Readonly<Record<string, string>> | undefined;
}

export interface FluxSubstituteFrom {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly optional: boolean;
}

/** The fields of a Flux Kustomization (v1, v1beta2) that Kustodian reads. */
export interface FluxKustomization {
  readonly id: ResourceId;
  /** `namespace/name`. */
  readonly key: string;
  readonly location: SourceLocation;
  /** spec.path normalised to a repository path ('' = root); undefined when it leaves the repository. */
  readonly path: string | undefined;
  /** spec.path as written. */
  readonly rawPath: string;
  readonly sourceRef: FluxSourceRef | undefined;
  readonly targetNamespace: string | undefined;
  readonly prune: boolean;
  readonly decryption: { readonly provider: string; readonly secretRef: string | undefined } | undefined;
  readonly dependsOn: readonly { readonly name: string; readonly namespace: string }[];
  readonly components: readonly string[];
  readonly patches: readonly FluxPatch[];
  readonly images: readonly Readonly<Record<string, unknown>>[];
  readonly substitute: Readonly<Record<string, string>>;
  readonly substituteFrom: readonly FluxSubstituteFrom[];
  readonly serviceAccountName: string | undefined;
  readonly suspend: boolean;
}
