/**
 * `sops updatekeys`: make the file's key groups what its creation rule says
 * now, re-wrapping the same data key for every recipient. Values, MAC,
 * `lastmodified`, `version` and selectors stay as they are.
 */
import { findCreationRule } from '../creation-rules.js';
import type { SopsConfig } from '../creation-rules.js';
import { recoverDataKey, wrapDataKey } from '../crypto/data-key.js';
import type { KeyGroupSpec } from '../crypto/data-key.js';
import type { AgeIdentity } from '../crypto/age.js';
import { SopsError } from '../errors.js';
import type { SopsKeyGroup, SopsMetadata } from '../format/metadata.js';
import { emitSopsFile, parseSopsFile } from '../format/parse-sops-file.js';
import type { SopsFormat } from '../stores/store.js';
import { formatOf } from './open-sops-file.js';
import type { EncryptionSettings } from './encrypt.js';

export interface UpdateRecipientsOptions {
  readonly identities: readonly AgeIdentity[];
  /** The file's path: picks the format and, with `config`, the creation rule. */
  readonly file?: string;
  readonly format?: SopsFormat;
  /** The rule the keys should follow. Takes precedence over `config`. */
  readonly rule?: Pick<EncryptionSettings, 'keyGroups' | 'shamirThreshold'>;
  /** A parsed `.sops.yaml`: its first rule matching `file` applies. */
  readonly config?: SopsConfig;
  /** YAML spaces or JSON indent of the output. @default the file's */
  readonly indent?: number;
}

export interface UpdateRecipientsResult {
  /** The new file text (the input unchanged when nothing changed). */
  readonly text: string;
  readonly changed: boolean;
  /** Age recipients added, and removed, over all groups. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

function groupKey(group: SopsKeyGroup | KeyGroupSpec): string {
  const age = 'age' in group ? group.age.map((a) => (typeof a === 'string' ? a : a.recipient)) : [];
  const others = (group.others ?? []).map((o) => `${o.type}:${o.fields.entries.map((e) => (e.kind === 'item' ? String(e.value) : '')).join('/')}`);
  return JSON.stringify([[...age].sort(), [...others].sort()]);
}

function sameKeys(metadata: SopsMetadata, groups: readonly KeyGroupSpec[], threshold: number | undefined): boolean {
  if (metadata.keyGroups.length !== groups.length) return false;
  if (groups.length > 1 && (metadata.shamirThreshold ?? groups.length) !== (threshold ?? groups.length)) return false;
  return metadata.keyGroups.every((g, i) => groupKey(g) === groupKey(groups[i]!));
}

/**
 * Re-wraps the data key for the recipients the rule lists. Throws
 * SOPS_NO_CREATION_RULE, SOPS_WRONG_KEY, SOPS_NO_IDENTITY, or
 * SOPS_UNSUPPORTED when the rule lists non-age keys.
 */
export async function updateSopsRecipients(text: string, options: UpdateRecipientsOptions): Promise<UpdateRecipientsResult> {
  const file = options.file ?? 'the file';
  const parsed = parseSopsFile(text, formatOf(text, options), file);
  let rule = options.rule;
  if (!rule) {
    if (!options.config || !options.file) {
      throw new SopsError('SOPS_NO_CREATION_RULE', 'updating recipients needs either rule settings or a .sops.yaml config with the file path');
    }
    rule = findCreationRule(options.config, options.file);
  }
  const before = parsed.metadata.keyGroups.flatMap((g) => g.age.map((a) => a.recipient));
  const after = rule.keyGroups.flatMap((g) => g.age);
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  if (sameKeys(parsed.metadata, rule.keyGroups, rule.shamirThreshold)) return { text, changed: false, added: [], removed: [] };
  const dataKey = await recoverDataKey(parsed.metadata, options.identities, file);
  const wrapped = await wrapDataKey(dataKey, rule.keyGroups, rule.shamirThreshold);
  const { shamirThreshold: _previous, ...rest } = parsed.metadata;
  const metadata: SopsMetadata = {
    ...rest,
    keyGroups: wrapped.keyGroups,
    ...(wrapped.shamirThreshold === undefined ? {} : { shamirThreshold: wrapped.shamirThreshold }),
  };
  const indent = options.indent ?? parsed.indent;
  const out = emitSopsFile(parsed.format, parsed.documents, metadata, indent === undefined ? {} : { indent });
  return { text: out, changed: true, added, removed };
}
