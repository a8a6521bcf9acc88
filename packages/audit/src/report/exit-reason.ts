import type { AuditResult } from '../engine/audit-result.js';
import { auditExitCode } from '../engine/exit-code.js';
import type { FailOn } from '../engine/exit-code.js';
import { isAtLeast } from '../engine/severity.js';
import { plural } from './wording.js';

/** The exit status of `kustodian audit` for a result, and why, in the words every report uses. */
export interface ExitReason {
  readonly code: 0 | 1;
  /** `9 findings and 1 load problem at or above error (--fail-on error)`, `none at or above error (--fail-on error)`, `--fail-on never`. */
  readonly reason: string;
}

/**
 * Why a run exits 0 or 1. The code is auditExitCode's, so that what a report
 * says and the status the CLI returns cannot disagree; the counts are of the
 * same findings and load problems that it weighs.
 */
export function exitReason(result: AuditResult, failOn: FailOn = 'error'): ExitReason {
  const code = auditExitCode(result, { failOn });
  if (failOn === 'never') return { code, reason: '--fail-on never' };
  const findings = result.findings.filter((f) => isAtLeast(f.severity, failOn)).length;
  const diagnostics = result.diagnostics.filter((d) => isAtLeast(d.severity, failOn)).length;
  const what = [findings > 0 ? plural(findings, 'finding') : '', diagnostics > 0 ? plural(diagnostics, 'load problem') : ''].filter((w) => w !== '').join(' and ');
  return { code, reason: `${code === 0 ? 'none' : what} at or above ${failOn} (--fail-on ${failOn})` };
}
