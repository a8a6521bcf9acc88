import type { SourceLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { oneLine, printableLocation } from './wording.js';

/** `path:line:col: severity: message [id]`, the line of the compact format and of JUnit failure bodies. */
export function compactLine(location: SourceLocation, severity: string, message: string, id: string): string {
  return `${printableLocation(location)}: ${severity}: ${oneLine(message)} [${id}]`;
}

/**
 * One greppable line per problem, `path:line:col: severity: message [rule-id]`
 * (the shape of eslint's compact and unix formats and of compilers), load
 * problems too; nothing else: no header, no summary, no colour, no wrapping.
 */
export function renderCompact(result: AuditResult): string {
  const lines = [
    ...result.findings.map((f) => compactLine(f.location, f.severity, f.message, f.ruleId)),
    ...result.diagnostics.map((d) => compactLine(d.location, d.severity, d.message, d.code)),
  ];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
