import { EXIT } from '@kustodian/core';
import type { AuditResult } from './audit-result.js';
import type { Severity } from './severity.js';
import { isAtLeast } from './severity.js';

/** The least severity that fails; 'never' reports without failing. */
export type FailOn = Severity | 'never';

/**
 * 0 when no finding and no load diagnostic is at or above `failOn`, else 1.
 * Diagnostics count too: a YAML file that does not parse breaks the Flux
 * apply just as surely as a finding does. (Exit status 2 is for thrown
 * errors: see EXIT in @kustodian/core.)
 */
export function auditExitCode(result: AuditResult, options: { readonly failOn?: FailOn } = {}): 0 | 1 {
  const failOn = options.failOn ?? 'error';
  if (failOn === 'never') return EXIT.ok;
  const fails = result.findings.some((f) => isAtLeast(f.severity, failOn)) || result.diagnostics.some((d) => isAtLeast(d.severity, failOn));
  return fails ? EXIT.findings : EXIT.ok;
}
