import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';

/** One node met while walking plain data. */
export interface ValueVisit {
  readonly value: unknown;
  readonly path: FieldPath;
  /** The key (or index) under which the node sits; undefined for the root. */
  readonly key: string | number | undefined;
}

/** Deepest nesting walked: values are data, and a deeper tree is not worth reading for references. */
const MAX_DEPTH = 64;

/** Visit every node of a plain-data tree (the root first, then depth-first in key order). */
export function walkValues(root: unknown, basePath: FieldPath, visit: (node: ValueVisit) => void): void {
  const walk = (value: unknown, path: FieldPath, key: string | number | undefined, depth: number): void => {
    visit({ value, path, key });
    if (depth >= MAX_DEPTH) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], i, depth + 1));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k, depth + 1);
  };
  walk(root, basePath, undefined, 0);
}
