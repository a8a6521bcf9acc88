/** The Go bytes SOPS encrypts and hashes for each kind of leaf. */
import { formatFloatF, formatSopsBool } from './go-values.js';
import { isComment, isTime } from '../tree/tree.js';
import type { Leaf } from '../tree/tree.js';

/** The `type:` of an encrypted value. */
export type SopsValueType = 'str' | 'int' | 'float' | 'bool' | 'time' | 'comment' | 'bytes';

const utf8 = new TextEncoder();

/** The bytes of a leaf (`sops.ToBytes`, `Cipher.Encrypt`): Go number and bool formatting, UTF-8 text. */
export function leafBytes(value: Leaf): { readonly type: SopsValueType; readonly bytes: Uint8Array } {
  if (typeof value === 'string') return { type: 'str', bytes: utf8.encode(value) };
  if (typeof value === 'bigint') return { type: 'int', bytes: utf8.encode(value.toString()) };
  if (typeof value === 'number') return { type: 'float', bytes: utf8.encode(formatFloatF(value)) };
  if (typeof value === 'boolean') return { type: 'bool', bytes: utf8.encode(formatSopsBool(value)) };
  if (value instanceof Uint8Array) return { type: 'bytes', bytes: value };
  if (isComment(value)) return { type: 'comment', bytes: utf8.encode(value.text) };
  if (isTime(value)) return { type: 'time', bytes: utf8.encode(value.text) };
  throw new TypeError('unsupported leaf');
}
