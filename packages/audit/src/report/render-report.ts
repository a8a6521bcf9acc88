import type { AuditResult } from '../engine/audit-result.js';
import { renderGithubAnnotations } from './github-annotations.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { MarkdownReportOptions } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { SarifReportOptions } from './sarif.js';
import { renderText } from './text.js';
import type { TextReportOptions } from './text.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github', 'markdown'];

export type ReportOptions = TextReportOptions & SarifReportOptions & MarkdownReportOptions;

/** Render a result in one of the output formats. */
export function renderReport(result: AuditResult, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(result, options);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, options);
    case 'github':
      return renderGithubAnnotations(result);
    case 'markdown':
      return renderMarkdown(result, options);
  }
}
