/**
 * Loading kustodian.yaml: parse, validate against the schema (with the rules
 * the caller says `rules:` may name), normalise. Every problem is located
 * (file, line, column, key); the whole file is checked before failing.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { closestWord, KustodianError } from '@kustodian/core';
import type { FileSystem } from '../fs/file-system.js';
import type { DeclaredSecret } from '../secrets/secret-catalog.js';
import type { SecretProducer } from '../secrets/producers/index.js';
import type { BackupPolicy, KustodianConfig, Limits, RuleSetting } from './kustodian-config.js';
import { CONFIG_FILE_NAME, DEFAULT_BACKUP_POLICY, DEFAULT_CONFIG, DEFAULT_LIMITS } from './kustodian-config.js';
import type { ConfigurableRule, JsonSchema } from './config-schema.js';
import { buildConfigSchema } from './config-schema.js';
import { parseYamlFile } from '../documents/parse-yaml-file.js';

/** One thing wrong with a configuration file. */
export interface ConfigProblem {
  /** Dotted path of the key, e.g. `rules.secret-undefined.severity`; '' for the whole file. */
  readonly key: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * `kustodian.yaml` is unusable. The message names the file, line, column and
 * key of every problem; the apps exit with status 2.
 */
export class ConfigError extends KustodianError<'CONFIG_INVALID'> {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super('CONFIG_INVALID', formatProblems(file, problems), { file, problems });
  }

  /** The first problem (there is always one). */
  get key(): string {
    return this.problems[0]?.key ?? '';
  }

  get line(): number {
    return this.problems[0]?.line ?? 1;
  }
}

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `${file}:${p.line}:${p.column}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
  return problems.length === 1 ? `invalid configuration: ${lines[0]}` : `invalid configuration (${problems.length} problems):\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

export interface LoadConfigOptions {
  /** The rules the `rules:` section may name; none: `rules:` must be empty. The audit passes its rules. */
  readonly rules?: readonly ConfigurableRule[];
  /**
   * A validator compiled ahead of time (ajv standalone, with CONFIG_VALIDATOR_OPTIONS) and the
   * fingerprint of the schema it was compiled from: used when the schema of `rules` has that
   * fingerprint, so that nothing is compiled at run time; otherwise a validator is compiled.
   */
  readonly precompiled?: { readonly fingerprint: string; readonly validate: ValidateFunction };
}

/** How the schema of kustodian.yaml is compiled (at run time, or ahead of time by the audit's build). */
export const CONFIG_VALIDATOR_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;

/** sha256 of a configuration schema's JSON: what a precompiled validator is matched by. */
export function configSchemaFingerprint(schema: JsonSchema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/** ajv is loaded only when a schema must be compiled at run time (it takes longer to load than the rest of reading the file). */
const requireFromHere = createRequire(import.meta.url);

/** The precompiled validator, when it was compiled from the schema these rules give. */
function precompiledFor(options: LoadConfigOptions): ValidateFunction | undefined {
  const pre = options.precompiled;
  if (pre === undefined) return undefined;
  return configSchemaFingerprint(buildConfigSchema(options.rules ?? [])) === pre.fingerprint ? pre.validate : undefined;
}

const validators = new Map<string, ValidateFunction>();

/**
 * The rules a configuration's `rules:` section names: only their settings
 * need a schema (a name that is no rule is still refused, as a key the
 * schema does not have). Compiling the schema of every rule's options is
 * the dearest part of reading kustodian.yaml, and a file names a few; the
 * full schema is compiled only to describe a file that is wrong.
 */
function rulesNamedIn(value: unknown, rules: readonly ConfigurableRule[]): readonly ConfigurableRule[] {
  const section = value !== null && typeof value === 'object' ? (value as { rules?: unknown }).rules : undefined;
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return [];
  const named = new Set(Object.keys(section));
  return rules.filter((rule) => named.has(rule.id));
}

function validatorFor(rules: readonly ConfigurableRule[]): ValidateFunction {
  const byId = new Map<string, ConfigurableRule>();
  for (const rule of rules) byId.set(rule.id, rule);
  const schema = buildConfigSchema([...byId.values()]);
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const { Ajv } = requireFromHere('ajv') as typeof import('ajv');
    validate = new Ajv(CONFIG_VALIDATOR_OPTIONS).compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Reads `file` (default kustodian.yaml) of a repository. No kustodian.yaml
 * is the default configuration; a file named on purpose that does not exist,
 * or one that cannot be read, is a ConfigError.
 */
export function readConfig(fs: FileSystem, options: LoadConfigOptions & { readonly file?: string } = {}): KustodianConfig {
  const file = options.file ?? CONFIG_FILE_NAME;
  const kind = fs.stat(file);
  const bytes = kind === 'file' ? fs.readFile(file) : undefined;
  if (bytes === undefined && (options.file !== undefined || kind !== undefined)) {
    const why = kind === 'directory' ? 'is a folder' : kind === 'file' ? 'cannot be read' : 'does not exist in the repository';
    throw new ConfigError(file, [{ key: '', message: `the configuration file ${why}`, line: 1, column: 1 }]);
  }
  if (bytes === undefined) return DEFAULT_CONFIG;
  return loadConfig(new TextDecoder('utf-8').decode(bytes), file, { ...(options.rules ? { rules: options.rules } : {}), ...(options.precompiled ? { precompiled: options.precompiled } : {}) });
}

/**
 * Parse and validate kustodian.yaml. An empty file is the default
 * configuration. Throws ConfigError (code CONFIG_INVALID) naming the file,
 * line, column and key of each problem.
 */
export function loadConfig(text: string, file: string = CONFIG_FILE_NAME, options: LoadConfigOptions = {}): KustodianConfig {
  // The common case, a valid file, is read on the model's fast path; what is wrong is told from the position-carrying parse below.
  // (parseYamlFile refuses an alias bomb like any manifest: then the parse below reports it.)
  const fast = parseYamlFile(file, new TextEncoder().encode(text));
  if (fast.diagnostics.length === 0 && fast.documents.length <= 1) {
    const value = fast.documents[0]?.value;
    if (value === null || value === undefined) return { ...DEFAULT_CONFIG, file };
    if ((precompiledFor(options) ?? validatorFor(rulesNamedIn(value, options.rules ?? [])))(value)) return normalize(value as RawConfig, file);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ key: '', message: e.message.split('\n')[0]!.trim(), ...at(e.pos[0]) })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(file, [{ key: '', message: (error as Error).message, line: 1, column: 1 }]);
  }
  if (value === null || value === undefined) return { ...DEFAULT_CONFIG, file };
  const precompiled = precompiledFor(options);
  if (!(precompiled ?? validatorFor(rulesNamedIn(value, options.rules ?? [])))(value)) {
    // Told with every rule's schema, so that an unknown name gets the closest rule id.
    const validate = precompiled ?? validatorFor(options.rules ?? []);
    validate(value);
    throw new ConfigError(file, describeErrors(validate.errors ?? [], value, doc, at));
  }
  return normalize(value as RawConfig, file);
}

interface RawConfig {
  entryPoints?: string[];
  ignore?: string[];
  namespaces?: { retired?: string[]; forbidden?: string[]; known?: string[] };
  secrets?: { external?: DeclaredSecret[]; producers?: SecretProducer[] };
  sources?: { self?: string[]; paths?: Record<string, string> };
  backup?: Partial<BackupPolicy>;
  docs?: { roots?: string[] };
  limits?: Partial<Limits>;
  rules?: Record<string, string | { severity?: string; options?: Record<string, unknown> }>;
}

function normalize(raw: RawConfig, file: string): KustodianConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    rules[id] = typeof setting === 'string' ? { severity: setting as RuleSetting['severity'] } : (setting as RuleSetting);
  }
  return {
    entryPoints: raw.entryPoints,
    ignore: raw.ignore ?? [],
    namespaces: {
      retired: raw.namespaces?.retired ?? [],
      forbidden: raw.namespaces?.forbidden ?? [],
      known: raw.namespaces?.known ?? [],
    },
    secrets: { external: raw.secrets?.external ?? [], producers: raw.secrets?.producers ?? [] },
    sources: { self: raw.sources?.self ?? [], paths: raw.sources?.paths ?? {} },
    backup: { ...DEFAULT_BACKUP_POLICY, ...raw.backup },
    docs: raw.docs?.roots !== undefined ? { roots: raw.docs.roots } : {},
    limits: { ...DEFAULT_LIMITS, ...raw.limits },
    rules,
    file,
  };
}

/** JSON pointer → path segments. */
function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/** The YAML node of a path, and of its last key when the path ends in a mapping key. */
function nodeAt(doc: Document, path: readonly string[], wantKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isMap(node) || isSeq(node) ? (node as Node) : undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) return last;
      if (i === path.length - 1 && wantKey && isScalar(pair.key)) return pair.key;
      node = pair.value;
      last = (pair.value as Node | null) ?? (isScalar(pair.key) ? pair.key : last);
    } else if (isSeq(node)) {
      node = node.items[Number(seg)];
      if (node && typeof node === 'object') last = node as Node;
    } else return last;
  }
  return last;
}

function describeErrors(errors: readonly ErrorObject[], value: unknown, doc: Document, at: (offset: number) => { line: number; column: number }): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = segmentsOf(e.instancePath);
    const here = valueAt(value, path);
    let message: string;
    let target = path;
    let wantKey = true;
    switch (e.keyword) {
      case 'oneOf':
        continue;
      case 'additionalProperties': {
        const extra = String((e.params as { additionalProperty: string }).additionalProperty);
        const allowed = Object.keys(((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties) ?? {});
        const close = closestWord(extra, allowed);
        message = path.join('.') === 'rules' ? `unknown rule "${extra}"` : `unknown key "${extra}"`;
        if (close) message += ` (did you mean "${close}"?)`;
        else if (allowed.length > 0 && allowed.length <= 12) message += `; expected one of: ${allowed.join(', ')}`;
        target = [...path, extra];
        break;
      }
      case 'enum': {
        // A rule setting is a severity string or an object: an object fails the string branch.
        if (here !== null && typeof here === 'object') continue;
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        message = `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(here)})`;
        wantKey = false;
        break;
      }
      case 'type': {
        const type = String((e.params as { type: string }).type);
        // Inside a rule setting's oneOf, the severity branch already explains a non-object.
        if (type === 'object' && e.schemaPath.includes('/oneOf/') && (here === null || typeof here !== 'object')) continue;
        message = `must be ${typeName(type)} (got ${describeValue(here)})`;
        wantKey = false;
        break;
      }
      case 'required':
        message = `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
        break;
      default:
        message = e.message ?? 'is invalid';
        wantKey = false;
    }
    const node = nodeAt(doc, target, wantKey);
    const pos = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
    const key = target.join('.');
    const id = `${key}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ key, message, ...pos });
  }
  if (problems.length === 0) problems.push({ key: '', message: 'does not match the configuration schema', line: 1, column: 1 });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    default:
      return `of type ${type}`;
  }
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
