import type { AuditResult } from '../engine/audit-result.js';
import type { Severity } from '../engine/severity.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape the message of a workflow command. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (also `:` and `,`, which delimit properties). */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(severity: Severity, file: string, line: number, column: number, title: string, message: string): string {
  const props = [`file=${file}`, `line=${line}`, `col=${column}`, `title=${title}`].map((p) => {
    const eq = p.indexOf('=');
    return `${p.slice(0, eq)}=${escapeCommandProperty(p.slice(eq + 1))}`;
  });
  return `::${COMMAND[severity]} ${props.join(',')}::${escapeCommandData(message)}`;
}

/**
 * GitHub Actions workflow commands, one line per finding and load problem:
 * `::error file=..,line=..,col=..,title=..::message` (info becomes a notice).
 */
export function renderGithubAnnotations(result: AuditResult): string {
  const lines = [
    ...result.findings.map((f) => command(f.severity, f.location.file, f.location.line, f.location.column, `kustodian ${f.ruleId}`, `${f.message}\nFix: ${f.fix}`)),
    ...result.diagnostics.map((d) => command(d.severity, d.location.file, d.location.line, d.location.column, `kustodian ${d.code}`, d.message)),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
