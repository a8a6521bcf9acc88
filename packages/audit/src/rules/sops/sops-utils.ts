import { dirname, locateField } from '@kustodian/manifest-model';
import type { RepositoryModel, SourceLocation } from '@kustodian/manifest-model';
import { findCreationRule, inspectSopsDocuments, inspectSopsFile, isSopsError, isSopsMetadata, parseSopsConfig, SOPS_CONFIG_FILE, sopsConfigFromValue } from '@kustodian/sops';
import type { CreationRule, InspectionResult, SopsConfig, SopsMetadataSummary } from '@kustodian/sops';
import type { FindingResourceInput } from '../../engine/finding.js';

// What the sops rules share: no rule imports another.

/** A SOPS-encrypted file of the repository, inspected without a key. */
export interface SopsFile {
  readonly path: string;
  /** Every document of the file. */
  readonly documents: readonly InspectionResult[];
  /** The first document that carries SOPS metadata. */
  readonly document: InspectionResult;
  readonly sops: SopsMetadataSummary;
}

/** The file names sops reads as YAML, JSON or dotenv. */
const SOPS_FILE_NAME = /\.(ya?ml|json|env)$/i;

function fileText(model: RepositoryModel, path: string): string | undefined {
  // YAML through the document store (parsed once for all rules); other formats straight from the file system.
  if (/\.ya?ml$/i.test(path)) return model.store.text(path);
  const bytes = model.fs.readFile(path);
  return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
}

/**
 * A tag (`!!merge <<:`, `!!binary`, a custom one) or a merge key: the model's value of such a document is not
 * what sops reads (sops keeps `<<` as a key and tags as written), so its inspection reads the text.
 */
const TAGS_OR_MERGE_KEYS = /<<\s*:|(^|[\s[{,:-])!/m;

const inspectionCache = new WeakMap<RepositoryModel, Map<string, readonly InspectionResult[]>>();
const unparsedCache = new WeakMap<RepositoryModel, ReadonlySet<string>>();

/** YAML files the model could not parse cleanly (syntax, duplicate keys, depth, size, encoding): inspected from their text. */
function filesWithYamlProblems(model: RepositoryModel): ReadonlySet<string> {
  let files = unparsedCache.get(model);
  if (!files) {
    files = new Set(model.diagnostics.filter((d) => d.code.startsWith('yaml-') || d.code.startsWith('file-')).map((d) => d.location.file));
    unparsedCache.set(model, files);
  }
  return files;
}

/**
 * The SOPS inspection of a repository file's text (`undefined` when it cannot
 * be read), made once per model for every rule that reads it (the SOPS rules
 * and the Secret rules read the same encrypted manifests).
 */
export function inspectRepositoryFile(model: RepositoryModel, path: string, text = fileText(model, path)): readonly InspectionResult[] | undefined {
  let byPath = inspectionCache.get(model);
  if (!byPath) inspectionCache.set(model, (byPath = new Map()));
  const cached = byPath.get(path);
  if (cached) return cached;
  if (text === undefined) return undefined;
  // A YAML file the model parsed cleanly is inspected from the model's documents (parsed once for everything);
  // one with problems from its text, so that the inspection locates them too.
  const documents = /\.(ya?ml|json)$/i.test(path) && !filesWithYamlProblems(model).has(path) && !TAGS_OR_MERGE_KEYS.test(text) ? model.store.documents(path) : undefined;
  const results = documents
    ? inspectSopsDocuments(
        documents.map((d) => ({ value: d.value, index: d.index, line: d.location.line, locate: (field) => locateField(d, field) })),
        { file: path },
      )
    : inspectSopsFile(text, { file: path });
  byPath.set(path, results);
  return results;
}

const sopsFilesCache = new WeakMap<RepositoryModel, readonly SopsFile[]>();

/** Every SOPS-encrypted YAML, JSON and dotenv file of the repository (outside Helm chart templates), in path order. */
export function sopsFiles(model: RepositoryModel): readonly SopsFile[] {
  const cached = sopsFilesCache.get(model);
  if (cached) return cached;
  const out: SopsFile[] = [];
  for (const file of model.files) {
    if (!SOPS_FILE_NAME.test(file.path) || file.role === 'sops-config' || file.role === 'chart-template') continue;
    const text = fileText(model, file.path);
    if (text === undefined || !text.includes('sops')) continue;
    const documents = inspectRepositoryFile(model, file.path, text)!;
    const document = documents.find((d) => isSopsMetadata(d.sops));
    if (document?.sops) out.push({ path: file.path, documents, document, sops: document.sops });
  }
  sopsFilesCache.set(model, out);
  return out;
}

/** The object of an encrypted file when its identity is in clear: kind, name, and the namespace it is applied in (else as written). */
export function sopsFileResource(model: RepositoryModel, file: SopsFile): FindingResourceInput | undefined {
  const d = file.document;
  if (!d.apiVersion || !d.kind || !d.name) return undefined;
  const built = model.builtFrom(file.path, file.document.documentIndex);
  // An unapplied object's "default" is only the model's guess: show what the file says then.
  const known = built && (built.appliedBy.length > 0 || built.namespaceOrigin !== 'implicit-default');
  return { apiVersion: d.apiVersion, kind: d.kind, namespace: known ? built.namespace : d.namespace, name: d.name };
}

/** What a finding about an encrypted file names: `Secret ns/name`, else the file. */
export function describeSopsFile(model: RepositoryModel, file: SopsFile): string {
  const object = sopsFileResource(model, file);
  return object ? `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}` : file.path;
}

/** Where a finding about a whole encrypted file goes: its object's metadata.name, else the document start. */
export function sopsFileLocation(file: SopsFile): SourceLocation {
  const d = file.document;
  const name = d.unencryptedFields.find((f) => f.path.length === 2 && f.path[0] === 'metadata' && f.path[1] === 'name');
  if (name?.line !== undefined) return { file: file.path, line: name.line, column: name.column ?? 1 };
  return { file: file.path, line: d.line ?? 1, column: 1 };
}

/** The `.sops.yaml` that governs a file, parsed, and the rule that matches it. */
export interface GoverningRule {
  /** Repository path of the nearest `.sops.yaml` at or above the file's folder. */
  readonly configPath: string;
  /** Set when the config parses. */
  readonly config?: SopsConfig;
  /** Why the config does not parse. */
  readonly configError?: string;
  /** The first creation rule whose path_regex matches the file; undefined when none does. */
  readonly rule?: CreationRule;
}

const configCache = new WeakMap<RepositoryModel, Map<string, { config?: SopsConfig; error?: string }>>();

function parsedConfig(model: RepositoryModel, configPath: string): { config?: SopsConfig; error?: string } {
  let byPath = configCache.get(model);
  if (!byPath) configCache.set(model, (byPath = new Map()));
  const known = byPath.get(configPath);
  if (known) return known;
  let parsed: { config?: SopsConfig; error?: string };
  try {
    const folder = dirname(configPath);
    // Rule paths are relative to the config's folder; a leading '/' stands for the repository root.
    const options = { directory: `/${folder}`, file: configPath };
    const text = model.store.text(configPath) ?? '';
    // The model has parsed the file already; a merge key (`<<`) is resolved by the sops package's own parse.
    const documents = text.includes('<<') ? undefined : model.store.documents(configPath);
    parsed = { config: documents?.length === 1 ? sopsConfigFromValue(documents[0]!.value ?? {}, options) : parseSopsConfig(text, options) };
  } catch (error) {
    parsed = { error: isSopsError(error) ? error.message.replace(`${configPath}: `, '') : 'it cannot be read' };
  }
  byPath.set(configPath, parsed);
  return parsed;
}

const sopsConfigCache = new WeakMap<RepositoryModel, ReadonlySet<string>>();

/** The repository's `.sops.yaml` files, listed once per model (governingRule is asked once per encrypted file). */
function sopsConfigPaths(model: RepositoryModel): ReadonlySet<string> {
  let paths = sopsConfigCache.get(model);
  if (!paths) sopsConfigCache.set(model, (paths = new Set(model.files.filter((f) => f.role === 'sops-config').map((f) => f.path))));
  return paths;
}

/**
 * The nearest `.sops.yaml` at or above a file's folder (what sops uses when
 * run from that folder; Flux never reads it) and the rule that matches the
 * file; undefined when there is no `.sops.yaml` up to the repository root.
 * sops ignores `.sops.yml`, and so does this.
 */
export function governingRule(model: RepositoryModel, file: string): GoverningRule | undefined {
  const configs = sopsConfigPaths(model);
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const configPath = dir === '' ? SOPS_CONFIG_FILE : `${dir}/${SOPS_CONFIG_FILE}`;
    if (configs.has(configPath)) {
      const { config, error } = parsedConfig(model, configPath);
      if (!config) return { configPath, configError: error ?? 'it cannot be read' };
      try {
        return { configPath, config, rule: findCreationRule(config, `/${file}`) };
      } catch {
        return { configPath, config };
      }
    }
    if (dir === '') return undefined;
  }
}

