import { isRecord } from '../resources/resource.js';

/**
 * Calls `fn` with every map that holds the last key of `path`, descending
 * into each element of the lists met on the way (kustomize field specs
 * traverse lists implicitly). With `create`, missing maps on the way are
 * created; lists never are.
 */
export function forEachParent(
  root: unknown,
  path: readonly string[],
  create: boolean,
  fn: (parent: Record<string, unknown>, key: string) => void,
): void {
  const last = path.length - 1;
  const walk = (node: unknown, i: number): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, i);
      return;
    }
    if (!isRecord(node)) return;
    const key = path[i]!;
    if (i === last) {
      fn(node, key);
      return;
    }
    let next = node[key];
    if (next === undefined || next === null) {
      if (!create) return;
      next = {};
      node[key] = next;
    }
    walk(next, i + 1);
  };
  if (path.length > 0) walk(root, 0);
}

/** Merges `entries` into the map at `path` (created when `create`). */
export function mergeMapAt(root: unknown, path: readonly string[], create: boolean, entries: Readonly<Record<string, string>>): void {
  forEachParent(root, path, create, (parent, key) => {
    let target = parent[key];
    if (!isRecord(target)) {
      if (!create) return;
      target = {};
      parent[key] = target;
    }
    Object.assign(target as Record<string, unknown>, entries);
  });
}

/** Rewrites every string found at `path` (a string, or each string of a list of strings). */
export function mapStringsAt(root: unknown, path: readonly string[], fn: (value: string) => string): void {
  forEachParent(root, path, false, (parent, key) => {
    const value = parent[key];
    if (typeof value === 'string') parent[key] = fn(value);
    else if (Array.isArray(value)) parent[key] = value.map((v) => (typeof v === 'string' ? fn(v) : v));
  });
}

/** Splits a `a/b/c` field path; `[]` markers are dropped since lists are traversed anyway. */
export function splitPath(path: string): string[] {
  return path.split('/').map((p) => p.replace(/\[\]$/, ''));
}
