/**
 * Decrypt a SOPS file: the plaintext text `sops -d` prints, the ordered
 * documents, and plain JavaScript values. The MAC is checked unless the
 * caller passes `verifyMac: false`.
 */
import type { SopsMetadata } from '../format/metadata.js';
import { emitPlainText } from '../stores/store.js';
import type { SopsFormat } from '../stores/store.js';
import { treeToPlain } from '../tree/plain-value.js';
import type { TreeBranch } from '../tree/tree.js';
import { openSopsFile } from './open-sops-file.js';
import type { KeyedOptions } from './open-sops-file.js';

export interface DecryptOptions extends KeyedOptions {
  /** Indentation of the returned text: YAML spaces (default 4), JSON spaces or -1 for a tab (default -1). */
  readonly indent?: number;
}

export interface DecryptResult {
  readonly format: SopsFormat;
  /** The plaintext file, as `sops -d` writes it (for a binary file: the original content). */
  readonly text: string;
  /** The documents in order, with comments, typed values (`bigint` ints, `number` floats). */
  readonly documents: readonly TreeBranch[];
  /** Each document as a plain JavaScript value (see `treeToPlain`). */
  readonly values: readonly unknown[];
  readonly metadata: SopsMetadata;
  /** False only when the caller turned verification off. */
  readonly macVerified: boolean;
  /** Non-fatal findings, e.g. comments that could not be decrypted. Never contain values. */
  readonly warnings: readonly string[];
}

/**
 * Decrypts an encrypted file's text. Throws SopsError with code
 * SOPS_MAC_MISMATCH, SOPS_VALUE_DECRYPT_FAILED, SOPS_WRONG_KEY,
 * SOPS_NO_IDENTITY, SOPS_METADATA_NOT_FOUND, SOPS_METADATA_INVALID,
 * SOPS_VALUE_MALFORMED or SOPS_FILE_MALFORMED.
 */
export async function decryptSopsFile(text: string, options: DecryptOptions): Promise<DecryptResult> {
  const opened = await openSopsFile(text, options);
  const format = opened.parsed.format;
  return {
    format,
    text: emitPlainText(opened.plaintext, format, options.indent === undefined ? {} : { indent: options.indent }),
    documents: opened.plaintext,
    values: opened.plaintext.map(treeToPlain),
    metadata: opened.parsed.metadata,
    macVerified: opened.macVerified,
    warnings: opened.warnings,
  };
}
