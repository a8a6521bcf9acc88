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
