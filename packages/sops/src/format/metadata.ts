/**
 * The `sops:` metadata block: reading it (leniently, like sops' weakly typed
 * decoding) and writing it in the key order and shape of a given sops
 * version, so that files keep their layout and our output matches sops'.
 */
import { SopsError } from '../errors.js';
import { normalizeRfc3339 } from './go-values.js';
import { compileGoRegex } from './go-regex.js';
import { branch, isBranch, isComment, isList, isTime, item, list } from '../tree/tree.js';
import type { BranchEntry, TreeBranch, TreeItem, TreeValue } from '../tree/tree.js';

/** One age recipient of a file and the data key (or Shamir part) wrapped for it, as an armored age file. */
export interface AgeKeyEntry {
  readonly recipient: string;
  readonly enc: string;
}

/** A master key of a kind this library cannot use (pgp, kms, …), kept as written. */
export interface OtherMasterKey {
  /** The metadata list it sits in: `pgp`, `kms`, `gcp_kms`, `hckms`, `azure_kv`, `hc_vault`, `plugins`, … */
  readonly type: string;
  readonly fields: TreeBranch;
}

export interface SopsKeyGroup {
  readonly age: readonly AgeKeyEntry[];
  readonly others: readonly OtherMasterKey[];
}

/** Which leaves are encrypted. At most one is set; none means `unencryptedSuffix: '_unencrypted'`. */
export interface EncryptionSelectors {
  readonly unencryptedSuffix?: string;
  readonly encryptedSuffix?: string;
  readonly unencryptedRegex?: string;
  readonly encryptedRegex?: string;
  readonly unencryptedCommentRegex?: string;
  readonly encryptedCommentRegex?: string;
}

export interface SopsMetadata {
  /** One group normally; several mean the data key is split with Shamir's scheme. */
  readonly keyGroups: readonly SopsKeyGroup[];
  /** Number of groups needed to recover the data key when there are several. */
  readonly shamirThreshold?: number;
  /** As written in the file (RFC 3339). */
  readonly lastModified: string;
  /** The encrypted MAC, `ENC[...]`. */
  readonly mac: string;
  /** As written in the file; see {@link effectiveSelectors}. */
  readonly selectors: EncryptionSelectors;
  readonly macOnlyEncrypted: boolean;
  readonly version: string;
}

export const DEFAULT_UNENCRYPTED_SUFFIX = '_unencrypted';

/** Selector fields and their metadata / `.sops.yaml` names. */
export const SELECTOR_FIELDS: readonly (readonly [keyof EncryptionSelectors, string])[] = [
  ['unencryptedSuffix', 'unencrypted_suffix'],
  ['encryptedSuffix', 'encrypted_suffix'],
  ['unencryptedRegex', 'unencrypted_regex'],
  ['encryptedRegex', 'encrypted_regex'],
  ['unencryptedCommentRegex', 'unencrypted_comment_regex'],
  ['encryptedCommentRegex', 'encrypted_comment_regex'],
];

/** The metadata lists that hold master keys, in the order sops assembles a group from them. */
const KEY_LISTS = ['kms', 'gcp_kms', 'hckms', 'azure_kv', 'hc_vault', 'pgp', 'age', 'plugins'] as const;

/** The selectors that apply: the written one, or the default suffix. */
export function effectiveSelectors(selectors: EncryptionSelectors): EncryptionSelectors {
  return Object.values(selectors).some((v) => v !== undefined && v !== '')
    ? selectors
    : { unencryptedSuffix: DEFAULT_UNENCRYPTED_SUFFIX };
}

/** Throws unless at most one selector is set, and a regular expression one is one (sops refuses the file otherwise). */
export function checkSelectors(selectors: EncryptionSelectors, where: string, code: 'SOPS_METADATA_INVALID' | 'SOPS_CONFIG_INVALID'): void {
  const set = SELECTOR_FIELDS.filter(([field]) => selectors[field] !== undefined && selectors[field] !== '');
  for (const [field, name] of set) {
    if (!name.endsWith('_regex')) continue;
    try {
      compileGoRegex(selectors[field]!);
    } catch (error) {
      throw new SopsError(code, `${where}: ${name} is not a valid regular expression (${(error as Error).message})`);
    }
  }
  if (set.length > 1) {
    throw new SopsError(
      code,
      `${where}: cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex or unencrypted_comment_regex (found ${set.map(([, n]) => n).join(', ')})`,
    );
  }
}

/** All age recipients of the file, in group order. */
export function ageRecipients(metadata: SopsMetadata): string[] {
  return metadata.keyGroups.flatMap((g) => g.age.map((a) => a.recipient));
}

// --- reading -------------------------------------------------------------

function invalid(message: string): never {
  throw new SopsError('SOPS_METADATA_INVALID', `invalid sops metadata: ${message}`);
}

/** Weakly typed string, like mapstructure's WeaklyTypedInput. */
function weakString(value: TreeValue | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (isTime(value)) return value.text;
  return invalid(`${field} must be a string`);
}

function weakInt(value: TreeValue | undefined, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return Number(value);
  return invalid(`${field} must be an integer`);
}

function weakBool(value: TreeValue | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'number') return value !== 0;
  return false;
}

function fields(value: TreeValue, where: string): Map<string, TreeValue> {
  if (!isBranch(value)) return invalid(`${where} must be a mapping`);
  const map = new Map<string, TreeValue>();
  for (const entry of value.entries) if (entry.kind === 'item') map.set(entry.key, entry.value);
  return map;
}

function keyList(value: TreeValue | undefined, where: string): TreeBranch[] {
  if (value === undefined || value === null) return [];
  if (!isList(value)) return invalid(`${where} must be a list`);
  return value.entries.filter((e) => !isComment(e)).map((e) => {
    if (!isBranch(e)) return invalid(`${where} entries must be mappings`);
    return e;
  });
}

function groupFrom(map: Map<string, TreeValue>, where: string): SopsKeyGroup {
  const age: AgeKeyEntry[] = [];
  const others: OtherMasterKey[] = [];
  for (const type of KEY_LISTS) {
    for (const entry of keyList(map.get(type), `${where}.${type}`)) {
      if (type === 'age') {
        const f = fields(entry, `${where}.age`);
        age.push({ recipient: weakString(f.get('recipient'), 'age.recipient') ?? '', enc: weakString(f.get('enc'), 'age.enc') ?? '' });
      } else {
        others.push({ type, fields: entry });
      }
    }
  }
  return { age, others };
}

/** Metadata from the value of a `sops` key. Throws SOPS_METADATA_INVALID when unusable. */
export function metadataFromTree(value: TreeValue): SopsMetadata {
  const f = fields(value, 'sops');
  const lastModified = weakString(f.get('lastmodified'), 'lastmodified');
  if (lastModified === undefined || normalizeRfc3339(lastModified) === undefined) {
    invalid(`lastmodified ${lastModified === undefined ? 'is missing' : 'is not an RFC 3339 time'}`);
  }
  const selectors: Record<string, string> = {};
  for (const [field, name] of SELECTOR_FIELDS) {
    const v = weakString(f.get(name), name);
    if (v !== undefined && v !== '') selectors[field] = v;
  }
  checkSelectors(selectors, 'sops metadata', 'SOPS_METADATA_INVALID');
  const topLevel = groupFrom(f, 'sops');
  let keyGroups: SopsKeyGroup[];
  if (topLevel.age.length > 0 || topLevel.others.length > 0) keyGroups = [topLevel];
  else {
    keyGroups = keyList(f.get('key_groups'), 'sops.key_groups').map((g, i) => groupFrom(fields(g, `key_groups[${i}]`), `sops.key_groups[${i}]`));
    if (keyGroups.length === 0) invalid('no keys found in file');
  }
  const shamirThreshold = weakInt(f.get('shamir_threshold'), 'shamir_threshold');
  return {
    keyGroups,
    ...(shamirThreshold !== undefined && shamirThreshold !== 0 ? { shamirThreshold } : {}),
    lastModified,
    mac: weakString(f.get('mac'), 'mac') ?? '',
    selectors,
    macOnlyEncrypted: weakBool(f.get('mac_only_encrypted')),
    version: weakString(f.get('version'), 'version') ?? '',
  };
}

// --- writing -------------------------------------------------------------

/**
 * Key order and shape of the metadata block:
 * - `sops-3.13`: keys sorted, empty lists omitted, `enc` before `recipient`;
 * - `sops-3.10`: Go struct order, empty lists omitted (3.10 – 3.12);
 * - `sops-3.9`: Go struct order, empty key lists written (`[]` in YAML, `null` in JSON) (≤ 3.9).
 */
export type MetadataLayout = 'sops-3.13' | 'sops-3.10' | 'sops-3.9';

/** The layout the sops version that wrote a file uses. */
export function layoutForVersion(version: string): MetadataLayout {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return 'sops-3.13';
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > 3 || (major === 3 && minor >= 13)) return 'sops-3.13';
  if (major === 3 && minor >= 10) return 'sops-3.10';
  return 'sops-3.9';
}

const STRUCT_ORDER = [
  'shamir_threshold',
  'key_groups',
  'kms',
  'gcp_kms',
  'hckms',
  'azure_kv',
  'hc_vault',
  'age',
  'lastmodified',
  'mac',
  'pgp',
  'unencrypted_suffix',
  'encrypted_suffix',
  'unencrypted_regex',
  'encrypted_regex',
  'unencrypted_comment_regex',
  'encrypted_comment_regex',
  'mac_only_encrypted',
  'version',
];

/** Lists written even when empty by sops ≤ 3.9. */
const ALWAYS_WRITTEN_LISTS = ['kms', 'gcp_kms', 'azure_kv', 'hc_vault', 'age', 'pgp'];
const GROUP_STRUCT_ORDER = ['pgp', 'kms', 'gcp_kms', 'hckms', 'azure_kv', 'hc_vault', 'age', 'plugins'];
const GROUP_ALWAYS_WRITTEN = ['hc_vault', 'age'];

function sortedByKey(entries: readonly TreeItem[]): TreeItem[] {
  return [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function ageEntryTree(entry: AgeKeyEntry, layout: MetadataLayout): TreeBranch {
  const recipient = item('recipient', entry.recipient);
  const enc = item('enc', entry.enc);
  return branch(layout === 'sops-3.13' ? [enc, recipient] : [recipient, enc]);
}

function otherKeyTree(key: OtherMasterKey, layout: MetadataLayout): TreeBranch {
  const items = key.fields.entries.filter((e): e is TreeItem => e.kind === 'item');
  return branch(layout === 'sops-3.13' ? sortedByKey(items) : items);
}

/** The key lists of one group, by list name. */
function groupLists(group: SopsKeyGroup, layout: MetadataLayout): Map<string, TreeValue[]> {
  const lists = new Map<string, TreeValue[]>();
  for (const other of group.others) {
    const existing = lists.get(other.type) ?? [];
    existing.push(otherKeyTree(other, layout));
    lists.set(other.type, existing);
  }
  if (group.age.length > 0) lists.set('age', group.age.map((a) => ageEntryTree(a, layout)));
  return lists;
}

function ordered(values: Map<string, TreeValue>, order: readonly string[], layout: MetadataLayout): BranchEntry[] {
  const items = [...values].map(([k, v]) => item(k, v));
  if (layout === 'sops-3.13') return sortedByKey(items);
  const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
  return items.sort((a, b) => rank(a.key) - rank(b.key));
}

/**
 * The `sops` value for a file. `emptyList` is what sops ≤ 3.9 writes for an
 * empty key list: an empty list in YAML, `null` in JSON.
 */
export function metadataToTree(metadata: SopsMetadata, layout: MetadataLayout, emptyList: 'list' | 'null'): TreeBranch {
  const empty = (): TreeValue => (emptyList === 'list' ? list([]) : null);
  const values = new Map<string, TreeValue>();
  const writeEmpty = layout === 'sops-3.9';
  if (metadata.keyGroups.length === 1) {
    for (const [name, entries] of groupLists(metadata.keyGroups[0]!, layout)) values.set(name, list(entries));
  } else {
    if (metadata.shamirThreshold !== undefined) values.set('shamir_threshold', BigInt(metadata.shamirThreshold));
    const groups = metadata.keyGroups.map((group) => {
      const groupValues = new Map<string, TreeValue>();
      for (const [name, entries] of groupLists(group, layout)) groupValues.set(name, list(entries));
      if (writeEmpty) for (const name of GROUP_ALWAYS_WRITTEN) if (!groupValues.has(name)) groupValues.set(name, empty());
      return branch(ordered(groupValues, GROUP_STRUCT_ORDER, layout));
    });
    values.set('key_groups', list(groups));
  }
  if (writeEmpty) for (const name of ALWAYS_WRITTEN_LISTS) if (!values.has(name)) values.set(name, empty());
  values.set('lastmodified', metadata.lastModified);
  values.set('mac', metadata.mac);
  for (const [field, name] of SELECTOR_FIELDS) {
    const v = metadata.selectors[field];
    if (v !== undefined && v !== '') values.set(name, v);
  }
  if (metadata.macOnlyEncrypted) values.set('mac_only_encrypted', true);
  values.set('version', metadata.version);
  return branch(ordered(values, STRUCT_ORDER, layout));
}
