/**
 * yaml.v3's scalar resolution, which decides the Go type (and so the SOPS
 * `type:`) of every plain YAML scalar, and the quoting rule its encoder uses
 * so that a string reads back as a string.
 */
import { isInt64, parseYamlTimestamp } from './go-values.js';
import { sopsTime } from '../tree/tree.js';
import type { TreeScalar } from '../tree/tree.js';

const UINT64_MAX = 2n ** 64n - 1n;

const KEYWORDS: ReadonlyMap<string, TreeScalar> = new Map<string, TreeScalar>([
  ...['true', 'True', 'TRUE'].map((s): [string, TreeScalar] => [s, true]),
  ...['false', 'False', 'FALSE'].map((s): [string, TreeScalar] => [s, false]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, TreeScalar] => [s, null]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, TreeScalar] => [s, Number.NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, TreeScalar] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, TreeScalar] => [s, -Infinity]),
]);

const KEYWORD_HINTS = new Set('yYnNtTfFoO~');
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** Go `strconv.ParseInt(s, 0, 64)`, falling back to ParseUint (a bigint either way). */
function parseGoIntBase0(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const negative = m[1] === '-';
  const digits = m[2]!;
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  if (negative) value = -value;
  if (isInt64(value)) return value;
  if (m[1] === '' && value <= UINT64_MAX) return value;
  return undefined;
}

function resolveNumeric(text: string): TreeScalar | undefined {
  const time = parseYamlTimestamp(text);
  if (time !== undefined) return sopsTime(time);
  const plain = text.replaceAll('_', '');
  const int = parseGoIntBase0(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

/** The value yaml.v3 decodes a plain (untagged, unquoted) scalar to. */
export function resolvePlainScalar(text: string): TreeScalar {
  const first = text === '' ? 'N' : text[0]!;
  const isNumberHint = /[0-9+-]/.test(first);
  if (!KEYWORD_HINTS.has(first) && first !== '.' && first !== 'N' && !isNumberHint) return text;
  if (KEYWORDS.has(text)) return KEYWORDS.get(text) as TreeScalar;
  if (first === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
    return text;
  }
  if (isNumberHint) return resolveNumeric(text) ?? text;
  return text;
}

/** True when a string, written as a plain scalar, would not read back as that string. */
export function plainStringChangesType(text: string): boolean {
  return typeof resolvePlainScalar(text) !== 'string' || BASE60_FLOAT.test(text) || OLD_BOOLS.has(text);
}

/** Short form of a YAML tag (`tag:yaml.org,2002:str` → `!!str`). */
export function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * The value of a scalar with an explicit tag, or undefined when the text does
 * not fit the tag. Tags yaml.v3 cannot resolve (`!foo`, `!!merge`) keep the text.
 */
export function resolveTaggedScalar(tag: string, text: string): TreeScalar | undefined {
  const resolved = resolvePlainScalar(text);
  switch (shortTag(tag)) {
    case '!!str':
      return text;
    case '!!binary':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    case '!!int':
      return typeof resolved === 'bigint' ? resolved : undefined;
    case '!!float':
      if (typeof resolved === 'bigint') return Number(resolved);
      return typeof resolved === 'number' ? resolved : undefined;
    case '!!bool':
      return typeof resolved === 'boolean' ? resolved : undefined;
    case '!!null':
      return resolved === null ? null : undefined;
    case '!!timestamp':
      return typeof resolved === 'object' && resolved !== null && !(resolved instanceof Uint8Array) ? resolved : undefined;
    default:
      return text;
  }
}
