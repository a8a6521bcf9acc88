import type { DriftedCopy, DuplicateGroup } from '../resources/duplicates.js';
import type { Diagnostic } from '../diagnostic.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import type { FluxKustomization } from '../flux/flux-kustomization.js';
import type { FileSystem } from '../fs/file-system.js';
import type { ReferenceIndex } from '../references/reference-index.js';
import type { Resource } from '../resources/resource.js';
import type { ResourceId } from '../resources/resource-id.js';
import type { SecretCatalog } from '../secrets/secret-catalog.js';
import type { LocalSource } from '../flux/source-identity.js';
import type { RepositoryText } from '../text/repository-text.js';
import type { ChangeScopeSummary } from './change-scope.js';

/** Where the model starts: a folder that Flux (or its bootstrap) applies. */
export interface EntryPoint {
  readonly path: string;
  /** How it was found. */
  readonly source: 'config' | 'flux-sync' | 'flux-instance' | 'clusters-folder' | 'flux-kustomization';
  /** The Flux Kustomization (`namespace/name`) that applies it, when one in the repository does. */
  readonly appliedBy: string | undefined;
}

/** A folder built the way kustomize (kustomization.yaml) or Flux (no kustomization.yaml) builds it. */
export interface BuildUnitSummary {
  readonly path: string;
  readonly kind: 'kustomization' | 'generated';
  /** The kustomization file, for kind 'kustomization'. */
  readonly file: string | undefined;
  /** Objects of the plain build (before Flux), as `kubectl kustomize` prints them. */
  readonly resources: readonly { readonly apiVersion: string; readonly kind: string; readonly namespace: string | undefined; readonly name: string }[];
  /** Flux Kustomizations that apply this unit (directly or through a parent unit). */
  readonly appliedBy: readonly string[];
  /** Files the build read. */
  readonly files: readonly string[];
}

/** The whole repository as Kustodian sees it. */
export interface RepositoryModel {
  readonly fs: FileSystem;
  readonly store: DocumentStore;
  readonly files: readonly RepositoryFile[];
  readonly entryPoints: readonly EntryPoint[];
  readonly fluxKustomizations: readonly FluxKustomization[];
  readonly units: readonly BuildUnitSummary[];
  /** Every object: what the cluster gets (appliedBy non-empty) and, with appliedBy empty, objects of files nothing applies. */
  readonly resources: readonly Resource[];
  /** For every file: the Flux Kustomizations that apply it (empty = unreachable). */
  readonly fileAppliedBy: ReadonlyMap<string, readonly string[]>;
  readonly references: ReferenceIndex;
  readonly diagnostics: readonly Diagnostic[];
  /** The shell scripts and Markdown files, each read once: their commands (kubectl, flux, helm). */
  readonly text: RepositoryText;
  /** Every Secret: who defines or creates it, who reads it, whether it is encrypted (built on first use). */
  readonly secrets: SecretCatalog;
  /**
   * Objects copied on purpose into several namespaces, identical apart from
   * the namespace (`groups`), and copies that have drifted from their
   * identical siblings (`drifted`); computed on first use (duplicates.ts).
   */
  readonly duplicates: { readonly groups: readonly DuplicateGroup[]; readonly drifted: readonly DriftedCopy[] };
  /** The Flux sources that are this repository, with the folder each one's artifact is made of. */
  readonly localSources: readonly LocalSource[];
  /**
   * Whether Flux fetches the file at all: it is in the artifact of a source
   * that is this repository (under the source's root, not excluded by Flux's
   * defaults, `.sourceignore` or the source's `spec.ignore`).
   */
  isFetched(path: string): boolean;
  /**
   * The repository folder that `path` of a Flux source is, when the source is
   * this repository (under its root, or through an ArtifactGenerator's
   * copies, as Flux Kustomizations are followed); undefined for another source.
   */
  sourceFolder(sourceRef: { readonly kind: string; readonly namespace: string; readonly name: string }, path: string): string | undefined;
  /** Resources with this identity (several when applied by several Flux Kustomizations differently). */
  find(id: ResourceId): readonly Resource[];
  /** The object built from document `index` of `file`: the one Flux applies when there is one, else an unapplied build's. */
  builtFrom(file: string, index: number): Resource | undefined;
  /** Present when the model is of the changes only (LoadOptions.changes): what it built. */
  readonly changes?: ChangeScopeSummary;
}
