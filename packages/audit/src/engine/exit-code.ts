import type { AuditResult } from './audit-result.js';
import type { Severity } from './severity.js';
import { isAtLeast } from './severity.js';

/** Exit statuses of `kustodian audit`. */
export const AUDIT_EXIT_CODES = {
  /** Nothing at or above the fail threshold. */
  clean: 0,
  /** Findings (or load diagnostics) at or above the fail threshold. */
  findings: 1,
  /** The input could not be used: bad kustodian.yaml, bad baseline, no repository (an AuditError or ManifestModelError). */
  unusableInput: 2,
} as const;

/** The least severity that fails; 'never' reports without failing. */
export type FailOn = Severity | 'never';

/**
 * 0 when no finding and no load diagnostic is at or above `failOn`, else 1.
 * Diagnostics count too: a YAML file that does not parse breaks the Flux
 * apply just as surely as a finding does. (Exit status 2 is for thrown
 * errors: see AUDIT_EXIT_CODES.)
 */
export function auditExitCode(result: AuditResult, options: { readonly failOn?: FailOn } = {}): 0 | 1 {
  const failOn = options.failOn ?? 'error';
  if (failOn === 'never') return AUDIT_EXIT_CODES.clean;
  const fails = result.findings.some((f) => isAtLeast(f.severity, failOn)) || result.diagnostics.some((d) => isAtLeast(d.severity, failOn));
  return fails ? AUDIT_EXIT_CODES.findings : AUDIT_EXIT_CODES.clean;
}
