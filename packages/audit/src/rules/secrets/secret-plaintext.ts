import { dirname, findClearCredentials, isPlaceholderValue, isRecord, joinPath, locateField, locateInBlock, metadataOf, valueAt } from '@kustodian/manifest-model';
import type { ClearCredential, FieldPath, RepositoryModel, SourceLocation, YamlDocument } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';
import { defineRule } from '../../engine/define-rule.js';
import { dottedPath, plural } from '../../report/wording.js';
import { governingRule } from '../sops/sops-utils.js';
import { inspectSecretManifests, isPlaceholderField } from './secrets-utils.js';

// --- this rule ----------------------------------------------------------------

/** Why `sops -e` would not encrypt the file where it is, when its .sops.yaml has no rule for its path. */
function creationRuleHint(model: RepositoryModel, file: string): string {
  const governing = governingRule(model, file);
  // No .sops.yaml, a rule that matches, or a .sops.yaml that does not parse (another problem, not this rule's).
  if (!governing?.config || governing.rule) return '';
  return `; no creation rule of ${governing.configPath} matches its path either`;
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

/** Where credentials outside Secrets are looked for: a ConfigMap's data, a HelmRelease's values, the containers of a workload. */
function credentialScopes(body: Record<string, unknown>): readonly FieldPath[] {
  const apiVersion = body['apiVersion'];
  const kind = body['kind'];
  if (kind === 'ConfigMap' && apiVersion === 'v1') return [['data']];
  if (typeof apiVersion === 'string' && apiVersion.startsWith('helm.toolkit.fluxcd.io/') && kind === 'HelmRelease') return [['spec', 'values']];
  if (kind === 'Pod') return [['spec', 'containers'], ['spec', 'initContainers']];
  if (kind === 'CronJob') return [['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'], ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'initContainers']];
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(String(kind))) return [['spec', 'template', 'spec', 'containers'], ['spec', 'template', 'spec', 'initContainers']];
  return [];
}

/** The credentials in clear outside a Secret in one object, for one finding per object: at the first, the others related. */
function clearCredentialsOf(doc: YamlDocument) {
  const body = doc.value;
  if (!isRecord(body) || 'sops' in body) return undefined;
  const found = credentialScopes(body).flatMap((scope) => findClearCredentials(valueAt(body, scope), scope));
  if (found.length === 0) return undefined;
  const meta = metadataOf(body);
  const object = `${String(body['kind'])} ${typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : ''}${String(meta['name'] ?? '(unnamed)')}`;
  const locate = (c: ClearCredential) => {
    if (c.line === undefined) return locateField(doc, c.path);
    const text = valueAt(body, c.path);
    const offset = typeof text === 'string' ? text.split('\n').slice(0, c.line - 1).join('\n').length + (c.line > 1 ? 1 : 0) : 0;
    return typeof text === 'string' ? locateInBlock(doc, c.path, text, offset) : locateField(doc, c.path);
  };
  const located = found.map((c) => ({ ...c, location: locate(c) }));
  const field = (c: ClearCredential) => `${dottedPath(c.path)}${c.line === undefined ? '' : ` (line ${c.line} of it)`}`;
  const [first, ...others] = located;
  return {
    data: { object, what: first!.what, field: field(first!), more: others.length === 0 ? '' : ` (and ${plural(others.length, 'more credential')})` },
    location: first!.location,
    resource: { apiVersion: String(body['apiVersion']), kind: String(body['kind']), namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : null, name: String(meta['name'] ?? '(unnamed)') },
    related: others.map((o) => ({ role: 'copy' as const, location: o.location })),
  };
}

export default defineRule({
  id: 'secret-plaintext',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    summary: 'A Secret is committed to git with its values in clear.',
    rationale:
      'Whatever reaches git stays in its history and in every clone, fork and CI cache: a Secret committed without SOPS encryption is leaked even if the file is deleted later, and even when nothing applies it. This rule checks every Secret manifest in the repository, secretGenerator literals and env files (an env file encrypted with sops is fine: Flux decrypts it), and whole Secret objects written into HelmRelease values. Values that hold no secret material are left alone: empty ones, Flux `${VAR}` substitutions, `{{ … }}` templates, secret-store references (1Password `op://`, vals `ref+…://`, argocd-vault-plugin `<path:…>`) and PEM certificates without a private key (a `ca.crt`). Credentials in clear outside Secrets are reported too, one finding per object: in a ConfigMap (its values and the lines of config files it holds), a HelmRelease’s values and the env of a workload, a string under a credential-named field (`password`, `adminPassword`, `DB_PASSWORD`, `api_key`, `clientSecret`, `token` …, and `{name, value}` env pairs so named) or a value shaped like a credential whatever its field (a private key, a bcrypt or argon2 hash, an htpasswd line, an AWS access key, a GitHub, GitLab or Slack token, a URL with a password). Not credentials: placeholders (`changeme`, `<password>`, `password`, empty), substitutions and templates, `$(VAR)`, secret-store references (`op://vault/item/field`, `ref+…://`, `vault:…`), file paths, and fields that name a Secret rather than hold one (`existingSecret`, `passwordSecretRef`, `passwordKey`, `githubConfigSecret: <a Secret name>`). The message never holds the value.',
    fix: 'Encrypt the file with sops (e.g. `sops -e -i <file>` with a .sops.yaml rule that encrypts data and stringData); for a credential in a ConfigMap, Helm values or env, move it to a Secret and reference it (`valuesFrom`, `secretKeyRef`, the chart’s `existingSecret`). Rotate every value that was committed in clear, and consider removing it from the git history.',
    messages: {
      plaintext: 'Secret {{secret}} is not encrypted: {{values}} in {{sections}} {{verb}} committed in plaintext{{hint}}.',
      generator: 'secretGenerator {{generator}} in {{kustomization}} takes {{values}} in plaintext from {{source}}.',
      helmValues: 'HelmRelease {{release}} writes a Secret {{secret}} into spec.values with {{values}} in plaintext.',
      clearCredential: '{{object}} holds {{what}} in clear at {{field}}{{more}}: only a Secret (encrypted with sops) keeps it out of the repository.',
    },
    related: {
      copy: 'The other credentials in clear in the same object (one finding per object).',
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
        const embedded = embeddedSecrets(doc);
        for (const e of embedded) {
          report({ messageId: 'helmValues', data: { release: e.release, secret: e.name, values: plural(e.count, 'value') }, location: e.location });
        }
        const clear = embedded.length === 0 ? clearCredentialsOf(doc) : undefined;
        if (clear) report({ messageId: 'clearCredential', ...clear });
      }
    }
  },
});
