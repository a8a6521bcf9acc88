/**
 * Inspection without any key: is a document SOPS-encrypted, for whom, by
 * which sops version, which fields are encrypted and which are in clear,
 * and do clear fields carry copies of secret material. Results hold field
 * paths and line numbers, never a value.
 */
import { isEncryptedValue } from './crypto/value-cipher.js';
import { isSopsError } from './errors.js';
import { effectiveSelectors, metadataFromTree } from './format/metadata.js';
import type { EncryptionSelectors, SopsMetadata } from './format/metadata.js';
import { shouldBeEncrypted } from './format/should-encrypt.js';
import { formatForPath } from './stores/store.js';
import type { SopsFormat } from './stores/store.js';
import { plainToTree } from './tree/plain-value.js';
import { dotenvFacts, hasLazyPosition, valueFacts, yamlFacts } from './inspect/document-facts.js';
import type { DocumentFacts, FieldPath, Leaf, ParsedDocument, ParseErrorAt } from './inspect/document-facts.js';

export type { FieldPath };

export interface FieldLocation {
  readonly path: FieldPath;
  /** 1-based, when the input was YAML/JSON/dotenv text. */
  readonly line?: number;
  readonly column?: number;
  /** Set for a Secret value that is itself a base64-encoded SOPS document (Flux decrypts those). */
  readonly nestedSops?: true;
}

export type InspectionStatus =
  /** The document has SOPS metadata (or a Secret whose values are all nested SOPS documents). */
  | 'encrypted'
  /** A Kubernetes Secret without SOPS metadata: its values are in clear. */
  | 'plaintext'
  /** Not a Secret and not SOPS-encrypted. */
  | 'not-a-secret';

export type InspectionFindingKind =
  /** A Secret without SOPS metadata holds a value in `data`/`stringData`. */
  | 'secret-plaintext'
  /** A SOPS-encrypted Secret holds a `data`/`stringData` value in clear (e.g. `stringData` beside encrypted `data`). */
  | 'secret-value-in-clear'
  /** `kubectl.kubernetes.io/last-applied-configuration` holds a copy of the Secret's `data`/`stringData`. */
  | 'last-applied-configuration-leak'
  /** `apiVersion`, `kind` or a `metadata` field is encrypted: kustomize and Flux cannot read the object. */
  | 'structural-field-encrypted'
  /** The file's own rules say the value is encrypted, but it is in clear: sops and Flux fail to decrypt the file. */
  | 'value-not-encrypted';

export interface InspectionFinding extends FieldLocation {
  readonly kind: InspectionFindingKind;
  /** Names fields, never values. */
  readonly message: string;
  /** For `last-applied-configuration-leak`: the paths inside the annotation's JSON that hold secret values. */
  readonly innerPaths?: readonly FieldPath[];
}

export interface RecipientInfo {
  /** `age`, or another key type (`pgp`, `kms`, …). */
  readonly type: string;
  /** The public recipient, fingerprint, ARN… */
  readonly id: string;
  /** 0-based key group. */
  readonly group: number;
}

export interface SopsMetadataSummary {
  readonly version?: string;
  readonly lastModified?: string;
  readonly recipients: readonly RecipientInfo[];
  readonly keyGroupCount: number;
  readonly shamirThreshold?: number;
  /** As written in the metadata (none written means `unencrypted_suffix: _unencrypted`). */
  readonly selectors: EncryptionSelectors;
  readonly macOnlyEncrypted: boolean;
  readonly hasMac: boolean;
  /** Why sops would refuse this metadata, if it would. */
  readonly problems: readonly string[];
}

/**
 * Whether a `sops` key is SOPS metadata (a MAC, a last-modified time or a
 * recipient), not a configuration section that happens to be called `sops`.
 */
export function isSopsMetadata(summary: SopsMetadataSummary | undefined): summary is SopsMetadataSummary {
  return summary !== undefined && (summary.hasMac || summary.lastModified !== undefined || summary.recipients.length > 0);
}

export interface InspectionResult {
  readonly file?: string;
  readonly documentIndex: number;
  /** Line where the document's content starts. */
  readonly line?: number;
  readonly status: InspectionStatus;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly sops?: SopsMetadataSummary;
  readonly encryptedFields: readonly FieldLocation[];
  readonly unencryptedFields: readonly FieldLocation[];
  readonly findings: readonly InspectionFinding[];
  /** A syntax error in the document (what could be read is still inspected). */
  readonly parseError?: ParseErrorAt;
}

export interface InspectOptions {
  /** Names the file in results and picks the format from its extension. */
  readonly file?: string;
  /** @default from `file`, else YAML (which also reads JSON) */
  readonly format?: SopsFormat;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const STRUCTURAL = new Set(['apiVersion', 'kind', 'metadata']);
const SECRET_VALUE_FIELDS = new Set(['data', 'stringData']);
const NESTED_SOPS_MARKERS = [/mac: ENC\[/, /"mac": "ENC\[/, /sops_mac=ENC\[/];

function pathText(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function location(leaf: Leaf): { line?: number; column?: number } {
  return leaf.line === undefined ? {} : { line: leaf.line, ...(leaf.column === undefined ? {} : { column: leaf.column }) };
}

function fieldOf(leaf: Leaf, extra: { nestedSops?: true } = {}): FieldLocation {
  if (!hasLazyPosition(leaf)) return { path: leaf.path, ...location(leaf), ...extra };
  // The position is found when read: most fields of a document are never shown.
  const field = { path: leaf.path, ...extra };
  Object.defineProperty(field, 'line', { enumerable: true, get: () => leaf.line });
  Object.defineProperty(field, 'column', { enumerable: true, get: () => leaf.column });
  return field;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** A Secret `data` value that is base64 of a SOPS document (Flux decrypts those one by one). */
function isNestedSopsDocument(value: unknown): boolean {
  if (typeof value !== 'string' || value.length < 40 || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return NESTED_SOPS_MARKERS.some((m) => m.test(decoded));
}

function summarize(sopsValue: unknown): SopsMetadataSummary {
  const problems: string[] = [];
  let metadata: SopsMetadata | undefined;
  try {
    metadata = metadataFromTree(plainToTree(sopsValue));
  } catch (error) {
    problems.push(isSopsError(error) ? error.message : 'the sops metadata cannot be read');
  }
  const raw = (typeof sopsValue === 'object' && sopsValue !== null ? sopsValue : {}) as Record<string, unknown>;
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
  if (!metadata) {
    const version = text(raw['version']);
    const lastModified = text(raw['lastmodified']);
    return {
      ...(version === undefined ? {} : { version }),
      ...(lastModified === undefined ? {} : { lastModified }),
      recipients: [],
      keyGroupCount: 0,
      selectors: {},
      macOnlyEncrypted: raw['mac_only_encrypted'] === true,
      hasMac: typeof raw['mac'] === 'string' && raw['mac'] !== '',
      problems,
    };
  }
  const recipients: RecipientInfo[] = metadata.keyGroups.flatMap((group, g) => [
    ...group.age.map((a) => ({ type: 'age', id: a.recipient, group: g })),
    ...group.others.map((o) => {
      const first = o.fields.entries.find((e) => e.kind === 'item' && e.key !== 'enc' && e.key !== 'created_at');
      return { type: o.type, id: first && first.kind === 'item' ? String(first.value) : '', group: g };
    }),
  ]);
  return {
    version: metadata.version,
    lastModified: metadata.lastModified,
    recipients,
    keyGroupCount: metadata.keyGroups.length,
    ...(metadata.shamirThreshold === undefined ? {} : { shamirThreshold: metadata.shamirThreshold }),
    selectors: metadata.selectors,
    macOnlyEncrypted: metadata.macOnlyEncrypted,
    hasMac: metadata.mac !== '',
    problems,
  };
}

/** Paths of non-empty values under `data`/`stringData` in a last-applied-configuration JSON text. */
function lastAppliedSecretPaths(json: string): FieldPath[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // Not JSON: still report a section that visibly has keys.
    return [...SECRET_VALUE_FIELDS].filter((f) => new RegExp(`"${f}"\\s*:\\s*\\{\\s*"`).test(json)).map((f) => [f]);
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const out: FieldPath[] = [];
  for (const field of SECRET_VALUE_FIELDS) {
    const section = (parsed as Record<string, unknown>)[field];
    if (typeof section !== 'object' || section === null) continue;
    for (const [k, v] of Object.entries(section)) if (!isBlank(v)) out.push([field, k]);
  }
  return out;
}

function inspectFacts(facts: DocumentFacts, documentIndex: number, file: string | undefined): InspectionResult {
  const top = (key: string): unknown => facts.leaves.find((l) => l.path.length === 1 && l.path[0] === key)?.value;
  const meta = (key: string): unknown => facts.leaves.find((l) => l.path.length === 2 && l.path[0] === 'metadata' && l.path[1] === key)?.value;
  const clear = (v: unknown): string | undefined => (typeof v === 'string' && !isEncryptedValue(v) ? v : undefined);
  const apiVersion = clear(top('apiVersion'));
  const kind = clear(top('kind'));
  const name = clear(meta('name'));
  const namespace = clear(meta('namespace'));
  const isSecret = kind === 'Secret' && (apiVersion === undefined || apiVersion === 'v1');
  const sops = facts.sops === undefined ? undefined : summarize(facts.sops);
  const encryptedFields: FieldLocation[] = [];
  const unencryptedFields: FieldLocation[] = [];
  const findings: InspectionFinding[] = [];
  const isK8s = top('apiVersion') !== undefined || top('kind') !== undefined;
  // Metadata that cannot be read says nothing of which fields should be encrypted: its problems are the finding.
  const ruleSelectors = sops && sops.problems.length === 0 && !sops.selectors.encryptedCommentRegex && !sops.selectors.unencryptedCommentRegex ? effectiveSelectors(sops.selectors) : undefined;
  let clearSecretValues = 0;
  for (const leaf of facts.leaves) {
    const secretField = isSecret && SECRET_VALUE_FIELDS.has(String(leaf.path[0])) && leaf.path.length >= 2;
    if (isEncryptedValue(leaf.value)) {
      encryptedFields.push(fieldOf(leaf));
      if (sops && isK8s && STRUCTURAL.has(String(leaf.path[0]))) {
        findings.push({
          kind: 'structural-field-encrypted',
          ...fieldOf(leaf),
          message: `${pathText(leaf.path)} is encrypted: kustomize and Flux need apiVersion, kind and metadata in clear (encrypt only data and stringData, e.g. encrypted_regex: ^(data|stringData)$)`,
        });
      }
      continue;
    }
    if (secretField && !sops && isNestedSopsDocument(leaf.value)) {
      encryptedFields.push(fieldOf(leaf, { nestedSops: true }));
      continue;
    }
    unencryptedFields.push(fieldOf(leaf));
    if (secretField && !isBlank(leaf.value)) {
      clearSecretValues++;
      findings.push(
        sops
          ? {
              kind: 'secret-value-in-clear',
              ...fieldOf(leaf),
              message: `${pathText(leaf.path)} is in clear although the Secret is encrypted with sops`,
            }
          : { kind: 'secret-plaintext', ...fieldOf(leaf), message: `${pathText(leaf.path)} is stored in clear: the Secret is not encrypted` },
      );
      continue;
    }
    const keyPath = leaf.path.filter((p): p is string => typeof p === 'string');
    if (ruleSelectors && !isBlank(leaf.value) && shouldBeEncrypted(ruleSelectors, keyPath)) {
      findings.push({
        kind: 'value-not-encrypted',
        ...fieldOf(leaf),
        message: `${pathText(leaf.path)} is in clear but the file's sops rules say it is encrypted: sops and Flux will fail to decrypt the file`,
      });
    }
  }
  const lastApplied = facts.leaves.find(
    (l) => l.path.length === 3 && l.path[0] === 'metadata' && l.path[1] === 'annotations' && l.path[2] === LAST_APPLIED,
  );
  if (isSecret && lastApplied && typeof lastApplied.value === 'string' && !isEncryptedValue(lastApplied.value)) {
    const innerPaths = lastAppliedSecretPaths(lastApplied.value);
    if (innerPaths.length > 0) {
      findings.push({
        kind: 'last-applied-configuration-leak',
        ...fieldOf(lastApplied),
        innerPaths,
        message: `metadata.annotations["${LAST_APPLIED}"] holds a copy of ${innerPaths.map(pathText).join(', ')} in clear`,
      });
    }
  }
  const allNested = !sops && isSecret && clearSecretValues === 0 && encryptedFields.some((f) => f.nestedSops);
  const status: InspectionStatus = sops || allNested ? 'encrypted' : isSecret ? 'plaintext' : 'not-a-secret';
  return {
    ...(file === undefined ? {} : { file }),
    documentIndex,
    ...(facts.line === undefined ? {} : { line: facts.line }),
    status,
    ...(apiVersion === undefined ? {} : { apiVersion }),
    ...(kind === undefined ? {} : { kind }),
    ...(name === undefined ? {} : { name }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(sops === undefined ? {} : { sops }),
    encryptedFields,
    unencryptedFields,
    findings,
    ...(facts.parseError ? { parseError: facts.parseError } : {}),
  };
}

// --- public --------------------------------------------------------------

function formatFor(options: InspectOptions): SopsFormat {
  if (options.format) return options.format;
  if (!options.file) return 'yaml';
  try {
    const format = formatForPath(options.file);
    return format === 'binary' ? 'yaml' : format;
  } catch {
    return 'yaml';
  }
}

/** Inspects every document of a file's text. Never throws on bad input. */
export function inspectSopsFile(text: string, options: InspectOptions = {}): InspectionResult[] {
  const facts = formatFor(options) === 'dotenv' ? [dotenvFacts(text)] : yamlFacts(text);
  return facts.map((f, i) => inspectFacts(f, i, options.file));
}

/**
 * Inspects documents the caller has parsed already (the manifest model
 * parses every YAML file once): the same results as inspectSopsFile on the
 * file's text, with each field's position asked of the document's `locate`
 * only when read. For YAML parsed without errors (a file with syntax errors
 * goes through inspectSopsFile, which locates them).
 */
export function inspectSopsDocuments(documents: readonly ParsedDocument[], options: Pick<InspectOptions, 'file'> = {}): InspectionResult[] {
  return documents.map((d) => inspectFacts(valueFacts(d), d.index, options.file));
}

/**
 * Inspects one document of a file's text (the first unless `documentIndex`
 * says otherwise); line numbers are those of the whole text.
 */
export function inspectSopsDocument(text: string, options: InspectOptions & { readonly documentIndex?: number } = {}): InspectionResult {
  const index = options.documentIndex ?? 0;
  const results = inspectSopsFile(text, options);
  return (
    results[index] ?? {
      ...(options.file === undefined ? {} : { file: options.file }),
      documentIndex: index,
      status: 'not-a-secret',
      encryptedFields: [],
      unencryptedFields: [],
      findings: [],
    }
  );
}
