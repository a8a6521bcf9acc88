import type { DiagnosticSeverity } from '@kustodian/manifest-model';

/** How serious a finding is: the same three levels as the model's diagnostics. */
export type Severity = DiagnosticSeverity;

/** What a configuration may set a rule to (kustodian.yaml's type, owned by the model). */
export type { SeveritySetting } from '@kustodian/manifest-model';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is `threshold` or more serious. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** Most serious first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
