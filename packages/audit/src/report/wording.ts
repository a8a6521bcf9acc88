import type { FindingRelated } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { SEVERITIES } from '../engine/severity.js';

/** A field path as messages show it: `spec.ingress[1].from[0].namespaceSelector` (keys as written, never values). */
export function dottedPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Items grouped by file, in first-seen order (results are already sorted by file). */
export function groupByFile<T>(items: readonly T[], fileOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const file = fileOf(item);
    const list = groups.get(file);
    if (list) list.push(item);
    else groups.set(file, [item]);
  }
  return groups;
}

/** Text on one line: line breaks (and the blanks around them) become one space. */
export function oneLine(text: string): string {
  return printable(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** `3 errors, 10 warnings, 4 info`; with `zeros: false`, severities with none are left out (`1 error, 2 info`). */
export function severityCounts(counts: Readonly<Record<Severity, number>>, options: { readonly zeros?: boolean } = {}): string {
  return SEVERITIES.filter((s) => options.zeros !== false || counts[s] > 0)
    .map((s) => (s === 'info' ? `${counts[s]} info` : plural(counts[s], s)))
    .join(', ');
}

/** `Secret media/plex` (or `Namespace media` for a cluster-scoped object), as the reports name an object. */
export function describeResource(resource: { readonly kind: string; readonly namespace: string | null; readonly name: string }): string {
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
}

/** A related place as one line of text: `consumer: apps/x.yaml:12:5 (Deployment media/plex)`. */
export function describeRelated(related: FindingRelated): string {
  return `${related.role}: ${printableLocation(related)}${related.resource ? ` (${printable(describeResource(related.resource))})` : ''}`;
}

/** A finding's related places as lines ("see also …"), at most `shown` of them and a count of the rest. */
export function seeAlsoLines(related: readonly FindingRelated[], shown = 10): string[] {
  const lines = related.slice(0, shown).map((r) => `see also ${describeRelated(r)}`);
  if (related.length > shown) lines.push(`see also ${related.length - shown} more places (--format json lists them all)`);
  return lines;
}

/** Control characters (C0, DEL, C1) and the bidirectional overrides that could rewrite what a terminal or a review shows. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text taken from the repository (a file name, a key, a name) as it may be
 * printed: control characters and bidi overrides written as escapes (`\x1b`,
 * `\n`, `\u202e`), so that a file named with ESC sequences or a newline
 * cannot erase report lines on a terminal or forge one.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** A place as reports print it: `path:line:col`, its path printable. */
export function printableLocation(location: { readonly file: string; readonly line: number; readonly column: number }): string {
  return `${printable(location.file)}:${location.line}:${location.column}`;
}
