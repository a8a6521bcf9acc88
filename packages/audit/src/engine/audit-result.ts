import type { Diagnostic } from '@kustodian/manifest-model';
import type { AnyRule } from './define-rule.js';
import type { Finding } from './finding.js';
import type { Severity } from './severity.js';
import type { Suppression } from './suppressions.js';

/** A rule that ran, with the severity configuration gave it. */
export interface RuleRun {
  readonly rule: AnyRule;
  readonly severity: Severity;
  /** Milliseconds the rule's check took (wall clock; for --verbose and the benchmark, never in reports). */
  readonly ms?: number;
}

/** A finding a suppression hid. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

/** The outcome of an audit: what reports render. */
export interface AuditResult {
  /** Active findings, in report order (file, line, column, rule id). */
  readonly findings: readonly Finding[];
  /** Findings hidden by a suppression. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Problems found while loading the repository (YAML syntax, missing paths...), in file order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every rule that ran (engine rules included), sorted by id. */
  readonly rules: readonly RuleRun[];
  /** Files and resources audited. */
  readonly files: number;
  readonly resources: number;
}

export interface AuditSummary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly files: number;
  readonly resources: number;
  readonly suppressed: number;
}

export function summarizeAudit(result: AuditResult): AuditSummary {
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  return {
    error: count('error'),
    warning: count('warning'),
    info: count('info'),
    files: result.files,
    resources: result.resources,
    suppressed: result.suppressed.length,
  };
}

/** The same result with only the findings (active and suppressed) and diagnostics a predicate keeps. */
export function filterAuditResult(result: AuditResult, keep: (file: string, finding?: Finding) => boolean): AuditResult {
  return {
    ...result,
    findings: result.findings.filter((f) => keep(f.location.file, f)),
    suppressed: result.suppressed.filter((s) => keep(s.finding.location.file, s.finding)),
    diagnostics: result.diagnostics.filter((d) => keep(d.location.file)),
  };
}
