/**
 * The 32-byte data key: generated fresh, wrapped for every age recipient of
 * every key group (split with Shamir's scheme when there are several
 * groups), and recovered with whatever identities the caller has.
 */
import { randomBytes } from 'node:crypto';
import { SopsError } from '../errors.js';
import type { AgeKeyEntry, OtherMasterKey, SopsKeyGroup, SopsMetadata } from '../format/metadata.js';
import { ageRecipients } from '../format/metadata.js';
import { AgeUnwrapper, checkAgeRecipient, wrapForRecipient } from './age.js';
import type { AgeIdentity } from './age.js';
import { shamirCombine, shamirSplit } from './shamir.js';

export const DATA_KEY_BYTES = 32;

export function generateDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(DATA_KEY_BYTES));
}

/** The keys a group should have: age recipients, plus keys of other kinds kept as they are. */
export interface KeyGroupSpec {
  readonly age: readonly string[];
  /** Keys this library cannot write (pgp, kms, …). Wrapping a key for them fails with SOPS_UNSUPPORTED. */
  readonly others?: readonly OtherMasterKey[];
}

export interface WrappedKeyGroups {
  readonly keyGroups: SopsKeyGroup[];
  readonly shamirThreshold?: number;
}

/** Wraps the data key (or its Shamir parts) for every recipient of every group. */
export async function wrapDataKey(dataKey: Uint8Array, groups: readonly KeyGroupSpec[], shamirThreshold?: number): Promise<WrappedKeyGroups> {
  if (groups.length === 0) throw new SopsError('SOPS_RECIPIENT_INVALID', 'no key groups: at least one age recipient is needed');
  groups.forEach((group, i) => {
    const other = group.others?.[0];
    if (other) {
      throw new SopsError('SOPS_UNSUPPORTED', `key group ${i + 1} has a ${other.type} key: only age keys can be written by this library`, {
        keyType: other.type,
      });
    }
    if (group.age.length === 0) throw new SopsError('SOPS_RECIPIENT_INVALID', `key group ${i + 1} has no age recipient`);
  });
  for (const group of groups) for (const recipient of group.age) await checkAgeRecipient(recipient);
  let parts: Uint8Array[];
  let threshold: number | undefined;
  if (groups.length === 1) parts = [dataKey];
  else {
    threshold = shamirThreshold && shamirThreshold > 0 ? shamirThreshold : groups.length;
    parts = shamirSplit(dataKey, groups.length, threshold);
  }
  const keyGroups: SopsKeyGroup[] = [];
  for (const [i, group] of groups.entries()) {
    const age: AgeKeyEntry[] = [];
    for (const recipient of group.age) age.push({ recipient, enc: await wrapForRecipient(parts[i]!, recipient) });
    keyGroups.push({ age, others: [] });
  }
  return threshold === undefined ? { keyGroups } : { keyGroups, shamirThreshold: threshold };
}

/** Age entries of a group, those addressed to one of the identities first. */
function entriesToTry(group: SopsKeyGroup, identities: readonly AgeIdentity[]): AgeKeyEntry[] {
  const mine = new Set(identities.map((i) => i.recipient));
  return [...group.age.filter((e) => mine.has(e.recipient)), ...group.age.filter((e) => !mine.has(e.recipient))];
}

function wrongKey(metadata: SopsMetadata, identities: readonly AgeIdentity[], file: string): SopsError {
  const expected = ageRecipients(metadata);
  const others = metadata.keyGroups.flatMap((g) => g.others.map((o) => o.type));
  const otherText = others.length > 0 ? `; it also has ${[...new Set(others)].join(', ')} keys, which this library cannot use` : '';
  return new SopsError(
    'SOPS_WRONG_KEY',
    `${file}: none of the ${identities.length} age identit${identities.length === 1 ? 'y' : 'ies'} (${identities
      .map((i) => i.recipient)
      .join(', ')}) can decrypt the data key. The file is encrypted for: ${expected.join(', ') || '(no age recipients)'}${otherText}`,
    { expectedRecipients: expected, identityRecipients: identities.map((i) => i.recipient) },
  );
}

/** Recovers the data key. Throws SOPS_NO_IDENTITY, SOPS_WRONG_KEY or SOPS_METADATA_INVALID. */
export async function recoverDataKey(metadata: SopsMetadata, identities: readonly AgeIdentity[], file = 'the file'): Promise<Uint8Array> {
  if (identities.length === 0) {
    throw new SopsError(
      'SOPS_NO_IDENTITY',
      `${file}: no age identity to decrypt with (set SOPS_AGE_KEY, SOPS_AGE_KEY_FILE or SOPS_AGE_KEY_CMD, or put keys in ~/.config/sops/age/keys.txt). The file is encrypted for: ${ageRecipients(metadata).join(', ')}`,
      { expectedRecipients: ageRecipients(metadata) },
    );
  }
  const unwrapper = new AgeUnwrapper(identities);
  const parts: Uint8Array[] = [];
  for (const group of metadata.keyGroups) {
    for (const entry of entriesToTry(group, identities)) {
      const part = await unwrapper.unwrap(entry.enc, `${file}: age key for ${entry.recipient}`, entry.recipient);
      if (part) {
        parts.push(part);
        break;
      }
    }
  }
  if (metadata.keyGroups.length === 1) {
    const key = parts[0];
    if (!key) throw wrongKey(metadata, identities, file);
    if (key.length !== DATA_KEY_BYTES) throw new SopsError('SOPS_METADATA_INVALID', `${file}: the data key is ${key.length} bytes, not 32`);
    return key;
  }
  const threshold = metadata.shamirThreshold ?? metadata.keyGroups.length;
  if (parts.length < threshold) {
    const error = wrongKey(metadata, identities, file);
    throw new SopsError(
      'SOPS_WRONG_KEY',
      `${error.message} (${parts.length} of the ${threshold} key groups needed could be opened)`,
      error.details,
    );
  }
  const key = shamirCombine(parts);
  if (key.length !== DATA_KEY_BYTES) throw new SopsError('SOPS_METADATA_INVALID', `${file}: the combined data key is ${key.length} bytes, not 32`);
  return key;
}
