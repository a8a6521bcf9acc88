/**
 * The SOPS MAC: SHA-512 over the Go bytes of every non-null, non-comment
 * leaf of every document in order (or only of encrypted leaves when
 * `mac_only_encrypted`), as upper-case hex. It is stored encrypted with the
 * `lastmodified` time as additional data.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { leafBytes } from './leaf-bytes.js';
import type { Leaf } from '../tree/tree.js';

/** SHA-256("sops"): the first bytes hashed when `mac_only_encrypted` is on. */
const MAC_ONLY_ENCRYPTED_INITIALIZATION = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

export class MacHasher {
  private readonly hash: Hash = createHash('sha512');

  constructor(readonly macOnlyEncrypted: boolean) {
    if (macOnlyEncrypted) this.hash.update(MAC_ONLY_ENCRYPTED_INITIALIZATION);
  }

  /** Adds a plaintext leaf if the MAC covers it; comments never count. */
  add(leaf: Leaf, encrypted: boolean): void {
    if (typeof leaf === 'object' && !(leaf instanceof Uint8Array) && leaf.kind === 'comment') return;
    if (this.macOnlyEncrypted && !encrypted) return;
    this.hash.update(leafBytes(leaf).bytes);
  }

  /** Upper-case hex of the digest. */
  digest(): string {
    return this.hash.digest('hex').toUpperCase();
  }
}

/** Constant-time comparison of two MAC strings. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
