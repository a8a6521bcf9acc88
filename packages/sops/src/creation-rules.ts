/**
 * `.sops.yaml`: creation rules (which keys and which encryption selectors a
 * new file gets, by path) and store settings, read as sops reads them.
 * Pure: the caller reads the file and says which folder it is in.
 */
import { posix, sep } from 'node:path';
import { parseDocument } from 'yaml';
import type { KeyGroupSpec } from './crypto/data-key.js';
import { SopsError } from './errors.js';
import { compileGoRegex } from './format/go-regex.js';
import { checkSelectors, SELECTOR_FIELDS } from './format/metadata.js';
import type { EncryptionSelectors, OtherMasterKey } from './format/metadata.js';
import { branch, item } from './tree/tree.js';

export interface CreationRule {
  /** 0-based position in `creation_rules`. */
  readonly index: number;
  /** Go RE2 pattern tested (unanchored) against the file path relative to the config folder; none matches all. */
  readonly pathRegex?: string;
  /** `key_groups` as written, or one group assembled from the rule's flat key fields. */
  readonly keyGroups: readonly KeyGroupSpec[];
  readonly shamirThreshold?: number;
  readonly selectors: EncryptionSelectors;
  readonly macOnlyEncrypted: boolean;
}

export interface SopsStoresConfig {
  /** `stores.yaml.indent` (sops default 4). */
  readonly yamlIndent?: number;
  /** `stores.json.indent` (sops default -1: a tab). */
  readonly jsonIndent?: number;
  /** `stores.json_binary.indent` (sops default -1: a tab). */
  readonly jsonBinaryIndent?: number;
}

export interface SopsConfig {
  /** Absolute folder of the `.sops.yaml`: rule paths are relative to it. */
  readonly directory: string;
  readonly creationRules: readonly CreationRule[];
  readonly stores: SopsStoresConfig;
}

type Plain = Record<string, unknown>;

function configError(file: string, message: string): never {
  throw new SopsError('SOPS_CONFIG_INVALID', `${file}: ${message}`, { file });
}

function isObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or list of strings, comma-split and trimmed (sops `parseKeyField`). */
function keyStrings(value: unknown, where: string, file: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((v) => {
    if (typeof v !== 'string') configError(file, `${where}: expected a string or a list of strings`);
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  });
}

function other(type: string, fields: Record<string, unknown>): OtherMasterKey {
  return { type, fields: branch(Object.entries(fields).map(([k, v]) => item(k, v === undefined || v === null ? '' : String(v)))) };
}

function objects(value: unknown, where: string, file: string): Plain[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) configError(file, `${where}: expected a list`);
  return value.map((v) => {
    if (!isObject(v)) configError(file, `${where}: expected a list of mappings`);
    return v;
  });
}

function identityOf(key: OtherMasterKey): string {
  return `${key.type}/${key.fields.entries.map((e) => (e.kind === 'item' ? String(e.value) : '')).join('/')}`;
}

function groupFromConfig(group: Plain, where: string, file: string): KeyGroupSpec {
  const age: string[] = [];
  const others: OtherMasterKey[] = [];
  for (const [i, merged] of objects(group['merge'], `${where}.merge`, file).entries()) {
    const sub = groupFromConfig(merged, `${where}.merge[${i}]`, file);
    age.push(...sub.age);
    others.push(...(sub.others ?? []));
  }
  age.push(...keyStrings(group['age'], `${where}.age`, file));
  for (const fp of keyStrings(group['pgp'], `${where}.pgp`, file)) others.push(other('pgp', { fp }));
  for (const k of objects(group['kms'], `${where}.kms`, file)) others.push(other('kms', { arn: k['arn'] }));
  for (const k of objects(group['gcp_kms'], `${where}.gcp_kms`, file)) others.push(other('gcp_kms', { resource_id: k['resource_id'] }));
  for (const k of objects(group['hckms'], `${where}.hckms`, file)) others.push(other('hckms', { key_id: k['key_id'] }));
  for (const k of objects(group['azure_keyvault'], `${where}.azure_keyvault`, file)) {
    others.push(other('azure_kv', { vault_url: k['vaultUrl'], name: k['key'], version: k['version'] }));
  }
  for (const uri of keyStrings(group['hc_vault'], `${where}.hc_vault`, file)) others.push(other('hc_vault', { uri }));
  // Keys in a group are de-duplicated (sops 3.9+).
  const seen = new Set<string>();
  const uniqueOthers = others.filter((o) => {
    const id = identityOf(o);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { age: [...new Set(age)], others: uniqueOthers };
}

function flatGroup(rule: Plain, where: string, file: string): KeyGroupSpec {
  const others: OtherMasterKey[] = [];
  for (const fp of keyStrings(rule['pgp'], `${where}.pgp`, file)) others.push(other('pgp', { fp }));
  for (const arn of keyStrings(rule['kms'], `${where}.kms`, file)) others.push(other('kms', { arn }));
  for (const id of keyStrings(rule['gcp_kms'], `${where}.gcp_kms`, file)) others.push(other('gcp_kms', { resource_id: id }));
  for (const id of keyStrings(rule['hckms'], `${where}.hckms`, file)) others.push(other('hckms', { key_id: id }));
  for (const url of keyStrings(rule['azure_keyvault'], `${where}.azure_keyvault`, file)) others.push(other('azure_kv', { url }));
  for (const uri of keyStrings(rule['hc_vault_transit_uri'], `${where}.hc_vault_transit_uri`, file)) others.push(other('hc_vault', { uri }));
  return { age: keyStrings(rule['age'], `${where}.age`, file), others };
}

function optionalString(rule: Plain, key: string, where: string, file: string): string | undefined {
  const value = rule[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') configError(file, `${where}.${key}: expected a string`);
  return value;
}

function optionalInt(value: unknown, where: string, file: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) configError(file, `${where}: expected an integer`);
  return value;
}

function ruleFromConfig(rule: Plain, index: number, file: string): CreationRule {
  const where = `creation_rules[${index}]`;
  const selectors: Record<string, string> = {};
  for (const [field, key] of SELECTOR_FIELDS) {
    const value = optionalString(rule, key, where, file);
    if (value !== undefined) {
      if (key.endsWith('regex')) compileGoRegex(value);
      selectors[field] = value;
    }
  }
  checkSelectors(selectors, `${file}: ${where}`, 'SOPS_CONFIG_INVALID');
  const groups = objects(rule['key_groups'], `${where}.key_groups`, file);
  const keyGroups = groups.length > 0 ? groups.map((g, i) => groupFromConfig(g, `${where}.key_groups[${i}]`, file)) : [flatGroup(rule, where, file)];
  const pathRegex = optionalString(rule, 'path_regex', where, file);
  if (pathRegex !== undefined) compileGoRegex(pathRegex);
  const shamirThreshold = optionalInt(rule['shamir_threshold'], `${where}.shamir_threshold`, file);
  return {
    index,
    ...(pathRegex === undefined ? {} : { pathRegex }),
    keyGroups,
    ...(shamirThreshold ? { shamirThreshold } : {}),
    selectors,
    macOnlyEncrypted: rule['mac_only_encrypted'] === true,
  };
}

function storeIndent(stores: Plain, name: string, file: string): number | undefined {
  const store = stores[name];
  if (!isObject(store)) return undefined;
  return optionalInt(store['indent'], `stores.${name}.indent`, file);
}

export interface ParseSopsConfigOptions {
  /** Absolute folder that holds the `.sops.yaml`. */
  readonly directory: string;
  /** Name of the config in messages. @default '.sops.yaml' */
  readonly file?: string;
}

/** Reads the text of a `.sops.yaml`. Throws SOPS_CONFIG_INVALID. Unknown keys are ignored, as in sops. */
export function parseSopsConfig(text: string, options: ParseSopsConfigOptions): SopsConfig {
  const file = options.file ?? '.sops.yaml';
  const doc = parseDocument(text, { merge: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) configError(file, `not valid YAML: ${error.message.split('\n')[0]}`);
  return sopsConfigFromValue(doc.toJS({ maxAliasCount: 1000 }) ?? {}, options);
}

/**
 * The same from a `.sops.yaml` already parsed (its value, with YAML merge
 * keys resolved): a caller that holds the parse (the manifest model) does
 * not parse the file again.
 */
export function sopsConfigFromValue(root: unknown, options: ParseSopsConfigOptions): SopsConfig {
  const file = options.file ?? '.sops.yaml';
  if (!isObject(root)) configError(file, 'expected a mapping at the top level');
  const rules = objects(root['creation_rules'], 'creation_rules', file).map((r, i) => ruleFromConfig(r, i, file));
  const stores = isObject(root['stores']) ? root['stores'] : {};
  const yamlIndent = storeIndent(stores, 'yaml', file);
  const jsonIndent = storeIndent(stores, 'json', file);
  const jsonBinaryIndent = storeIndent(stores, 'json_binary', file);
  return {
    directory: options.directory,
    creationRules: rules,
    stores: {
      ...(yamlIndent === undefined ? {} : { yamlIndent }),
      ...(jsonIndent === undefined ? {} : { jsonIndent }),
      ...(jsonBinaryIndent === undefined ? {} : { jsonBinaryIndent }),
    },
  };
}

/** The path sops matches `path_regex` against: relative to the config folder when inside it. */
export function pathForRules(config: SopsConfig, filePath: string): string {
  const absolute = filePath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(filePath) ? filePath : posix.join(config.directory, filePath);
  const dir = config.directory.endsWith(sep) || config.directory.endsWith('/') ? config.directory : `${config.directory}/`;
  return absolute.startsWith(dir) ? absolute.slice(dir.length) : absolute;
}

/**
 * The first rule whose `path_regex` matches the file (a rule without one
 * matches everything). `filePath` is absolute, or relative to the config
 * folder. Throws SOPS_NO_CREATION_RULE.
 */
export function findCreationRule(config: SopsConfig, filePath: string): CreationRule {
  const relative = pathForRules(config, filePath);
  for (const rule of config.creationRules) {
    if (rule.pathRegex === undefined || compileGoRegex(rule.pathRegex).test(relative)) return rule;
  }
  throw new SopsError('SOPS_NO_CREATION_RULE', `no matching creation rules found for ${relative}`, { file: filePath });
}
