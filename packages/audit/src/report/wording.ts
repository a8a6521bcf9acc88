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
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** `3 errors, 10 warnings, 4 info`; with `zeros: false`, severities with none are left out (`1 error, 2 info`). */
export function severityCounts(counts: Readonly<Record<Severity, number>>, options: { readonly zeros?: boolean } = {}): string {
  return SEVERITIES.filter((s) => options.zeros !== false || counts[s] > 0)
    .map((s) => (s === 'info' ? `${counts[s]} info` : plural(counts[s], s)))
    .join(', ');
}
