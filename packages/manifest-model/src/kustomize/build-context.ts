import type { Diagnostic } from '../diagnostic.js';
import type { DocumentStore } from '../documents/document-store.js';

/** What a kustomize build reads from and reports to. */
export interface BuildContext {
  /** Parsed YAML of the repository (also gives access to the FileSystem as `store.fs`). */
  readonly store: DocumentStore;
  /** Problems found while building; the build goes on. */
  readonly diagnostics: Diagnostic[];
  /** Most kustomizations in one chain of resources and components. @default KUSTOMIZE_MAX_DEPTH */
  readonly maxDepth?: number;
}
