import { formatLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { summarizeAudit } from '../engine/audit-result.js';
import { ruleDocsUrl, RULE_DOCS_BASE_URL } from '../engine/define-rule.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { groupByFile, plural, printable, seeAlsoLines, severityCounts } from './wording.js';

export interface MarkdownReportOptions {
  /** Base URL of the rule docs (ending with '/'). @default RULE_DOCS_BASE_URL */
  readonly docsBaseUrl?: string;
  /** The heading. @default 'Kustodian audit' */
  readonly title?: string;
}

const LABEL: Readonly<Record<Severity, string>> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };

/** Text safe inside HTML (the summaries of collapsible sections). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text safe inside a Markdown table cell: no tags, no emphasis or links, no
 * pipes, no line breaks. Code spans (`like this`) stay code spans: their
 * backticks are kept and only their pipes are escaped (GFM tables allow that).
 */
export function escapeMarkdown(raw: string): string {
  const text = printable(raw.replace(/\r?\n/g, ' '));
  const plain = (part: string) => escapeHtml(part.replace(/\\/g, '\\\\').replace(/([`*_[\]|])/g, '\\$1'));
  // Inside a code span HTML is shown as written, so only the pipe needs escaping.
  const code = (span: string) => span.replace(/\|/g, '\\|');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/`[^`\r\n]+`/g)) {
    out += plain(text.slice(last, match.index)) + code(match[0]);
    last = match.index + match[0].length;
  }
  return (out + plain(text.slice(last))).replace(/\r?\n/g, ' ');
}

/** A pull-request comment: a summary table by severity, then findings grouped by file in collapsible sections. */
export function renderMarkdown(result: AuditResult, options: MarkdownReportOptions = {}): string {
  const base = options.docsBaseUrl ?? RULE_DOCS_BASE_URL;
  const s = summarizeAudit(result);
  const out: string[] = [`## ${options.title ?? 'Kustodian audit'}`, ''];
  out.push('| Severity | Findings |', '| --- | ---: |');
  for (const sev of ['error', 'warning', 'info'] as const) out.push(`| ${LABEL[sev]} | ${s[sev]} |`);
  out.push('');
  const total = s.error + s.warning + s.info;
  const byFile = groupByFile(result.findings, (f: Finding) => f.location.file);
  out.push(
    `${total === 0 ? 'No findings' : `${plural(total, 'finding')} in ${plural(byFile.size, 'file')}`}; ${s.suppressed} suppressed; ${plural(s.files, 'file')} and ${plural(s.resources, 'resource')} audited.`,
    '',
  );

  for (const [file, findings] of byFile) {
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) bySeverity[f.severity] += 1;
    const counts = severityCounts(bySeverity, { zeros: false });
    out.push('<details>', `<summary><code>${escapeHtml(printable(file))}</code>: ${counts}</summary>`, '');
    out.push('| Line | Severity | Rule | Message |', '| ---: | --- | --- | --- |');
    for (const f of findings) {
      out.push(`| ${f.location.line}:${f.location.column} | ${f.severity} | [${f.ruleId}](${ruleDocsUrl(f.ruleId, base)}) | ${[f.message, ...seeAlsoLines(f.related)].map(escapeMarkdown).join('<br>')} |`);
    }
    out.push('');
    const fixes = new Map(findings.map((f) => [f.ruleId, f.fix]));
    for (const [ruleId, fix] of fixes) out.push(`- **${ruleId}**: ${escapeMarkdown(fix)}`);
    out.push('', '</details>', '');
  }

  if (result.diagnostics.length > 0) {
    out.push('<details>', `<summary>${plural(result.diagnostics.length, 'problem')} reading the repository</summary>`, '');
    out.push('| File | Severity | Code | Message |', '| --- | --- | --- | --- |');
    for (const d of result.diagnostics) {
      out.push(`| ${escapeMarkdown(formatLocation(d.location))} | ${d.severity} | ${d.code} | ${escapeMarkdown(d.message)} |`);
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
