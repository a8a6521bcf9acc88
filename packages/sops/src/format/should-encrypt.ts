/**
 * Whether a leaf is encrypted, from its path (map keys only, list indices
 * are never part of it) and the comments before it (sops.go
 * `Tree.shouldBeEncrypted`). Pass selectors through `effectiveSelectors`.
 */
import { compileGoRegex } from './go-regex.js';
import type { EncryptionSelectors } from './metadata.js';

/** The comments seen before a leaf, one list per enclosing collection. */
export type CommentStack = readonly (readonly string[])[];

export function shouldBeEncrypted(
  selectors: EncryptionSelectors,
  path: readonly string[],
  comments: CommentStack = [],
  isComment = false,
): boolean {
  let encrypted = true;
  const { unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex } = selectors;
  if (unencryptedSuffix && path.some((p) => p.endsWith(unencryptedSuffix))) encrypted = false;
  if (encryptedSuffix) encrypted = path.some((p) => p.endsWith(encryptedSuffix));
  if (unencryptedRegex && path.some((p) => compileGoRegex(unencryptedRegex).test(p))) encrypted = false;
  if (encryptedRegex) encrypted = path.some((p) => compileGoRegex(encryptedRegex).test(p));
  if (selectors.unencryptedCommentRegex) {
    const re = compileGoRegex(selectors.unencryptedCommentRegex);
    if (comments.some((level) => level.some((c) => re.test(c)))) encrypted = false;
  }
  if (selectors.encryptedCommentRegex) {
    const re = compileGoRegex(selectors.encryptedCommentRegex);
    const lastLevel = comments.length - 1;
    encrypted = comments.some((level, i) =>
      level.some((c, j) => {
        // The comment that matches is itself left in clear; only what follows it is encrypted.
        if (isComment && i === lastLevel && j === level.length - 1) return false;
        return re.test(c);
      }),
    );
  }
  return encrypted;
}
