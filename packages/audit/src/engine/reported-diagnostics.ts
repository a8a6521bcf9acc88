import type { Diagnostic, DiagnosticCode } from '@kustodian/manifest-model';

/**
 * Load diagnostics that a rule turns into findings, by code, with the id of
 * that rule. Reports print diagnostics and findings separately; when the
 * rule is among the rules of a run (enabled or configured off), its
 * diagnostics are left out of the result, so that a problem is printed
 * once, with the rule's severity, suppressions and fix text (or, when the
 * rule is off, not at all).
 */
export const DIAGNOSTICS_REPORTED_BY_RULES: Readonly<Partial<Record<DiagnosticCode, string>>> = {
  'flux-path-missing': 'kustomization-path-missing',
  'kustomize-path-missing': 'kustomization-path-missing',
  'kustomize-patch-target-missing': 'patch-target-missing',
};

/** The diagnostics that no rule of the run reports (the same array when there is none to remove). */
export function withoutReportedDiagnostics(diagnostics: readonly Diagnostic[], ruleIds: ReadonlySet<string>): readonly Diagnostic[] {
  const reported = (d: Diagnostic) => {
    const owner = DIAGNOSTICS_REPORTED_BY_RULES[d.code];
    return owner !== undefined && ruleIds.has(owner);
  };
  return diagnostics.some(reported) ? diagnostics.filter((d) => !reported(d)) : diagnostics;
}
