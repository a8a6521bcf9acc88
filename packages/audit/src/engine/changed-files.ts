import type { AuditResult } from './audit-result.js';
import { filterAuditResult } from './audit-result.js';

/**
 * Keep only findings and diagnostics in the given files (repository-relative
 * POSIX paths, e.g. from `git diff --name-only`). The whole repository is
 * still audited: a finding in a changed file may come from an unchanged one.
 */
export function filterToChangedFiles(result: AuditResult, changedFiles: Iterable<string>): AuditResult {
  const changed = new Set([...changedFiles].map((p) => p.replace(/\\/g, '/').replace(/^\.\//, '')));
  return filterAuditResult(result, (file) => changed.has(file));
}
