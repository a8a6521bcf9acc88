/**
 * `sops rotate`: a new data key for the same recipients (optionally adding
 * or removing age recipients), every value re-encrypted with it, a new MAC
 * and `lastmodified`. The `version` field is kept, as sops keeps it.
 */
import { checkAgeRecipient } from '../crypto/age.js';
import { generateDataKey, wrapDataKey } from '../crypto/data-key.js';
import { SopsError } from '../errors.js';
import type { SopsMetadata } from '../format/metadata.js';
import { openSopsFile, sealSopsFile } from './open-sops-file.js';
import type { KeyedOptions, SealOptions } from './open-sops-file.js';

export interface RotateOptions extends KeyedOptions, SealOptions {
  /** Age recipients to add to the first key group. */
  readonly addRecipients?: readonly string[];
  /** Age recipients to remove from every group. */
  readonly removeRecipients?: readonly string[];
}

/**
 * Rotates the data key and returns the new file text. Throws SOPS_UNSUPPORTED
 * when the file also has keys of a kind this library cannot write (PGP, KMS…).
 */
export async function rotateSopsFile(text: string, options: RotateOptions): Promise<string> {
  const opened = await openSopsFile(text, options);
  const metadata = opened.parsed.metadata;
  const remove = new Set(options.removeRecipients ?? []);
  for (const recipient of options.addRecipients ?? []) await checkAgeRecipient(recipient);
  const groups = metadata.keyGroups.map((group, i) => {
    const age = group.age.map((a) => a.recipient).filter((r) => !remove.has(r));
    if (i === 0) for (const r of options.addRecipients ?? []) if (!age.includes(r)) age.push(r);
    return { age, others: group.others };
  });
  if (groups.every((g) => g.age.length === 0 && g.others.length === 0)) {
    throw new SopsError('SOPS_RECIPIENT_INVALID', `${opened.file}: rotating would leave the file without recipients`);
  }
  const dataKey = generateDataKey();
  const wrapped = await wrapDataKey(dataKey, groups, metadata.shamirThreshold);
  const next: SopsMetadata = { ...metadata, keyGroups: wrapped.keyGroups };
  const withThreshold: SopsMetadata =
    wrapped.shamirThreshold === undefined ? next : { ...next, shamirThreshold: wrapped.shamirThreshold };
  const indent = options.indent ?? opened.parsed.indent;
  return sealSopsFile(opened.parsed.format, opened.plaintext, withThreshold, opened.cipher.withKey(dataKey), {
    ...(options.now ? { now: options.now } : {}),
    ...(indent === undefined ? {} : { indent }),
  });
}
