import type { AuditResult } from './audit-result.js';
import type { Severity } from './severity.js';
import { isAtLeast } from './severity.js';

/**
 * The exit statuses of every Kustodian command (`kustodian audit`, `model`,
 * `secrets`, `docs`, and `kustodian-docs`): the one mapping the apps use.
 */
export const EXIT = {
  /** Done, and nothing at or above the fail threshold (audit), no stale doc (docs check). */
  ok: 0,
  /** The check found something: findings or load diagnostics at or above the threshold, stale docs, a secret that fails verification. */
  findings: 1,
  /** The input could not be used: a bad command line, kustodian.yaml or baseline, no repository, an unreadable file (an AuditError, ManifestModelError, SopsError or usage error). */
  unusable: 2,
} as const;

/** The least severity that fails; 'never' reports without failing. */
export type FailOn = Severity | 'never';

/**
 * 0 when no finding and no load diagnostic is at or above `failOn`, else 1.
 * Diagnostics count too: a YAML file that does not parse breaks the Flux
 * apply just as surely as a finding does. (Exit status 2 is for thrown
 * errors: see EXIT.)
 */
export function auditExitCode(result: AuditResult, options: { readonly failOn?: FailOn } = {}): 0 | 1 {
  const failOn = options.failOn ?? 'error';
  if (failOn === 'never') return EXIT.ok;
  const fails = result.findings.some((f) => isAtLeast(f.severity, failOn)) || result.diagnostics.some((d) => isAtLeast(d.severity, failOn));
  return fails ? EXIT.findings : EXIT.ok;
}
