import type { AuditResult } from '../engine/audit-result.js';
import { renderGithubAnnotations } from './github-annotations.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { MarkdownReportOptions } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { SarifReportOptions } from './sarif.js';
import { renderText } from './text.js';
import { renderCompact } from './compact.js';
import { renderJunit } from './junit.js';
import type { JunitReportOptions } from './junit.js';
import type { ReportRun } from './report-run.js';
import type { TextReportOptions } from './text.js';

export type ReportFormat = 'text' | 'compact' | 'json' | 'sarif' | 'github' | 'markdown' | 'junit';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'compact', 'json', 'sarif', 'github', 'markdown', 'junit'];

/** Each format reads the options it has. `failOn` is the threshold of the exit status: text and JUnit follow it (default 'error'); SARIF states the exit code only when it is given. */
export type ReportOptions = TextReportOptions &
  SarifReportOptions &
  MarkdownReportOptions &
  JunitReportOptions & {
    /** What the report was made from (JSON and SARIF carry it; the CLI prints it on stderr for text). */
    readonly run?: ReportRun;
  };

/** Render a result in one of the output formats. */
export function renderReport(result: AuditResult, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(result, options);
    case 'compact':
      return renderCompact(result);
    case 'json':
      return renderJson(result, options.run);
    case 'junit':
      return renderJunit(result, options);
    case 'sarif':
      return renderSarif(result, options);
    case 'github':
      return renderGithubAnnotations(result);
    case 'markdown':
      return renderMarkdown(result, options);
  }
}
