import type { AuditResult } from '../engine/audit-result.js';
import { formatLocation } from './run-info.js';

/**
 * One greppable line per problem, `path:line:col: severity: message [rule-id]`
 * (the shape of eslint's compact and unix formats and of compilers), load
 * problems too; nothing else, no colour, no wrapping.
 */
export function renderCompact(result: AuditResult): string {
  const line = (location: { file: string; line: number; column: number }, severity: string, message: string, id: string) =>
    `${formatLocation(location)}: ${severity}: ${message.replace(/\s*\r?\n\s*/g, ' ')} [${id}]`;
  const lines = [
    ...result.findings.map((f) => line(f.location, f.severity, f.message, f.ruleId)),
    ...result.diagnostics.map((d) => line(d.location, d.severity, d.message, d.code)),
  ];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
