/**
 * Encrypted leaves: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` with
 * AES-256-GCM, a 32-byte IV and the leaf's path as additional data
 * (sops `aes/cipher.go`). An IV stash makes an unchanged value re-encrypt
 * to the same text, so that edits touch only what changed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SopsError } from '../errors.js';
import { normalizeRfc3339Nano, parseGoBool, parseGoFloat, parseGoInt } from '../format/go-values.js';
import { leafBytes } from '../format/leaf-bytes.js';
import { comment, sopsTime } from '../tree/tree.js';
import type { Leaf } from '../tree/tree.js';

const ENC_PATTERN = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;
const IV_BYTES = 32;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export interface EncryptedValueParts {
  readonly data: Uint8Array;
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly type: string;
}

/** True for text in the `ENC[AES256_GCM,…]` format. */
export function isEncryptedValue(text: unknown): text is string {
  return typeof text === 'string' && ENC_PATTERN.test(text);
}

function strictBase64(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** The parts of an `ENC[...]` value, or undefined when it is not one. */
export function parseEncryptedValue(text: string): EncryptedValueParts | undefined {
  const m = ENC_PATTERN.exec(text);
  if (!m) return undefined;
  const data = strictBase64(m[1]!);
  const iv = strictBase64(m[2]!);
  const tag = strictBase64(m[3]!);
  if (!data || !iv || !tag) return undefined;
  return { data, iv, tag, type: m[4]! };
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Encrypts and decrypts leaves with one data key; remembers IVs of what it decrypted. */
export class ValueCipher {
  private readonly stash = new Map<string, Uint8Array>();

  constructor(private readonly dataKey: Uint8Array) {
    if (dataKey.length !== 32) throw new SopsError('SOPS_METADATA_INVALID', 'the data key must be 32 bytes');
  }

  /** A cipher with a different data key that reuses this one's IVs (as sops rotate does). */
  withKey(dataKey: Uint8Array): ValueCipher {
    const next = new ValueCipher(dataKey);
    for (const [k, v] of this.stash) next.stash.set(k, v);
    return next;
  }

  private stashKey(type: string, bytes: Uint8Array, aad: string): string {
    return `${type}\u0000${aad}\u0000${b64(bytes)}`;
  }

  /** `ENC[...]` for a leaf; an empty string or comment stays empty, as in sops. */
  encrypt(value: Leaf, aad: string): string {
    const leaf = leafBytes(value);
    const bytes = leaf.bytes;
    // Go sops walks []byte leaves as strings: they are written back as type str.
    const type = leaf.type === 'bytes' ? 'str' : leaf.type;
    if ((type === 'str' || type === 'comment') && bytes.length === 0) return '';
    const key = this.stashKey(type, bytes, aad);
    const iv = this.stash.get(key) ?? randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8.encode(aad));
    const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `ENC[AES256_GCM,data:${b64(data)},iv:${b64(iv)},tag:${b64(tag)},type:${type}]`;
  }

  /**
   * The plaintext of an `ENC[...]` value. `where` names the leaf in errors
   * (never its value). An empty string decrypts to an empty string.
   */
  decrypt(text: string, aad: string, where: string): Leaf {
    if (text === '') return '';
    const parts = parseEncryptedValue(text);
    if (!parts) {
      throw new SopsError('SOPS_VALUE_MALFORMED', `${where}: the value should be encrypted but is not in the sops ENC[...] format`, { path: where });
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.dataKey, parts.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(utf8.encode(aad));
      decipher.setAuthTag(parts.tag);
      plain = Buffer.concat([decipher.update(parts.data), decipher.final()]);
    } catch (error) {
      throw new SopsError(
        'SOPS_VALUE_DECRYPT_FAILED',
        `${where}: could not decrypt the value (message authentication failed: the ciphertext, IV, tag or key path was changed, or the data key is wrong)`,
        { path: where },
        { cause: error },
      );
    }
    const value = this.typed(plain, parts.type, where);
    this.stash.set(this.stashKey(parts.type, plain, aad), parts.iv);
    return value;
  }

  private typed(plain: Uint8Array, type: string, where: string): Leaf {
    const text = utf8Decoder.decode(plain);
    const bad = (): never => {
      throw new SopsError('SOPS_VALUE_MALFORMED', `${where}: the decrypted value is not a valid ${type}`, { path: where });
    };
    switch (type) {
      case 'str':
        return text;
      case 'comment':
        return comment(text);
      case 'bytes':
        return new Uint8Array(plain);
      case 'int':
        return parseGoInt(text) ?? bad();
      case 'float':
        return parseGoFloat(text) ?? bad();
      case 'bool':
        return parseGoBool(text) ?? bad();
      case 'time': {
        const normalized = normalizeRfc3339Nano(text);
        return normalized === undefined ? bad() : sopsTime(normalized);
      }
      default:
        throw new SopsError('SOPS_VALUE_MALFORMED', `${where}: unknown value type ${JSON.stringify(type)}`, { path: where });
    }
  }
}
