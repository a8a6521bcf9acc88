/**
 * Encrypt a plaintext file: a fresh data key wrapped for the recipients of
 * a creation rule, the values the rule's selectors pick encrypted, the MAC
 * computed, and the file written in sops 3.13's layout.
 */
import { findCreationRule } from '../creation-rules.js';
import type { SopsConfig } from '../creation-rules.js';
import { generateDataKey, wrapDataKey } from '../crypto/data-key.js';
import type { KeyGroupSpec } from '../crypto/data-key.js';
import { ValueCipher } from '../crypto/value-cipher.js';
import { SopsError } from '../errors.js';
import { formatLastModified } from '../format/go-values.js';
import { checkSelectors, DEFAULT_UNENCRYPTED_SUFFIX } from '../format/metadata.js';
import type { EncryptionSelectors, SopsMetadata } from '../format/metadata.js';
import { SOPS_KEY } from '../format/parse-sops-file.js';
import { parsePlainText } from '../stores/store.js';
import type { SopsFormat } from '../stores/store.js';
import { formatOf, sealSopsFile } from './open-sops-file.js';

/** The sops version written into new files: their layout is that of sops 3.13. */
export const SOPS_FORMAT_VERSION = '3.13.2';

/** What a new file gets: its keys and which values are encrypted (a creation rule satisfies it). */
export interface EncryptionSettings {
  readonly keyGroups: readonly KeyGroupSpec[];
  /** With several key groups: how many are needed to decrypt. @default the number of groups */
  readonly shamirThreshold?: number;
  /** @default `{ unencryptedSuffix: '_unencrypted' }` */
  readonly selectors?: EncryptionSelectors;
  /** Hash only encrypted values into the MAC. @default false */
  readonly macOnlyEncrypted?: boolean;
}

export interface EncryptOptions {
  /** The file's path: picks the format and, with `config`, the creation rule. */
  readonly file?: string;
  /** @default from `file`'s extension, else guessed from the text */
  readonly format?: SopsFormat;
  /** The settings to use. Takes precedence over `config`. */
  readonly rule?: EncryptionSettings;
  /** A parsed `.sops.yaml`: its first rule matching `file` applies, and its store indentation. */
  readonly config?: SopsConfig;
  /** Time written as `lastmodified`. @default now */
  readonly now?: Date;
  /** YAML spaces (default 4, or the config's); JSON spaces or -1 for a tab (default -1, or the config's). */
  readonly indent?: number;
  /** @default SOPS_FORMAT_VERSION */
  readonly version?: string;
}

function indentFor(format: SopsFormat, options: EncryptOptions): number | undefined {
  if (options.indent !== undefined) return options.indent;
  const stores = options.config?.stores;
  if (format === 'yaml') return stores?.yamlIndent;
  if (format === 'json') return stores?.jsonIndent;
  if (format === 'binary') return stores?.jsonBinaryIndent;
  return undefined;
}

function settingsFor(options: EncryptOptions): EncryptionSettings {
  if (options.rule) return options.rule;
  if (options.config && options.file) return findCreationRule(options.config, options.file);
  throw new SopsError('SOPS_NO_CREATION_RULE', 'encrypting needs either rule settings or a .sops.yaml config with the file path');
}

/**
 * Encrypts a plaintext file's text and returns the encrypted text. Throws
 * SOPS_ALREADY_ENCRYPTED, SOPS_NO_CREATION_RULE, SOPS_RECIPIENT_INVALID,
 * SOPS_UNSUPPORTED (e.g. a PGP key in the rule) or SOPS_FILE_MALFORMED.
 */
export async function encryptSopsFile(plaintext: string, options: EncryptOptions): Promise<string> {
  const format = formatOf(plaintext, options);
  const file = options.file ?? 'the file';
  const documents = parsePlainText(plaintext, format, file);
  const reserved = format === 'dotenv' ? (k: string) => k.startsWith('sops_') : (k: string) => k === SOPS_KEY;
  if (documents.some((d) => d.entries.some((e) => e.kind === 'item' && reserved(e.key)))) {
    throw new SopsError('SOPS_ALREADY_ENCRYPTED', `${file}: the file already has sops metadata (a top-level sops key)`, { file });
  }
  const settings = settingsFor(options);
  checkSelectors(settings.selectors ?? {}, 'encryption settings', 'SOPS_CONFIG_INVALID');
  const dataKey = generateDataKey();
  const wrapped = await wrapDataKey(dataKey, settings.keyGroups, settings.shamirThreshold);
  let selectors: EncryptionSelectors = settings.selectors ?? {};
  if (format === 'binary') selectors = {};
  else if (!Object.values(selectors).some((v) => v !== undefined && v !== '')) selectors = { unencryptedSuffix: DEFAULT_UNENCRYPTED_SUFFIX };
  const now = options.now ?? new Date();
  const metadata: SopsMetadata = {
    keyGroups: wrapped.keyGroups,
    ...(wrapped.shamirThreshold === undefined ? {} : { shamirThreshold: wrapped.shamirThreshold }),
    lastModified: formatLastModified(now),
    mac: '',
    selectors,
    macOnlyEncrypted: settings.macOnlyEncrypted ?? false,
    version: options.version ?? SOPS_FORMAT_VERSION,
  };
  const indent = indentFor(format, options);
  return sealSopsFile(format, documents, metadata, new ValueCipher(dataKey), indent === undefined ? { now } : { now, indent });
}
