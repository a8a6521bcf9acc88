import type { SourceLocation } from './source-location.js';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A problem in the user's repository found while building the model. Returned,
 * never thrown: the rest of the repository is still loaded.
 */
export interface Diagnostic {
  /** Stable kebab-case code, e.g. `yaml-syntax`, `kustomize-remote-resource`. */
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly location: SourceLocation;
  /**
   * What the diagnostic is about when several diagnostics are one problem
   * (every Flux Kustomization of one external source): a text report prints
   * `summary` once, with each location.
   */
  readonly subject?: { readonly key: string; readonly summary: string } | undefined;
}

export type DiagnosticCode =
  | 'file-binary'
  | 'file-encoding'
  | 'file-too-large'
  | 'file-unreadable'
  | 'yaml-syntax'
  | 'yaml-depth-limit'
  | 'kustomize-depth-limit'
  | 'flux-depends-on-limit'
  | 'yaml-duplicate-key'
  | 'yaml-alias-limit'
  | 'yaml-not-an-object'
  | 'resource-invalid'
  | 'kustomization-invalid'
  | 'kustomize-path-missing'
  | 'kustomize-path-outside-repository'
  | 'kustomize-load-restricted'
  | 'kustomize-remote-resource'
  | 'kustomize-cycle'
  | 'kustomize-duplicate-resource'
  | 'kustomize-patch-target-missing'
  | 'kustomize-patch-invalid'
  | 'kustomize-generator-invalid'
  | 'kustomize-unsupported'
  | 'helm-chart-inflation'
  | 'flux-path-missing'
  | 'flux-external-source'
  | 'flux-source-ref'
  | 'source-path-invalid'
  | 'rule-failed'
  | 'resource-scope-unknown'
  | 'flux-substitution-unresolved'
  | 'flux-substitution-too-large'
  | 'flux-depends-on-cycle'
  | 'flux-depends-on-missing'
  | 'flux-invalid'
  | 'entry-point-missing';

export function diagnostic(
  code: DiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
  location: SourceLocation,
): Diagnostic {
  return { code, severity, message, location };
}
