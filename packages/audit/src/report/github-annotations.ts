import type { SourceLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import type { Severity } from '../engine/severity.js';
import { printable, seeAlsoLines } from './wording.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape the message of a workflow command. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (also `:` and `,`, which delimit properties). */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The location is three properties (file, line, col), as GitHub reads it, not the `path:line:col` of the other formats. */
function command(severity: Severity, location: SourceLocation, title: string, message: string): string {
  const props = [`file=${printable(location.file)}`, `line=${location.line}`, `col=${location.column}`, `title=${title}`].map((p) => {
    const eq = p.indexOf('=');
    return `${p.slice(0, eq)}=${escapeCommandProperty(p.slice(eq + 1))}`;
  });
  return `::${COMMAND[severity]} ${props.join(',')}::${escapeCommandData(message.split('\n').map(printable).join('\n'))}`;
}

/**
 * GitHub Actions workflow commands, one line per finding and load problem:
 * `::error file=..,line=..,col=..,title=..::message` (info becomes a notice).
 */
export function renderGithubAnnotations(result: AuditResult): string {
  const lines = [
    ...result.findings.map((f) => command(f.severity, f.location, `kustodian ${f.ruleId}`, [f.message, ...seeAlsoLines(f.related), `Fix: ${f.fix}`].join('\n'))),
    ...result.diagnostics.map((d) => command(d.severity, d.location, `kustodian ${d.code}`, d.message)),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
