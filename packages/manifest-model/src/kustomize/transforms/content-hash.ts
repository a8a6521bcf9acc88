import { createHash } from 'node:crypto';
import { isRecord } from '../../resources/resource.js';

const utf8 = new TextEncoder();

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(utf8.encode(a)), Buffer.from(utf8.encode(b)));
}

/**
 * JSON the way Go's encoding/json writes it: map keys sorted by their
 * bytes, and `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort(compareBytes);
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** kustomize's encoding of a sha256 hex digest: its first ten characters, with 0, 1, 3, a, e replaced so it never reads as a word or number. */
function encodeDigest(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/**
 * The name suffix kustomize gives a generated ConfigMap or Secret. What is
 * hashed is the JSON of kind, data (and binaryData / stringData when they
 * are maps) and, for a Secret, its type. kustomize looks the name up under
 * a key that never matches, so the name it hashes is always empty: a
 * prefix or suffix does not change the hash.
 */
export function contentHash(body: Readonly<Record<string, unknown>>): string {
  const kind = body['kind'];
  const field = (k: string) => (body[k] === undefined || body[k] === null ? '' : body[k]);
  let encoded: Record<string, unknown>;
  if (kind === 'ConfigMap') {
    encoded = { kind: 'ConfigMap', name: '', data: field('data') };
    if (isRecord(body['binaryData'])) encoded['binaryData'] = body['binaryData'];
  } else if (kind === 'Secret') {
    encoded = { kind: 'Secret', type: field('type'), name: '', data: field('data') };
    if (isRecord(body['stringData'])) encoded['stringData'] = body['stringData'];
  } else {
    encoded = { ...body };
  }
  return encodeDigest(createHash('sha256').update(goJson(encoded)).digest('hex'));
}
