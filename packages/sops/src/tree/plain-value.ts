/**
 * Trees ↔ plain JavaScript values. Integers become numbers when they are
 * safe integers and bigints otherwise; timestamps become their RFC 3339
 * text; comments are dropped.
 */
import { SopsError } from '../errors.js';
import { branch, isBranch, isComment, isList, isTime, item, list, sopsTime } from './tree.js';
import type { TreeValue } from './tree.js';

/** A plain JavaScript value for a tree value. */
export function treeToPlain(value: TreeValue): unknown {
  if (isBranch(value)) {
    const out: Record<string, unknown> = {};
    for (const e of value.entries) {
      if (e.kind !== 'item') continue;
      Object.defineProperty(out, e.key, { value: treeToPlain(e.value), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (isList(value)) return value.entries.filter((e) => !isComment(e)).map((e) => treeToPlain(e as TreeValue));
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (isTime(value)) return value.text;
  return value;
}

/**
 * A tree value for a plain JavaScript value: integers (and bigints) become
 * `int`, other numbers `float`, Dates `time`; objects keep their key order.
 */
export function plainToTree(value: unknown, where = 'value'): TreeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? BigInt(value) : value;
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return sopsTime(value.toISOString().replace(/\.000Z$/, 'Z'));
  if (Array.isArray(value)) return list(value.map((v, i) => plainToTree(v, `${where}[${i}]`)));
  if (typeof value === 'object') {
    return branch(Object.entries(value as Record<string, unknown>).map(([k, v]) => item(k, plainToTree(v, `${where}.${k}`))));
  }
  throw new SopsError('SOPS_UNSUPPORTED', `${where}: a ${typeof value} cannot be stored in a sops file`);
}
