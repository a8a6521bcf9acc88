/**
 * Encrypting and decrypting whole trees (sops.go `Tree.Encrypt`/`Decrypt`):
 * each leaf the selectors pick is (de)crypted with its path as additional
 * data, and the MAC is computed over the plaintext on the way.
 */
import { SopsError } from '../errors.js';
import { MacHasher } from '../format/mac.js';
import { shouldBeEncrypted } from '../format/should-encrypt.js';
import type { EncryptionSelectors } from '../format/metadata.js';
import { formatDisplayPath, mapLeaves } from '../tree/map-leaves.js';
import { isComment } from '../tree/tree.js';
import type { Leaf, TreeBranch } from '../tree/tree.js';
import type { ValueCipher } from './value-cipher.js';

export interface TreeCipherResult {
  readonly documents: TreeBranch[];
  /** The MAC of the plaintext, upper-case hex. */
  readonly mac: string;
  /** Comments that looked encrypted but did not decrypt (kept as they were), by path. */
  readonly warnings: string[];
}

function aadOf(path: readonly string[]): string {
  return `${path.join(':')}:`;
}

/** Decrypts the leaves the selectors say are encrypted and computes the MAC of the result. */
export function decryptTree(
  documents: readonly TreeBranch[],
  selectors: EncryptionSelectors,
  macOnlyEncrypted: boolean,
  cipher: ValueCipher,
): TreeCipherResult {
  const hasher = new MacHasher(macOnlyEncrypted);
  const warnings: string[] = [];
  const out = mapLeaves(documents, (leaf, ctx) => {
    const encrypted = shouldBeEncrypted(selectors, ctx.path, ctx.comments, ctx.isComment);
    const where = formatDisplayPath(ctx.display);
    let plain: Leaf = leaf;
    if (encrypted && isComment(leaf)) {
      try {
        const value = cipher.decrypt(leaf.text, aadOf(ctx.path), where);
        plain = isComment(value) ? value : { kind: 'comment', text: String(value) };
      } catch {
        warnings.push(`a comment in ${where} looks unencrypted or does not decrypt; it was kept as it is`);
      }
    } else if (encrypted) {
      if (typeof leaf !== 'string') {
        throw new SopsError('SOPS_VALUE_MALFORMED', `${where}: the value should be encrypted but is a plain ${typeof leaf === 'object' ? 'value' : typeof leaf}`, {
          path: where,
        });
      }
      plain = cipher.decrypt(leaf, aadOf(ctx.path), where);
    }
    hasher.add(plain, encrypted);
    return plain;
  });
  return { documents: out, mac: hasher.digest(), warnings };
}

/** Encrypts the leaves the selectors pick and computes the MAC of the plaintext. */
export function encryptTree(
  documents: readonly TreeBranch[],
  selectors: EncryptionSelectors,
  macOnlyEncrypted: boolean,
  cipher: ValueCipher,
): TreeCipherResult {
  const hasher = new MacHasher(macOnlyEncrypted);
  const out = mapLeaves(documents, (leaf, ctx) => {
    const encrypted = shouldBeEncrypted(selectors, ctx.path, ctx.comments, ctx.isComment);
    hasher.add(leaf, encrypted);
    return encrypted ? cipher.encrypt(leaf, aadOf(ctx.path)) : leaf;
  });
  return { documents: out, mac: hasher.digest(), warnings: [] };
}

/** The MAC of plaintext documents, without encrypting anything. */
export function macOfPlaintext(documents: readonly TreeBranch[], selectors: EncryptionSelectors, macOnlyEncrypted: boolean): string {
  const hasher = new MacHasher(macOnlyEncrypted);
  mapLeaves(documents, (leaf, ctx) => {
    hasher.add(leaf, shouldBeEncrypted(selectors, ctx.path, ctx.comments, ctx.isComment));
    return leaf;
  });
  return hasher.digest();
}
