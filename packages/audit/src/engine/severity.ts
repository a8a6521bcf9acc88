/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** What a configuration may set a rule to. */
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is `threshold` or more serious. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** Most serious first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
