import type { SourceLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { summarizeAudit } from '../engine/audit-result.js';
import type { FailOn } from '../engine/exit-code.js';
import type { FindingRelated } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { exitReason } from './exit-reason.js';
import { describeResource, oneLine, plural, printableLocation, seeAlsoLines, severityCounts } from './wording.js';

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

/** Continuation lines of a problem start this far in, so that only problems start at column 1. */
const INDENT = 4;

/** One problem to print: a finding or a load diagnostic, with every place it occurs. */
interface Entry {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  readonly places: SourceLocation[];
  readonly related: FindingRelated[];
}

interface Item {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  readonly location: SourceLocation;
  readonly related?: readonly FindingRelated[];
}

/** "see also" lines shown per problem; the rest are counted (JSON and SARIF carry them all). */
const RELATED_SHOWN = 10;

/** Identical problems (same id, severity and message) become one entry listing all their places, at the first one. */
function entries(items: readonly Item[]): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const item of items) {
    const key = `${item.id}\u0000${item.severity}\u0000${item.message}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.places.push(item.location);
      existing.related.push(...(item.related ?? []));
    } else {
      byKey.set(key, { id: item.id, severity: item.severity, message: item.message, ...(item.fix !== undefined ? { fix: item.fix } : {}), places: [item.location], related: [...(item.related ?? [])] });
    }
  }
  return [...byKey.values()];
}

/** A piece of a line that is never broken, how it looks in colour, and the blanks before it. */
interface Word {
  readonly text: string;
  readonly painted: string;
  readonly gap: number;
}

/** Columns a text takes in a terminal: one per code point (`’` is one, not three bytes). */
function columns(text: string): number {
  return [...text].length;
}

/**
 * Words in lines of at most `width` columns: the first line starts `indent`
 * columns in, the others `hang`. A word longer than a line (a long path) is
 * never broken; it overflows. Without a width, one line.
 */
function wrap(words: readonly Word[], width: number | undefined, indent: number, hang: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  let used = indent;
  let start = indent;
  for (const word of words) {
    const first = used === start;
    if (!first && width !== undefined && used + word.gap + columns(word.text) > width) {
      lines.push(line);
      line = ' '.repeat(hang);
      used = start = hang;
    }
    const gap = used === start ? 0 : word.gap;
    line += ' '.repeat(gap) + word.painted;
    used += gap + columns(word.text);
  }
  lines.push(line);
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
  const word = (text: string, gap = 1, style?: Style): Word => ({ text, painted: style ? paint(style, text) : text, gap });
  /** Prose as words to wrap; without a width one piece, exactly as written (on one line). */
  const prose = (text: string, style?: Style): Word[] =>
    (options.width === undefined ? [oneLine(text)] : oneLine(text).split(' ').filter((w) => w !== '')).map((w) => word(w, 1, style));
  const showFix = options.fixes ?? true;
  const out: string[] = [];

  const print = (entry: Entry) => {
    const [place, ...others] = entry.places;
    const location = printableLocation(place!);
    // The location and the severity stay together on the first line.
    const head: Word = {
      text: `${location}  ${entry.severity}`,
      painted: `${paint('bold', location)}  ${paint(SEVERITY_STYLE[entry.severity], entry.severity)}`,
      gap: 0,
    };
    const [firstWord, ...restOfMessage] = prose(entry.message);
    const message = firstWord ? [{ ...firstWord, gap: 2 }, ...restOfMessage] : [];
    out.push(...wrap([head, ...message, word(entry.id, 2, 'dim')], options.width, 0, INDENT));
    if (others.length > 0) {
      const places = others.map((p, i) => word(`${printableLocation(p)}${i < others.length - 1 ? ',' : ''}`, 1, 'dim'));
      out.push(...wrap([word('also', 1, 'dim'), word('at', 1, 'dim'), ...places], options.width, INDENT, INDENT + 'also at '.length));
    }
    for (const related of entry.related.slice(0, RELATED_SHOWN)) {
      out.push(...wrap([word('see', 1, 'dim'), word('also', 1, 'dim'), word(`${related.role}:`, 1, 'dim'), word(printableLocation(related), 1, 'dim'), ...(related.resource ? prose(`(${describeResource(related.resource)})`, 'dim') : [])], options.width, INDENT, INDENT + 'see also '.length));
    }
    if (entry.related.length > RELATED_SHOWN) out.push(...wrap(prose(seeAlsoLines(entry.related, RELATED_SHOWN).at(-1)!, 'dim'), options.width, INDENT, INDENT + 'see also '.length));
    if (showFix && entry.fix !== undefined) out.push(...wrap([word('fix:', 1, 'dim'), ...prose(entry.fix, 'dim')], options.width, INDENT, INDENT + 'fix: '.length));
  };

  for (const entry of entries(result.findings.map((f) => ({ id: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, location: f.location, related: f.related })))) print(entry);
  if (result.findings.length > 0) out.push('');

  if (result.diagnostics.length > 0) {
    out.push(paint('bold', 'Problems reading the repository:'));
    // Diagnostics about one subject (the Kustomizations of one external source) are one entry, at each of their places.
    for (const entry of entries(result.diagnostics.map((d) => ({ id: d.code, severity: d.severity, message: d.subject?.summary ?? d.message, location: d.location })))) print(entry);
    out.push('');
  }

  out.push(...wrap(summaryWords(result, options.failOn ?? 'error', paint), options.width, 0, INDENT));
  return `${out.join('\n')}\n`;
}

/**
 * `17 findings (3 errors, 10 warnings, 4 info), 2 suppressed; 40 files and 120 resources audited. Exit 1: 3 findings at or above error (--fail-on error).`
 * One line; wrapped like the rest only when a width is given.
 */
function summaryWords(result: AuditResult, failOn: FailOn, paint: (style: Style, text: string) => string): Word[] {
  const s = summarizeAudit(result);
  const total = s.error + s.warning + s.info;
  const exit = exitReason(result, failOn);
  const counted = total === 0 ? 'No findings' : plural(total, 'finding');
  const style: Style = total === 0 ? 'green' : s.error > 0 ? 'red' : s.warning > 0 ? 'yellow' : 'cyan';
  const comma = total === 0 ? ',' : '';
  const head: Word = { text: `${counted}${comma}`, painted: `${paint(style, counted)}${comma}`, gap: 0 };
  const counts = `${total === 0 ? '' : `(${severityCounts(s)}), `}${s.suppressed} suppressed; ${plural(s.files, 'file')} and ${plural(s.resources, 'resource')} audited.`;
  const words = (text: string) => text.split(' ').map((w) => ({ text: w, painted: w, gap: 1 }));
  // `Exit 1:` is one word: a line never ends between them.
  return [head, ...words(counts), { text: `Exit ${exit.code}:`, painted: `Exit ${exit.code}:`, gap: 1 }, ...words(`${exit.reason}.`)];
}
