import type { AuditResult, AuditSummary } from '../engine/audit-result.js';
import { summarizeAudit } from '../engine/audit-result.js';
import type { FindingRelated, FindingResource } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import type { ReportRun } from './report-run.js';

/** The JSON output, version 1 (docs/json-output.md, docs/json-output.schema.json). */
export interface JsonReport {
  readonly version: 1;
  /** What was audited and by which tool (present when the caller knows it, as the CLI does). */
  readonly run?: ReportRun;
  readonly findings: readonly JsonFinding[];
  readonly summary: AuditSummary;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly resource: FindingResource | null;
  readonly fix: string;
  /** The other places the finding involves; absent when there are none. */
  readonly related?: readonly FindingRelated[];
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function toJsonReport(result: AuditResult, run?: ReportRun): JsonReport {
  return {
    version: 1,
    ...(run ? { run: { tool: run.tool, repository: run.repository, ...(run.revision !== undefined ? { revision: run.revision } : {}), entryPoints: run.entryPoints } } : {}),
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.location.file,
      line: f.location.line,
      column: f.location.column,
      resource: f.resource,
      fix: f.fix,
      ...(f.related.length > 0 ? { related: f.related } : {}),
    })),
    summary: summarizeAudit(result),
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.location.file,
      line: d.location.line,
      column: d.location.column,
    })),
  };
}

/** The JSON output as text (two-space indent, final newline). */
export function renderJson(result: AuditResult, run?: ReportRun): string {
  return `${JSON.stringify(toJsonReport(result, run), null, 2)}\n`;
}
