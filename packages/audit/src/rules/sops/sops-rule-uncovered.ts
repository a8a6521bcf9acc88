import { dirname } from '@kustodian/manifest-model';
import type { RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';
import { findCreationRule, inspectSopsFile, isSopsError, parseSopsConfig } from '@kustodian/sops';
import type { CreationRule, InspectionResult, SopsConfig, SopsMetadataSummary } from '@kustodian/sops';
import { defineRule } from '../../engine/define-rule.js';
import type { FindingResourceInput } from '../../engine/finding.js';
import { plural } from '../../report/wording.js';

// --- shared by the sops rules ----------------------------------------------------

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

/** A `sops` key that is SOPS metadata, not a configuration section that happens to be called `sops`. */
function isSopsMetadata(summary: SopsMetadataSummary | undefined): summary is SopsMetadataSummary {
  return summary !== undefined && (summary.hasMac || summary.lastModified !== undefined || summary.recipients.length > 0);
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
    const documents = inspectSopsFile(text, { file: file.path });
    const document = documents.find((d) => isSopsMetadata(d.sops));
    if (document?.sops) out.push({ path: file.path, documents, document, sops: document.sops });
  }
  sopsFilesCache.set(model, out);
  return out;
}

/** The model's object built from the file's (first encrypted) document, the applied one first. */
function builtResource(model: RepositoryModel, file: SopsFile): Resource | undefined {
  const index = file.document.documentIndex;
  const candidates = model.resources.filter((r) => r.origin.type === 'document' && r.origin.document.file === file.path && r.origin.document.index === index);
  return candidates.find((r) => r.appliedBy.length > 0) ?? candidates[0];
}

/** The object of an encrypted file when its identity is in clear: kind, name, and the namespace it is applied in (else as written). */
export function sopsFileResource(model: RepositoryModel, file: SopsFile): FindingResourceInput | undefined {
  const d = file.document;
  if (!d.apiVersion || !d.kind || !d.name) return undefined;
  const built = builtResource(model, file);
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
    parsed = { config: parseSopsConfig(model.store.text(configPath) ?? '', { directory: `/${folder}`, file: configPath }) };
  } catch (error) {
    parsed = { error: isSopsError(error) ? error.message.replace(`${configPath}: `, '') : 'it cannot be read' };
  }
  byPath.set(configPath, parsed);
  return parsed;
}

/**
 * The nearest `.sops.yaml` at or above a file's folder (what sops uses when
 * run from that folder; Flux never reads it) and the rule that matches the
 * file; undefined when there is no `.sops.yaml` up to the repository root.
 * sops ignores `.sops.yml`, and so does this.
 */
export function governingRule(model: RepositoryModel, file: string): GoverningRule | undefined {
  const configs = new Set(model.files.filter((f) => f.role === 'sops-config').map((f) => f.path));
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const configPath = dir === '' ? '.sops.yaml' : `${dir}/.sops.yaml`;
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

// --- this rule ----------------------------------------------------------------------

export default defineRule({
  id: 'sops-rule-uncovered',
  meta: {
    category: 'sops',
    defaultSeverity: 'warning',
    summary: 'A SOPS-encrypted file that no .sops.yaml creation rule matches.',
    rationale:
      'The creation rules of .sops.yaml say who can decrypt each file (its age recipients) and which fields are encrypted. A file that no rule matches escapes both: `sops updatekeys` fails on it, so when a key is added or revoked it keeps the old recipients, and nobody can tell from the repository who is supposed to open it. Encrypted files without any .sops.yaml at or above their folder have the same problem (reported once, at the first of them). The nearest .sops.yaml at or above the file is used, as sops does when run from the file\'s folder; .sops.yml is ignored, as sops ignores it. Plaintext Secrets are reported by secret-plaintext, which says when no rule matches them either.',
    fix: 'Add a creation rule whose path_regex matches the file (with the recipients who should open it and encrypted_regex: ^(data|stringData)$ for Kubernetes Secrets), or move the file to a path a rule covers; then run `sops updatekeys` on it.',
    messages: {
      uncovered: '{{what}} is encrypted, but no creation rule of {{config}} matches {{file}}: its recipients follow no rule and `sops updatekeys` fails on it.',
      noConfig: 'The repository has {{files}} with no .sops.yaml at or above {{their}} folder{{hint}}: no creation rule says who should be able to decrypt them.',
      configInvalid: '{{config}} cannot be read ({{reason}}): no creation rule applies to the {{files}} it governs.',
    },
    examples: {
      invalid: [
        {
          title: 'An encrypted Secret outside the paths the rules cover',
          repo: {
            '.sops.yaml': 'creation_rules:\n  - path_regex: ^apps/.*\\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n',
            'infra/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'The rule covers the file',
          repo: {
            '.sops.yaml': 'creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n',
            'infra/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    const files = sopsFiles(model);
    const withoutConfig = files.filter((f) => governingRule(model, f.path) === undefined);
    const first = withoutConfig[0];
    if (first) {
      const yml = model.files.some((f) => f.path === '.sops.yml' || f.path.endsWith('/.sops.yml'));
      report({
        messageId: 'noConfig',
        data: { files: plural(withoutConfig.length, 'SOPS-encrypted file'), their: withoutConfig.length === 1 ? 'its' : 'their', hint: yml ? ' (sops ignores .sops.yml: rename it to .sops.yaml)' : '' },
        location: { file: first.path, line: 1, column: 1 },
      });
    }
    const broken = new Map<string, { reason: string; count: number }>();
    for (const file of files) {
      const governing = governingRule(model, file.path);
      if (!governing || governing.rule) continue;
      if (governing.configError !== undefined) {
        const entry = broken.get(governing.configPath) ?? { reason: governing.configError, count: 0 };
        broken.set(governing.configPath, { ...entry, count: entry.count + 1 });
        continue;
      }
      report({
        messageId: 'uncovered',
        data: { what: describeSopsFile(model, file), config: governing.configPath, file: file.path },
        location: sopsFileLocation(file),
        resource: sopsFileResource(model, file),
      });
    }
    for (const [config, { reason, count }] of broken) {
      report({ messageId: 'configInvalid', data: { config, reason, files: plural(count, 'encrypted file') }, location: { file: config, line: 1, column: 1 } });
    }
  },
});
