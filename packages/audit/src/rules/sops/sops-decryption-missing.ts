import { dirname, isRecord, joinPath, locateField } from '@kustodian/manifest-model';
import type { FluxKustomization, RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import type { FindingResourceInput } from '../../engine/finding.js';
import { plural } from '../../report/wording.js';
import { sopsFiles } from './sops-utils.js';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Files a kustomization's secretGenerators read (envs, env, files; `key=path` files by their path). */
function generatorSources(model: RepositoryModel, kustomization: string): string[] {
  const out: string[] = [];
  for (const doc of model.store.documents(kustomization) ?? []) {
    const generators = isRecord(doc.value) ? doc.value['secretGenerator'] : undefined;
    if (!Array.isArray(generators)) continue;
    for (const generator of generators) {
      if (!isRecord(generator)) continue;
      const files = strings(generator['files']).map((f) => f.slice(f.indexOf('=') + 1));
      for (const source of [...strings(generator['envs']), ...strings(generator['env']), ...files]) {
        const path = joinPath(dirname(kustomization), source);
        if (path !== undefined) out.push(path);
      }
    }
  }
  return out;
}

/** Encrypted files a Flux Kustomization applies: manifests with a sops block, and encrypted secretGenerator sources of the folders it builds. */
/** What each Flux Kustomization applies that sops encrypted, indexed once for all of them (not a scan of every resource and unit per Kustomization). */
function encryptedInputsByKustomization(model: RepositoryModel, encrypted: ReadonlySet<string>): (ks: FluxKustomization) => { manifests: string[]; generated: string[] } {
  const manifests = new Map<string, Set<string>>();
  const add = (into: Map<string, Set<string>>, key: string, file: string) => (into.get(key) ?? into.set(key, new Set()).get(key)!).add(file);
  for (const r of model.resources) if (r.sops) for (const key of r.appliedBy) add(manifests, key, r.location.file);
  const generated = new Map<string, Set<string>>();
  for (const unit of model.units) {
    if (!unit.file || unit.appliedBy.length === 0) continue;
    const sources = generatorSources(model, unit.file).filter((source) => encrypted.has(source));
    for (const key of unit.appliedBy) for (const source of sources) add(generated, key, source);
  }
  return (ks) => ({ manifests: [...(manifests.get(ks.key) ?? [])].sort(), generated: [...(generated.get(ks.key) ?? [])].sort() });
}

/** The Flux Kustomization's metadata.name, and the object for suppressions and output. */
function where(model: RepositoryModel, ks: FluxKustomization): { location: SourceLocation; resource: FindingResourceInput | undefined } {
  const at = (r: Resource) => r.location.file === ks.location.file && r.location.line === ks.location.line && r.kind === 'Kustomization';
  // By identity first (an index); the scan only for an object built under another identity.
  const resource = model.find(ks.id).find(at) ?? model.resources.find(at);
  const doc = model.store.documents(ks.location.file)?.find((d) => d.location.line === ks.location.line);
  return { location: doc ? locateField(doc, ['metadata', 'name']) : ks.location, resource };
}

export default defineRule({
  id: 'sops-decryption-missing',
  meta: {
    category: 'sops',
    defaultSeverity: 'error',
    summary: 'A Flux Kustomization applies SOPS-encrypted files but has no spec.decryption.',
    rationale:
      'Flux decrypts SOPS files only for a Kustomization that says so with `spec.decryption` (provider sops and the Secret that holds the key). Without it, kustomize-controller applies the files as they are in git: the `sops` block and `ENC[...]` values reach the API server, so the apply fails (the `data` values are not base64, `sops` is not a Secret field) and the whole Kustomization stops reconciling, or a Secret made by a secretGenerator holds ciphertext instead of its values. Decryption is per Flux Kustomization: a parent that decrypts does not decrypt for the Kustomizations it creates.',
    fix: 'Add `decryption: {provider: sops, secretRef: {name: sops-age}}` to the spec of the Flux Kustomization, where sops-age is the Secret in its namespace that holds the age key.',
    messages: {
      missing: 'Flux Kustomization {{name}} applies {{count}} ({{first}}) but has no spec.decryption: Flux applies them still encrypted.',
      generator: 'Flux Kustomization {{name}} builds secretGenerators from {{count}} ({{first}}) but has no spec.decryption: the generated Secrets hold ciphertext.',
    },
    examples: {
      invalid: [
        {
          title: 'An encrypted Secret in a folder whose Flux Kustomization does not decrypt',
          repo: {
            'clusters/home/apps.yaml':
              'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
            'apps/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'The Flux Kustomization decrypts with sops',
          repo: {
            'clusters/home/apps.yaml':
              'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n',
            'apps/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    const encrypted = new Set(sopsFiles(model).map((f) => f.path));
    const encryptedInputs = encryptedInputsByKustomization(model, encrypted);
    const seen = new Set<string>();
    for (const ks of model.fluxKustomizations) {
      if (ks.decryption || seen.has(ks.key)) continue;
      seen.add(ks.key);
      const { manifests, generated } = encryptedInputs(ks);
      if (manifests.length === 0 && generated.length === 0) continue;
      const at = where(model, ks);
      if (manifests.length > 0) {
        report({ messageId: 'missing', data: { name: ks.key, count: plural(manifests.length, 'SOPS-encrypted file'), first: manifests[0]! }, ...at });
      } else {
        report({ messageId: 'generator', data: { name: ks.key, count: plural(generated.length, 'SOPS-encrypted file'), first: generated[0]! }, ...at });
      }
    }
  },
});
