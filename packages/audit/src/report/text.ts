import type { Diagnostic } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { summarizeAudit } from '../engine/audit-result.js';
import { auditExitCode } from '../engine/exit-code.js';
import type { FailOn } from '../engine/exit-code.js';
import { isAtLeast } from '../engine/severity.js';
import type { Severity } from '../engine/severity.js';
import { formatLocation } from './run-info.js';
import { plural } from './wording.js';

export interface TextReportOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --color). @default false */
  readonly color?: boolean;
  /** Print each finding's fix under it. @default true */
  readonly fixes?: boolean;
  /** Wrap messages to this many columns (a terminal's width); no wrapping when absent (piped output). */
  readonly width?: number;
  /** The threshold the exit status follows; the summary says why the run exits as it does. @default 'error' */
  readonly failOn?: FailOn;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', green: '\u001b[32m' };

type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** One problem to print: a finding or a load diagnostic, with every place it occurs. */
interface Entry {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  readonly places: { file: string; line: number; column: number }[];
}

/** Identical problems (same id, severity and message) become one entry listing all their places, at the first one. */
function entries(items: readonly { id: string; severity: Severity; message: string; fix?: string; location: { file: string; line: number; column: number } }[]): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const item of items) {
    const key = `${item.id}\u0000${item.severity}\u0000${item.message}`;
    const existing = byKey.get(key);
    if (existing) existing.places.push(item.location);
    else byKey.set(key, { id: item.id, severity: item.severity, message: item.message, ...(item.fix !== undefined ? { fix: item.fix } : {}), places: [item.location] });
  }
  return [...byKey.values()];
}

/** Words of `text` in lines of at most `width` columns, the first line `first` columns shorter. */
function wrapWords(text: string, width: number, first: number): string[] {
  const lines: string[] = [];
  let line = '';
  let room = Math.max(20, width - first);
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = Math.max(20, width - 4);
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The report for people: one line per problem, starting with `path:line:col`
 * (what editors and terminals jump to), then severity, message and rule id;
 * identical problems once, with their other places under them; load problems;
 * a summary that says why the run exits 0 or 1.
 */
export function renderText(result: AuditResult, options: TextReportOptions = {}): string {
  const paint = (style: Style, text: string) => (options.color ? `${ANSI[style]}${text}${ANSI.reset}` : text);
  const showFix = options.fixes ?? true;
  const failOn = options.failOn ?? 'error';
  const out: string[] = [];

  const print = (entry: Entry) => {
    const [place, ...others] = entry.places;
    const location = formatLocation(place!);
    const head = `${location}  ${entry.severity}  `;
    const tail = `  ${entry.id}`;
    const lines = options.width !== undefined ? wrapWords(entry.message, options.width - tail.length, head.length) : [entry.message];
    const painted = `${paint('bold', location)}  ${paint(SEVERITY_STYLE[entry.severity], entry.severity)}  `;
    lines.forEach((text, i) => {
      const last = i === lines.length - 1;
      out.push(`${i === 0 ? painted : '    '}${text}${last ? paint('dim', tail) : ''}`);
    });
    if (others.length > 0) out.push(`    ${paint('dim', `also at ${others.map(formatLocation).join(', ')}`)}`);
    if (showFix && entry.fix !== undefined) {
      const fix = options.width !== undefined ? wrapWords(`fix: ${entry.fix}`, options.width, 4) : [`fix: ${entry.fix}`];
      for (const text of fix) out.push(`    ${paint('dim', text)}`);
    }
  };

  for (const entry of entries(result.findings.map((f) => ({ id: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, location: f.location })))) print(entry);
  if (result.findings.length > 0) out.push('');

  if (result.diagnostics.length > 0) {
    out.push(paint('bold', 'Problems reading the repository:'));
    for (const entry of entries(result.diagnostics.map((d: Diagnostic) => ({ id: d.code, severity: d.severity, message: d.message, location: d.location })))) print(entry);
    out.push('');
  }

  out.push(summaryLine(result, failOn, paint));
  return `${out.join('\n')}\n`;
}

/** `17 findings (3 errors, 10 warnings, 4 info), 2 suppressed; 40 files and 120 resources audited. Exit 1: 3 at or above error (--fail-on error).` */
function summaryLine(result: AuditResult, failOn: FailOn, paint: (style: Style, text: string) => string): string {
  const s = summarizeAudit(result);
  const total = s.error + s.warning + s.info;
  const counts = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`;
  const audited = `${s.suppressed} suppressed; ${plural(s.files, 'file')} and ${plural(s.resources, 'resource')} audited.`;
  const head = total === 0 ? paint('green', 'No findings') : paint(s.error > 0 ? 'red' : s.warning > 0 ? 'yellow' : 'cyan', plural(total, 'finding'));
  const code = auditExitCode(result, { failOn });
  let why: string;
  if (failOn === 'never') why = 'Exit 0: --fail-on never.';
  else {
    const failing = result.findings.filter((f) => isAtLeast(f.severity, failOn)).length;
    const failingDiagnostics = result.diagnostics.filter((d) => isAtLeast(d.severity, failOn)).length;
    const what = [failing > 0 ? `${failing} finding${failing === 1 ? '' : 's'}` : '', failingDiagnostics > 0 ? plural(failingDiagnostics, 'load problem') : ''].filter((x) => x !== '').join(' and ');
    why = code === 0 ? `Exit 0: none at or above ${failOn} (--fail-on ${failOn}).` : `Exit ${code}: ${what} at or above ${failOn} (--fail-on ${failOn}).`;
  }
  return `${head}${total === 0 ? '' : ` (${counts})`}, ${audited} ${why}`;
}
