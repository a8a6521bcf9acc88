/**
 * Encrypting and decrypting whole trees (sops.go `Tree.Encrypt`/`Decrypt`):
 * each leaf the selectors pick is (de)crypted with its path as additional
 * data, and the MAC is computed over the plaintext on the way.
 */
import { SopsError } from '../errors.js';
import { MacHasher } from '../format/mac.js';
import { shouldBeEncrypted } from '../format/should-encrypt.js';
import { effectiveSelectors } from '../format/metadata.js';
import type { SopsMetadata } from '../format/metadata.js';
import { formatDisplayPath, mapLeaves } from '../tree/map-leaves.js';
import type { LeafContext } from '../tree/map-leaves.js';
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

/** What decides which leaves are encrypted, and what the MAC covers: a file's metadata. */
export type TreeCipherRules = Pick<SopsMetadata, 'selectors' | 'macOnlyEncrypted'>;

/**
 * Walks every leaf with whether the rules say it is encrypted; `visit`
 * returns the leaf's plaintext (hashed into the MAC) and the leaf to keep.
 */
function cipherLeaves(
  documents: readonly TreeBranch[],
  rules: TreeCipherRules,
  visit: (leaf: Leaf, encrypted: boolean, ctx: LeafContext) => { readonly plain: Leaf; readonly kept: Leaf },
): { documents: TreeBranch[]; mac: string } {
  const selectors = effectiveSelectors(rules.selectors);
  const hasher = new MacHasher(rules.macOnlyEncrypted);
  const out = mapLeaves(documents, (leaf, ctx) => {
    const encrypted = shouldBeEncrypted(selectors, ctx.path, ctx.comments, ctx.isComment);
    const { plain, kept } = visit(leaf, encrypted, ctx);
    hasher.add(plain, encrypted);
    return kept;
  });
  return { documents: out, mac: hasher.digest() };
}

/** Decrypts the leaves the rules say are encrypted and computes the MAC of the result. */
export function decryptTree(documents: readonly TreeBranch[], rules: TreeCipherRules, cipher: ValueCipher): TreeCipherResult {
  const warnings: string[] = [];
  const result = cipherLeaves(documents, rules, (leaf, encrypted, ctx) => {
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
    return { plain, kept: plain };
  });
  return { ...result, warnings };
}

/** Encrypts the leaves the rules pick and computes the MAC of the plaintext. */
export function encryptTree(documents: readonly TreeBranch[], rules: TreeCipherRules, cipher: ValueCipher): TreeCipherResult {
  const result = cipherLeaves(documents, rules, (leaf, encrypted, ctx) => ({ plain: leaf, kept: encrypted ? cipher.encrypt(leaf, aadOf(ctx.path)) : leaf }));
  return { ...result, warnings: [] };
}
