import type { Diagnostic } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { summarizeAudit } from '../engine/audit-result.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { groupByFile, plural } from './wording.js';

export interface TextReportOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --color). @default false */
  readonly color?: boolean;
  /** Print each finding's fix under it. @default true */
  readonly fixes?: boolean;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', green: '\u001b[32m' };

type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** The report for people: findings grouped by file, then load problems, then a summary line. */
export function renderText(result: AuditResult, options: TextReportOptions = {}): string {
  const paint = (style: Style, text: string) => (options.color ? `${ANSI[style]}${text}${ANSI.reset}` : text);
  const showFix = options.fixes ?? true;
  const out: string[] = [];

  const row = (line: number, column: number, severity: Severity, message: string, id: string) =>
    `  ${paint('dim', `${line}:${column}`.padEnd(7))} ${paint(SEVERITY_STYLE[severity], severity.padEnd(7))}  ${message}  ${paint('dim', id)}`;

  for (const [file, findings] of groupByFile(result.findings, (f: Finding) => f.location.file)) {
    out.push(paint('bold', file));
    for (const f of findings) {
      out.push(row(f.location.line, f.location.column, f.severity, f.message, f.ruleId));
      if (showFix) out.push(`  ${' '.repeat(7)} ${paint('dim', `fix: ${f.fix}`)}`);
    }
    out.push('');
  }

  if (result.diagnostics.length > 0) {
    out.push(paint('bold', 'Problems reading the repository:'));
    for (const [file, diagnostics] of groupByFile(result.diagnostics, (d: Diagnostic) => d.location.file)) {
      out.push(paint('bold', file));
      for (const d of diagnostics) out.push(row(d.location.line, d.location.column, d.severity, d.message, d.code));
    }
    out.push('');
  }

  const s = summarizeAudit(result);
  const total = s.error + s.warning + s.info;
  const counts = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`;
  const tail = `${s.suppressed} suppressed; ${plural(s.files, 'file')} and ${plural(s.resources, 'resource')} audited.`;
  out.push(
    total === 0
      ? `${paint('green', 'No findings')} (${tail})`
      : `${paint(s.error > 0 ? 'red' : s.warning > 0 ? 'yellow' : 'cyan', plural(total, 'finding'))} (${counts}); ${tail}`,
  );
  return `${out.join('\n')}\n`;
}
