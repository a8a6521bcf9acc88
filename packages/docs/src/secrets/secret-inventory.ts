import type { AuditConfig, ExternalSecretCreator, Finding } from '@kustodian/audit';
import type { Reference, ReferenceVia, RepositoryModel, Resource, ResourceId } from '@kustodian/manifest-model';
import { isRecord } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';
import type { SecretCommand } from './command-created-secrets.js';
import { commandCreatedSecrets } from './command-created-secrets.js';
import { generatorSourceFiles } from './generator-files.js';
import type { SecretFindings } from './secret-findings.js';
import { compareText } from '../compare-text.js';

/** SOPS metadata of an encrypted file, read without a key. */
export interface SopsFacts {
  /** `age1…`, or `<type> <id>` for other key types. */
  readonly recipients: readonly string[];
  readonly lastModified: string | undefined;
}

/** How a Secret comes to exist. */
export type SecretSource =
  /** A Secret manifest in git: SOPS-encrypted (with `sops`) or in plaintext. */
  | { readonly type: 'manifest'; readonly file: string; readonly line: number; readonly sops: SopsFacts | undefined }
  /** A kustomize secretGenerator; encrypted when every file it reads is SOPS-encrypted and it has no literals. */
  | { readonly type: 'generator'; readonly file: string; readonly line: number; readonly encrypted: boolean; readonly files: readonly string[] }
  /** An object that writes it: cert-manager Certificate or issuer, ExternalSecret, SealedSecret … */
  | { readonly type: 'controller'; readonly creator: ResourceId; readonly via: ReferenceVia; readonly file: string; readonly line: number }
  /** Declared in kustodian.yaml `secrets.external`: created outside git. */
  | { readonly type: 'declared'; readonly createdBy: ExternalSecretCreator; readonly note: string | undefined }
  /** `kubectl create secret` / `flux create secret` in a script or a doc. */
  | { readonly type: 'command'; readonly file: string; readonly line: number }
  /** The credentials of the source the bootstrap sync reads, written by `flux bootstrap`. */
  | { readonly type: 'flux-bootstrap'; readonly source: ResourceId }
  /** Referenced, not in git, and the audit does not call it undefined (an operator, a copy controller …). */
  | { readonly type: 'cluster' };

/** Encrypted in git, in plaintext in git, or not in git at all. */
export type SecretStorage = 'sops' | 'plaintext' | 'not-in-git';

/** One resource that uses a Secret, through one field. */
export interface SecretUse {
  readonly referrer: ResourceId;
  readonly field: string;
  readonly via: ReferenceVia;
  readonly file: string;
  readonly line: number;
  readonly optional: boolean;
}

export interface SecretEntry {
  readonly namespace: string;
  readonly name: string;
  readonly sources: readonly SecretSource[];
  readonly storage: SecretStorage;
  /** Key names (never values), sorted. */
  readonly keys: readonly string[];
  readonly users: readonly SecretUse[];
  /** The secret-unused finding about it, if any. */
  readonly unused: Finding | undefined;
}

/** A secret-undefined finding with the Secret it is about. */
export interface UndefinedSecret {
  readonly namespace: string;
  readonly name: string;
  readonly finding: Finding;
}

export interface SecretInventory {
  /** Every Secret that something defines or that is used without being undefined, sorted by namespace and name. */
  readonly entries: readonly SecretEntry[];
  readonly undefined: readonly UndefinedSecret[];
  readonly unused: readonly Finding[];
  readonly missingRules: readonly string[];
  get(namespace: string, name: string): SecretEntry | undefined;
}

interface Draft {
  namespace: string;
  name: string;
  sources: SecretSource[];
  keys: Set<string>;
  users: SecretUse[];
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

function isCoreSecret(id: Pick<ResourceId, 'group' | 'kind'>): boolean {
  return id.group === '' && id.kind === 'Secret';
}

/** The applied object that made a reference (same identity, same file), if any. */
export function appliedReferrer(model: RepositoryModel, ref: Reference): Resource | undefined {
  return model.find(ref.from).find((r) => r.appliedBy.length > 0 && r.location.file === ref.location.file);
}

function sopsFacts(model: RepositoryModel, resource: Resource): SopsFacts | undefined {
  if (!resource.sops || resource.origin.type !== 'document') return undefined;
  const text = model.store.text(resource.location.file);
  if (text === undefined) return { recipients: [], lastModified: undefined };
  const result = inspectSopsFile(text, { file: resource.location.file })[resource.origin.document.index];
  const summary = result?.sops;
  return {
    recipients: [...new Set((summary?.recipients ?? []).map((r) => (r.type === 'age' ? r.id : `${r.type} ${r.id}`)))].sort(),
    lastModified: summary?.lastModified,
  };
}

function dataKeys(body: Readonly<Record<string, unknown>>): string[] {
  return ['data', 'stringData'].flatMap((field) => (isRecord(body[field]) ? Object.keys(body[field]) : []));
}

/** Key names that a creating object says the Secret will have. */
function createdKeys(creator: Resource | undefined): string[] {
  if (!creator) return [];
  const spec = isRecord(creator.body['spec']) ? creator.body['spec'] : {};
  if (creator.kind === 'ExternalSecret') {
    const fromData = (Array.isArray(spec['data']) ? spec['data'] : []).filter(isRecord).map((d) => d['secretKey']);
    const target = isRecord(spec['target']) ? spec['target'] : {};
    const template = isRecord(target['template']) && isRecord(target['template']['data']) ? Object.keys(target['template']['data']) : [];
    return [...fromData, ...template].filter((k): k is string => typeof k === 'string');
  }
  if (creator.id.group !== 'cert-manager.io') return [];
  // A Certificate's Secret holds the key pair and CA; an issuer's ACME account Secret, the account key.
  if (creator.kind === 'Certificate') return ['ca.crt', 'tls.crt', 'tls.key'];
  if (creator.kind === 'ClusterIssuer' || creator.kind === 'Issuer') return ['tls.key'];
  return [];
}

function storageOf(sources: readonly SecretSource[]): SecretStorage {
  const inGit = sources.filter((s) => s.type === 'manifest' || s.type === 'generator');
  if (inGit.length === 0) return 'not-in-git';
  return inGit.every((s) => (s.type === 'manifest' ? s.sops !== undefined : s.encrypted)) ? 'sops' : 'plaintext';
}

function sameSource(a: SecretSource, b: SecretSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The object is the source that an entry point's own Flux Kustomization syncs from: `flux bootstrap` wrote its credentials. */
function isBootstrapSource(model: RepositoryModel, id: ResourceId): boolean {
  return model.entryPoints.some((entry) => {
    const source = model.fluxKustomizations.find((k) => k.key === entry.appliedBy)?.sourceRef;
    return source !== undefined && source.kind === id.kind && source.name === id.name && source.namespace === id.namespace;
  });
}

function commandFor(commands: readonly SecretCommand[], namespace: string, name: string): SecretCommand | undefined {
  return commands.find((c) => c.name === name && (c.namespace === undefined || c.namespace === namespace));
}

/**
 * Every Secret of the repository: how it is defined, whether it is
 * encrypted, its key names, who uses it through which field, and the audit's
 * secret-undefined and secret-unused findings.
 */
export function buildSecretInventory(model: RepositoryModel, config: AuditConfig, findings: SecretFindings): SecretInventory {
  const drafts = new Map<string, Draft>();
  const draft = (namespace: string, name: string): Draft => {
    const k = key(namespace, name);
    let d = drafts.get(k);
    if (!d) drafts.set(k, (d = { namespace, name, sources: [], keys: new Set(), users: [] }));
    return d;
  };
  const addSource = (d: Draft, source: SecretSource) => {
    if (!d.sources.some((s) => sameSource(s, source))) d.sources.push(source);
  };

  for (const resource of model.resources) {
    if (!isCoreSecret(resource.id) || resource.appliedBy.length === 0 || resource.namespace === undefined) continue;
    const d = draft(resource.namespace, resource.name);
    for (const k of dataKeys(resource.body)) d.keys.add(k);
    if (resource.origin.type === 'generator') {
      const { files, encrypted } = generatorSourceFiles(model, resource);
      addSource(d, { type: 'generator', file: resource.location.file, line: resource.location.line, encrypted, files });
    } else {
      addSource(d, { type: 'manifest', file: resource.location.file, line: resource.location.line, sops: sopsFacts(model, resource) });
    }
  }

  const referenced: Reference[] = [];
  for (const ref of model.references.all) {
    if (!isCoreSecret(ref.to) || ref.to.namespace === undefined) continue;
    const referrer = appliedReferrer(model, ref);
    if (!referrer) continue;
    if (ref.defines) {
      const d = draft(ref.to.namespace, ref.to.name);
      addSource(d, { type: 'controller', creator: ref.from, via: ref.via, file: ref.location.file, line: ref.location.line });
      for (const k of createdKeys(referrer)) d.keys.add(k);
    } else {
      referenced.push(ref);
    }
  }

  for (const external of config.secrets.external) {
    addSource(draft(external.namespace, external.name), { type: 'declared', createdBy: external.createdBy, note: external.note });
  }

  // Secrets named by secret-undefined findings: the reference at the finding's location.
  const undefinedSecrets: UndefinedSecret[] = [];
  const undefinedKeys = new Set<string>();
  for (const finding of findings.undefined) {
    const at = finding.location;
    const ref = referenced.find((r) => r.location.file === at.file && r.location.line === at.line && r.location.column === at.column);
    if (!ref || ref.to.namespace === undefined) continue;
    undefinedSecrets.push({ namespace: ref.to.namespace, name: ref.to.name, finding });
    undefinedKeys.add(key(ref.to.namespace, ref.to.name));
  }

  const commands = commandCreatedSecrets(model);
  for (const ref of referenced) {
    const namespace = ref.to.namespace!;
    const k = key(namespace, ref.to.name);
    const known = drafts.get(k);
    if (!known && undefinedKeys.has(k)) continue;
    const d = known ?? draft(namespace, ref.to.name);
    d.users.push({ referrer: ref.from, field: ref.field, via: ref.via, file: ref.location.file, line: ref.location.line, optional: ref.optional });
  }
  // Secrets that nothing in git defines: the script that creates them, flux bootstrap, or the cluster.
  for (const d of drafts.values()) {
    if (d.sources.some((s) => s.type !== 'declared')) continue;
    const command = commandFor(commands, d.namespace, d.name);
    const bootstrapUser = d.users.find((u) => u.via === 'flux-source-secret' && isBootstrapSource(model, u.referrer));
    if (command) addSource(d, { type: 'command', file: command.file, line: command.line });
    else if (bootstrapUser) addSource(d, { type: 'flux-bootstrap', source: bootstrapUser.referrer });
    else if (d.sources.length === 0) addSource(d, { type: 'cluster' });
  }

  const unusedByKey = new Map(findings.unused.filter((f) => f.resource?.namespace).map((f) => [key(f.resource!.namespace!, f.resource!.name), f] as const));
  const entries: SecretEntry[] = [...drafts.values()]
    .map((d) => ({
      namespace: d.namespace,
      name: d.name,
      sources: d.sources,
      storage: storageOf(d.sources),
      keys: [...d.keys].sort(),
      users: dedupeUses(d.users),
      unused: unusedByKey.get(key(d.namespace, d.name)),
    }))
    .sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
  const byKey = new Map(entries.map((e) => [key(e.namespace, e.name), e] as const));
  return {
    entries,
    undefined: undefinedSecrets,
    unused: findings.unused,
    missingRules: findings.missingRules,
    get: (namespace, name) => byKey.get(key(namespace, name)),
  };
}

function useKey(u: SecretUse): string {
  return `${u.referrer.kind}/${u.referrer.namespace ?? ''}/${u.referrer.name}|${u.field}|${u.file}:${String(u.line).padStart(8, '0')}`;
}

function dedupeUses(uses: readonly SecretUse[]): SecretUse[] {
  const byKey = new Map(uses.map((u) => [useKey(u), u] as const));
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}
