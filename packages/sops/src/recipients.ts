/**
 * Whether an encrypted file has the recipients its creation rule lists now:
 * the one comparison that the audit and `kustodian secrets verify` /
 * `updatekeys --dry-run` share. Age and PGP keys are compared (they are
 * public); other key kinds (KMS, Vault …) are not.
 */
import type { CreationRule } from './creation-rules.js';
import type { SopsMetadataSummary } from './inspect.js';

/** `age age1…` or `pgp FINGERPRINT`. */
export type RecipientKey = string;

/** The age and PGP recipients of a file's metadata, as comparable keys. */
export function metadataRecipientKeys(summary: Pick<SopsMetadataSummary, 'recipients'>): RecipientKey[] {
  return [...new Set(summary.recipients.filter((r) => r.type === 'age' || r.type === 'pgp').map((r) => `${r.type} ${r.id}`))];
}

/** The age and PGP recipients a creation rule lists, over all its key groups, as comparable keys. */
export function ruleRecipientKeys(rule: Pick<CreationRule, 'keyGroups'>): RecipientKey[] {
  const keys = rule.keyGroups.flatMap((group) => [
    ...group.age.map((r) => `age ${r}`),
    ...(group.others ?? []).flatMap((other) => {
      if (other.type !== 'pgp') return [];
      const fp = other.fields.entries.find((e) => e.kind === 'item' && e.key === 'fp');
      return fp && fp.kind === 'item' ? [`pgp ${String(fp.value)}`] : [];
    }),
  ]);
  return [...new Set(keys)];
}

export interface RecipientDrift {
  /** Recipients the rule lists that the file lacks. */
  readonly missing: readonly RecipientKey[];
  /** Recipients of the file that the rule does not list. */
  readonly extra: readonly RecipientKey[];
  /** Same recipients, split into a different number of key groups. */
  readonly regrouped: boolean;
}

/** How a file's recipients differ from its creation rule's. */
export function recipientDrift(summary: Pick<SopsMetadataSummary, 'recipients' | 'keyGroupCount'>, rule: Pick<CreationRule, 'keyGroups'>): RecipientDrift {
  const has = metadataRecipientKeys(summary);
  const wanted = ruleRecipientKeys(rule);
  const missing = wanted.filter((k) => !has.includes(k));
  const extra = has.filter((k) => !wanted.includes(k));
  return { missing, extra, regrouped: missing.length === 0 && extra.length === 0 && summary.keyGroupCount > 0 && summary.keyGroupCount !== rule.keyGroups.length };
}

/** A recipient key as users write it: the age recipient alone, `pgp FINGERPRINT`. */
export function showRecipient(key: RecipientKey): string {
  return key.startsWith('age ') ? key.slice(4) : key;
}
