/**
 * `sops set` / `sops unset`: change one value of an encrypted file. Every
 * other value keeps its exact ciphertext (the IVs of decrypted values are
 * reused); the MAC and `lastmodified` are renewed; keys are not re-wrapped.
 */
import { SopsError } from '../errors.js';
import { plainToTree } from '../tree/plain-value.js';
import { formatSopsPath, setAtPath, unsetAtPath } from '../tree/tree-path.js';
import type { SopsPath } from '../tree/tree-path.js';
import type { TreeBranch } from '../tree/tree.js';
import { openSopsFile, sealSopsFile } from './open-sops-file.js';
import type { KeyedOptions, SealOptions } from './open-sops-file.js';

export interface EditOptions extends KeyedOptions, SealOptions {
  /** Which YAML document to edit. @default 0 (as sops) */
  readonly document?: number;
}

async function edit(text: string, options: EditOptions, change: (doc: TreeBranch) => TreeBranch): Promise<string> {
  const opened = await openSopsFile(text, options);
  const index = options.document ?? 0;
  const target = opened.plaintext[index];
  if (!target) throw new SopsError('SOPS_PATH_NOT_FOUND', `${opened.file}: there is no document ${index}`);
  const plaintext = opened.plaintext.map((doc, i) => (i === index ? change(doc) : doc));
  const indent = options.indent ?? opened.parsed.indent;
  return sealSopsFile(opened.parsed.format, plaintext, opened.parsed.metadata, opened.cipher, {
    ...(options.now ? { now: options.now } : {}),
    ...(indent === undefined ? {} : { indent }),
  });
}

/**
 * Sets the value at `path` (created when missing) and returns the new file
 * text. `value` is a plain JavaScript value: strings, integers (`int`),
 * other numbers (`float`), booleans, null, Dates (`time`), arrays, objects.
 */
export async function setSopsValue(text: string, path: SopsPath, value: unknown, options: EditOptions): Promise<string> {
  const tree = plainToTree(value, formatSopsPath(path));
  return edit(text, options, (doc) => setAtPath(doc, path, tree));
}

/** Removes the value at `path` and returns the new file text. Throws SOPS_PATH_NOT_FOUND when absent. */
export async function unsetSopsValue(text: string, path: SopsPath, options: EditOptions): Promise<string> {
  return edit(text, options, (doc) => unsetAtPath(doc, path));
}
