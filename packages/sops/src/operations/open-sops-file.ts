/**
 * The first half of every keyed operation: parse an encrypted file, recover
 * its data key, decrypt every value and check the MAC.
 */
import type { AgeIdentity } from '../crypto/age.js';
import { recoverDataKey } from '../crypto/data-key.js';
import { decryptTree, encryptTree } from '../crypto/tree-cipher.js';
import { ValueCipher } from '../crypto/value-cipher.js';
import { SopsError } from '../errors.js';
import { formatLastModified, normalizeRfc3339 } from '../format/go-values.js';
import { macEquals } from '../format/mac.js';
import type { SopsMetadata } from '../format/metadata.js';
import { emitSopsFile, parseSopsFile } from '../format/parse-sops-file.js';
import type { ParsedSopsFile } from '../format/parse-sops-file.js';
import { formatForPath } from '../stores/store.js';
import type { SopsFormat } from '../stores/store.js';
import type { TreeBranch } from '../tree/tree.js';

export interface KeyedOptions {
  /** The age identities to try (see `loadAgeIdentities`). */
  readonly identities: readonly AgeIdentity[];
  /** The file's path: names it in messages and picks the format when `format` is not given. */
  readonly file?: string;
  /** @default from `file`'s extension, else guessed from the text */
  readonly format?: SopsFormat;
  /** Check the MAC; `false` is sops' `--ignore-mac`. @default true */
  readonly verifyMac?: boolean;
}

export interface OpenedSopsFile {
  readonly parsed: ParsedSopsFile;
  readonly file: string;
  readonly dataKey: Uint8Array;
  /** Holds the IVs of everything decrypted, so unchanged values re-encrypt to the same text. */
  readonly cipher: ValueCipher;
  readonly plaintext: TreeBranch[];
  readonly macVerified: boolean;
  readonly warnings: string[];
}

/** The format of a text when no file name says it. */
export function guessFormat(text: string): SopsFormat {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'json';
  if (/^sops_(mac|lastmodified|version)=/m.test(text) && !/^sops:/m.test(text)) return 'dotenv';
  return 'yaml';
}

export function formatOf(text: string, options: { readonly file?: string; readonly format?: SopsFormat }): SopsFormat {
  if (options.format) return options.format;
  return options.file ? formatForPath(options.file) : guessFormat(text);
}

/** The AAD the MAC is encrypted with: `lastmodified` re-formatted as RFC 3339. */
export function macAad(metadata: SopsMetadata): string {
  return normalizeRfc3339(metadata.lastModified) ?? metadata.lastModified;
}

export async function openSopsFile(text: string, options: KeyedOptions): Promise<OpenedSopsFile> {
  const file = options.file ?? 'the file';
  const parsed = parseSopsFile(text, formatOf(text, options), file);
  const dataKey = await recoverDataKey(parsed.metadata, options.identities, file);
  const cipher = new ValueCipher(dataKey);
  const result = decryptTree(parsed.documents, parsed.metadata, cipher);
  const verify = options.verifyMac ?? true;
  if (verify) {
    let stored: unknown;
    try {
      stored = cipher.decrypt(parsed.metadata.mac, macAad(parsed.metadata), 'sops.mac');
    } catch (error) {
      throw new SopsError(
        'SOPS_MAC_MISMATCH',
        `${file}: the stored MAC cannot be authenticated (the mac or lastmodified field was changed)`,
        { file },
        { cause: error },
      );
    }
    if (typeof stored !== 'string' || !macEquals(stored, result.mac)) {
      throw new SopsError('SOPS_MAC_MISMATCH', `${file}: MAC mismatch: the file was changed after it was encrypted`, { file });
    }
  }
  return { parsed, file, dataKey, cipher, plaintext: result.documents, macVerified: verify, warnings: result.warnings };
}

export interface SealOptions {
  readonly now?: Date;
  readonly indent?: number;
}

/**
 * Encrypts plaintext documents with the cipher's key, sets a new
 * `lastmodified` and MAC, and writes the file in the layout of its version.
 */
export function sealSopsFile(
  format: SopsFormat,
  plaintext: readonly TreeBranch[],
  metadata: SopsMetadata,
  cipher: ValueCipher,
  options: SealOptions & { readonly keepLastModified?: boolean },
): string {
  const lastModified = options.keepLastModified ? metadata.lastModified : formatLastModified(options.now ?? new Date());
  const encrypted = encryptTree(plaintext, metadata, cipher);
  const next: SopsMetadata = { ...metadata, lastModified };
  const mac = cipher.encrypt(encrypted.mac, macAad(next));
  return emitSopsFile(format, encrypted.documents, { ...next, mac }, options.indent === undefined ? {} : { indent: options.indent });
}
