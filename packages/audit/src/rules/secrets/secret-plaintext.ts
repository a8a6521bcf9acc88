import { dirname, isRecord, joinPath, locateField, metadataOf, valueAt } from '@kustodian/manifest-model';
import type { FieldPath, RepositoryModel, Resource, SourceLocation, YamlDocument } from '@kustodian/manifest-model';
import { findCreationRule, inspectSopsFile, parseSopsConfig } from '@kustodian/sops';
import type { InspectionResult } from '@kustodian/sops';
import { defineRule } from '../../engine/define-rule.js';
import type { FindingResourceInput } from '../../engine/finding.js';
import { plural } from '../../report/wording.js';

// --- shared with secret-value-leak -----------------------------------------

/** One Secret document of a manifest file, inspected without a key. */
export interface InspectedSecret {
  readonly file: string;
  readonly result: InspectionResult;
  /** The parsed document (absent when it has YAML errors). */
  readonly document: YamlDocument | undefined;
  /** `namespace/name` as applied (the model's namespace when the file is built), else as written. */
  readonly label: string;
  readonly resource: FindingResourceInput;
}

/** `kind: Secret` somewhere in a file (YAML or JSON), not `kind: SecretStore`. */
const SECRET_KIND = /kind["']?\s*:\s*["']?Secret(?![\w-])/;

/** Every document of kind Secret in a manifest file, applied or not, with its SOPS inspection. */
export function inspectSecretManifests(model: RepositoryModel): InspectedSecret[] {
  const out: InspectedSecret[] = [];
  for (const file of model.files) {
    if (file.role !== 'manifest') continue;
    const text = model.store.text(file.path);
    if (!text || !SECRET_KIND.test(text)) continue;
    const documents = model.store.documents(file.path) ?? [];
    for (const result of inspectSopsFile(text, { file: file.path, format: 'yaml' })) {
      if (result.kind !== 'Secret' || result.status === 'not-a-secret') continue;
      const document = documents.find((d) => d.index === result.documentIndex);
      const built = document ? builtFrom(model, document) : undefined;
      const name = result.name ?? '(unnamed)';
      const namespace = built?.namespace ?? result.namespace;
      out.push({
        file: file.path,
        result,
        document,
        label: namespace ? `${namespace}/${name}` : name,
        resource: built ?? { apiVersion: 'v1', kind: 'Secret', namespace, name },
      });
    }
  }
  return out;
}

/** The model's object built from a document (the applied one first). */
function builtFrom(model: RepositoryModel, document: YamlDocument): Resource | undefined {
  const candidates = model.resources.filter((r) => r.origin.type === 'document' && r.origin.document.file === document.file && r.origin.document.index === document.index);
  return candidates.find((r) => r.appliedBy.length > 0) ?? candidates[0];
}

const SUBSTITUTION = /\$\{[^}]*\}/g;
const TEMPLATE = /\{\{[^}]*\}\}/g;
/** References to a secret store that a tool resolves at apply time: 1Password `op://`, vals `ref+<backend>://`, argocd-vault-plugin `<path:…>`. */
const STORE_REFERENCE = /^(op:\/\/\S+|ref\+[a-z0-9]+:\/\/\S+|<path:[^>]+>)$/;

/** A PEM certificate (chain) without a private key: public material, as `ca.crt` of a TLS Secret. */
function isPublicCertificate(text: string): boolean {
  return text.startsWith('-----BEGIN CERTIFICATE-----') && !text.includes('PRIVATE KEY');
}

function isPlaceholderText(text: string): boolean {
  const s = text.trim();
  if (isPublicCertificate(s)) return true;
  // What is left around the substitutions is punctuation at most (`${SCHEME}://${HOST}`).
  const substituted = s.includes('${') || s.includes('{{');
  return s === '' || (substituted && !/[A-Za-z0-9]/.test(s.replace(SUBSTITUTION, '').replace(TEMPLATE, ''))) || STORE_REFERENCE.test(s);
}

/**
 * A value that holds no secret material: empty, only Flux `${VAR}`
 * substitutions (or `{{ … }}` templates) and punctuation, a secret-store
 * reference, or a PEM certificate without a private key. A
 * `data` value is also judged by its base64-decoded text.
 */
export function isPlaceholderValue(value: unknown, base64 = false): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  if (isPlaceholderText(value)) return true;
  if (!base64 || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return false;
  return isPlaceholderText(Buffer.from(value, 'base64').toString('utf8'));
}

/** The value a Secret field path holds in the document, judged as a placeholder or not. */
export function isPlaceholderField(document: YamlDocument | undefined, path: FieldPath): boolean {
  // Without a parsed document (YAML errors) nothing can be ruled out.
  if (!document) return false;
  return isPlaceholderValue(valueAt(document.value, path), path[0] === 'data');
}

// --- this rule ----------------------------------------------------------------

/** The nearest .sops.yaml at or above a file's folder. */
function nearestSopsConfig(model: RepositoryModel, file: string): string | undefined {
  const configs = new Set(model.files.filter((f) => f.role === 'sops-config').map((f) => f.path));
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    for (const name of ['.sops.yaml', '.sops.yml']) {
      const path = dir === '' ? name : `${dir}/${name}`;
      if (configs.has(path)) return path;
    }
    if (dir === '') return undefined;
  }
}

/** Why `sops -e` would not encrypt the file where it is, when a .sops.yaml has no rule for its path. */
function creationRuleHint(model: RepositoryModel, file: string): string {
  const configPath = nearestSopsConfig(model, file);
  const text = configPath ? model.store.text(configPath) : undefined;
  if (!configPath || text === undefined) return '';
  const folder = dirname(configPath);
  try {
    findCreationRule(parseSopsConfig(text, { directory: `/${folder}`, file: configPath }), `/${file}`);
    return '';
  } catch {
    // No matching rule, or a .sops.yaml that does not parse (another problem, not this rule's).
    return `; no creation rule of ${configPath} matches its path either`;
  }
}

interface GeneratorSource {
  readonly kustomization: string;
  readonly generator: string;
  readonly from: string;
  readonly count: number;
  readonly location: SourceLocation;
}

/** secretGenerator literals and env files that carry values in clear (an env file encrypted with sops is fine: Flux decrypts it). */
function plaintextGenerators(model: RepositoryModel): GeneratorSource[] {
  const out: GeneratorSource[] = [];
  for (const file of model.files) {
    if (file.role !== 'kustomization') continue;
    for (const doc of model.store.documents(file.path) ?? []) {
      const generators = isRecord(doc.value) ? doc.value['secretGenerator'] : undefined;
      if (!Array.isArray(generators)) continue;
      generators.forEach((generator, i) => {
        if (!isRecord(generator)) return;
        const name = typeof generator['name'] === 'string' ? generator['name'] : '(unnamed)';
        const literals = Array.isArray(generator['literals']) ? generator['literals'] : [];
        const clearLiterals = literals.filter((l) => typeof l === 'string' && !isPlaceholderValue(l.slice(l.indexOf('=') + 1)));
        if (clearLiterals.length > 0) {
          out.push({ kustomization: file.path, generator: name, from: 'literals', count: clearLiterals.length, location: locateField(doc, ['secretGenerator', i, 'literals']) });
        }
        const envs = Array.isArray(generator['envs']) ? generator['envs'] : typeof generator['env'] === 'string' ? [generator['env']] : [];
        envs.forEach((env, j) => {
          if (typeof env !== 'string') return;
          const path = joinPath(dirname(file.path), env);
          const bytes = path === undefined ? undefined : model.fs.readFile(path);
          const text = bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
          if (path === undefined || text === undefined) return;
          const [inspected] = inspectSopsFile(text, { file: path, format: 'dotenv' });
          if (!inspected || inspected.sops) return;
          const count = inspected.unencryptedFields.filter((f) => !isPlaceholderValue(valueOfEnvLine(text, f.line))).length;
          const at: FieldPath = Array.isArray(generator['envs']) ? ['secretGenerator', i, 'envs', j] : ['secretGenerator', i, 'env'];
          if (count > 0) out.push({ kustomization: file.path, generator: name, from: path, count, location: locateField(doc, at) });
        });
      });
    }
  }
  return out;
}

function valueOfEnvLine(text: string, line: number | undefined): string {
  const content = line === undefined ? '' : (text.split('\n')[line - 1] ?? '');
  return content.slice(content.indexOf('=') + 1);
}

interface EmbeddedSecret {
  readonly release: string;
  readonly name: string;
  readonly count: number;
  readonly location: SourceLocation;
}

/**
 * Whole Secret objects written into HelmRelease values (extraObjects,
 * extraDeploy, raw-resource charts …) with values in clear. Other keys of
 * values are not judged: a chart's `password:` may be a placeholder, a
 * default or a reference, and guessing would be noise.
 */
function embeddedSecrets(doc: YamlDocument): EmbeddedSecret[] {
  const body = doc.value;
  if (!isRecord(body) || body['kind'] !== 'HelmRelease' || typeof body['apiVersion'] !== 'string' || !body['apiVersion'].startsWith('helm.toolkit.fluxcd.io/')) return [];
  if ('sops' in body) return [];
  const meta = metadataOf(body);
  const release = `${typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : ''}${String(meta['name'] ?? '(unnamed)')}`;
  const out: EmbeddedSecret[] = [];
  const walk = (value: unknown, path: FieldPath, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], depth + 1));
    if (!isRecord(value)) return;
    if (value['kind'] === 'Secret') {
      const sections = (['data', 'stringData'] as const).filter((s) => isRecord(value[s]));
      const clear = sections.flatMap((s) => Object.values(value[s] as Record<string, unknown>).filter((v) => !isPlaceholderValue(v, s === 'data')).map(() => s));
      if (clear.length > 0) {
        const name = typeof metadataOf(value)['name'] === 'string' ? String(metadataOf(value)['name']) : '(unnamed)';
        out.push({ release, name, count: clear.length, location: locateField(doc, [...path, clear[0]!]) });
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key], depth + 1);
  };
  walk(isRecord(body['spec']) ? body['spec']['values'] : undefined, ['spec', 'values'], 0);
  return out;
}

export default defineRule({
  id: 'secret-plaintext',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    summary: 'A Secret is committed to git with its values in clear.',
    rationale:
      'Whatever reaches git stays in its history and in every clone, fork and CI cache: a Secret committed without SOPS encryption is leaked even if the file is deleted later, and even when nothing applies it. This rule checks every Secret manifest in the repository, secretGenerator literals and env files (an env file encrypted with sops is fine: Flux decrypts it), and whole Secret objects written into HelmRelease values. Values that hold no secret material are left alone: empty ones, Flux `${VAR}` substitutions, `{{ … }}` templates, secret-store references (1Password `op://`, vals `ref+…://`, argocd-vault-plugin `<path:…>`) and PEM certificates without a private key (a `ca.crt`). Other HelmRelease values are not judged: a chart key called `password` may hold a default, a placeholder or a reference.',
    fix: 'Encrypt the file with sops (e.g. `sops -e -i <file>` with a .sops.yaml rule that encrypts data and stringData), rotate every value that was committed in clear, and consider removing it from the git history.',
    messages: {
      plaintext: 'Secret {{secret}} is not encrypted: {{values}} in {{sections}} {{verb}} committed in plaintext{{hint}}.',
      generator: 'secretGenerator {{generator}} in {{kustomization}} takes {{values}} in plaintext from {{source}}.',
      helmValues: 'HelmRelease {{release}} writes a Secret {{secret}} into spec.values with {{values}} in plaintext.',
    },
    examples: {
      invalid: [
        {
          title: 'A Secret with stringData in clear',
          repo: {
            'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\nstringData:\n  TOKEN: example-token-not-real\n',
          },
        },
      ],
      valid: [
        {
          title: 'A Secret whose values are Flux substitutions',
          repo: {
            'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\nstringData:\n  TOKEN: ${WEB_TOKEN}\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const secret of inspectSecretManifests(model)) {
      if (secret.result.status !== 'plaintext') continue;
      const clear = secret.result.findings.filter((f) => f.kind === 'secret-plaintext' && !isPlaceholderField(secret.document, f.path));
      const first = clear[0];
      if (!first) continue;
      const sections = [...new Set(clear.map((f) => String(f.path[0])))];
      const location = secret.document ? locateField(secret.document, [first.path[0]!]) : { file: secret.file, line: first.line ?? 1, column: 1 };
      report({
        messageId: 'plaintext',
        data: { secret: secret.label, values: plural(clear.length, 'value'),
          verb: clear.length === 1 ? 'is' : 'are', sections: sections.join(' and '), hint: creationRuleHint(model, secret.file) },
        location,
        resource: secret.resource,
      });
    }
    for (const g of plaintextGenerators(model)) {
      report({ messageId: 'generator', data: { generator: g.generator, kustomization: g.kustomization, values: plural(g.count, 'value'), source: g.from }, location: g.location });
    }
    for (const file of model.files) {
      if (file.role !== 'manifest') continue;
      for (const doc of model.store.documents(file.path) ?? []) {
        for (const e of embeddedSecrets(doc)) {
          report({ messageId: 'helmValues', data: { release: e.release, secret: e.name, values: plural(e.count, 'value') }, location: e.location });
        }
      }
    }
  },
});
