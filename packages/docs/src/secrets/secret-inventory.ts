import type { DeclaredSecretCreator } from '@kustodian/manifest-model';
import type { Finding } from '@kustodian/audit';
import type { ReferenceVia, RepositoryModel, Resource, ResourceId, SecretDefinition } from '@kustodian/manifest-model';
import { ANY_NAMESPACE, formatFieldPath, isGitDefinition, isRecord, secretMaterialKeys } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';
import { generatorEncrypted } from './generator-files.js';
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
  /** A Secret manifest in git: SOPS-encrypted (with `sops`) or not; `clear` when a value holds secret material (not only references or substitutions). */
  | { readonly type: 'manifest'; readonly file: string; readonly line: number; readonly sops: SopsFacts | undefined; readonly clear: boolean; readonly applied: boolean }
  /** A kustomize secretGenerator; encrypted when every file it reads is SOPS-encrypted and it has no literals. */
  | { readonly type: 'generator'; readonly file: string; readonly line: number; readonly encrypted: boolean; readonly clear: boolean; readonly files: readonly string[]; readonly applied: boolean }
  /** An object that writes it: cert-manager Certificate or issuer, ExternalSecret, SealedSecret … */
  | { readonly type: 'controller'; readonly creator: ResourceId; readonly via: ReferenceVia; readonly file: string; readonly line: number; readonly applied: boolean }
  /** Declared in kustodian.yaml `secrets.external`: created outside git. */
  | { readonly type: 'declared'; readonly createdBy: DeclaredSecretCreator; readonly note: string | undefined }
  /** `kubectl create secret` / `flux create secret` in a script or a doc. */
  | { readonly type: 'command'; readonly file: string; readonly line: number }
  /** The credentials of the source the bootstrap sync reads, written by `flux bootstrap`. */
  | { readonly type: 'flux-bootstrap'; readonly source: ResourceId }
  /** Referenced, not in git, and the audit does not call it undefined (an operator, a copy controller …). */
  | { readonly type: 'cluster' };

/** Encrypted in git, in plaintext in git, in git without secret values (references, substitutions, a token the cluster fills in), or not in git at all. */
export type SecretStorage = 'sops' | 'plaintext' | 'no-values' | 'not-in-git';

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
  get(namespace: string, name: string): SecretEntry | undefined;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

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

/** What Flux applies, or what is not applied by anything (a declaration, a command, the cluster). */
function isApplied(item: SecretDefinition | SecretSource): boolean {
  return !('applied' in item) || item.applied;
}

function storageOf(sources: readonly SecretSource[]): SecretStorage {
  const inGit = sources.filter((s) => s.type === 'manifest' || s.type === 'generator');
  if (inGit.length === 0) return 'not-in-git';
  if (inGit.some((s) => s.clear)) return 'plaintext';
  return inGit.every((s) => (s.type === 'manifest' ? s.sops !== undefined : s.encrypted)) ? 'sops' : 'no-values';
}

function sameSource(a: SecretSource, b: SecretSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every Secret of the repository: how it is defined, whether it is
 * encrypted, its key names, who uses it through which field, and the audit's
 * secret-undefined and secret-unused findings.
 */
export function buildSecretInventory(model: RepositoryModel, findings: SecretFindings): SecretInventory {
  const catalog = model.secrets;
  // Secrets named by secret-undefined findings: the Secret each finding's data names.
  const undefinedSecrets: UndefinedSecret[] = [];
  const undefinedKeys = new Set<string>();
  for (const finding of findings.undefined) {
    const namespace = String(finding.data.namespace);
    const name = String(finding.data.name);
    undefinedSecrets.push({ namespace, name, finding });
    undefinedKeys.add(key(namespace, name));
  }

  const entries: SecretEntry[] = [];
  for (const entry of catalog.entries()) {
    if (entry.namespace === ANY_NAMESPACE) continue;
    const sources: SecretSource[] = [];
    const keys = new Set<string>();
    const addSource = (source: SecretSource) => {
      if (!sources.some((s) => sameSource(s, source))) sources.push(source);
    };
    // What Flux applies defines the Secret; a manifest in a folder Flux does
    // not apply (applied by hand) is shown only where nothing applied does.
    const applied = entry.definitions.filter(isApplied);
    for (const d of applied.some(isGitDefinition) ? applied : entry.definitions) {
      const source = gitSource(model, d, keys);
      if (source) addSource(source);
    }
    const users = entry.consumers.filter((c) => c.referrer).map((c) => c.reference);
    if (!sources.some(isApplied) && (users.length === 0 || undefinedKeys.has(key(entry.namespace, entry.name)))) continue;
    // Secrets that nothing in git defines: the script that creates them, flux bootstrap, or the cluster.
    if (!sources.some((s) => s.type !== 'declared')) {
      const made = catalog.definitions(entry.namespace, entry.name);
      const command = made.find((d) => d.type === 'command');
      const bootstrap = made.find((d) => d.type === 'flux-bootstrap');
      if (command?.type === 'command') addSource({ type: 'command', file: command.location.file, line: command.location.line });
      else if (bootstrap?.type === 'flux-bootstrap') addSource({ type: 'flux-bootstrap', source: bootstrap.source });
      else if (sources.length === 0) addSource({ type: 'cluster' });
    }
    entries.push({
      namespace: entry.namespace,
      name: entry.name,
      sources,
      storage: storageOf(sources),
      keys: [...keys].sort(),
      users: dedupeUses(users.map((ref) => ({ referrer: ref.from, field: formatFieldPath(ref.path), via: ref.via, file: ref.location.file, line: ref.location.line, optional: ref.optional }))),
      unused: undefined,
    });
  }

  const unusedByKey = new Map(findings.unused.filter((f) => f.resource?.namespace).map((f) => [key(f.resource!.namespace!, f.resource!.name), f] as const));
  const sorted = entries
    .map((e) => ({ ...e, unused: unusedByKey.get(key(e.namespace, e.name)) }))
    .sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
  const byKey = new Map(sorted.map((e) => [key(e.namespace, e.name), e] as const));
  return {
    entries: sorted,
    undefined: undefinedSecrets,
    unused: findings.unused,
    get: (namespace, name) => byKey.get(key(namespace, name)),
  };
}

/**
 * Whether a Secret manifest holds secret material in clear, judged on the
 * document as written (the model masks values; substitutions are filled in
 * after the file is read).
 */
function writtenMaterial(resource: Resource): boolean {
  const written = resource.origin.type === 'document' ? resource.origin.document.value : undefined;
  return !isRecord(written) || secretMaterialKeys(written).length > 0;
}

/**
 * A definition that git holds (applied by Flux, or by hand as a bootstrap
 * folder is), as a source of SECRETS.md, adding the key names it gives the
 * Secret; undefined for the others.
 */
function gitSource(model: RepositoryModel, d: SecretDefinition, keys: Set<string>): SecretSource | undefined {
  switch (d.type) {
    case 'manifest':
      for (const k of dataKeys(d.resource.body)) keys.add(k);
      const sops = sopsFacts(model, d.resource);
      return { type: 'manifest', file: d.location.file, line: d.location.line, sops, clear: sops === undefined && writtenMaterial(d.resource), applied: d.applied };
    case 'generator':
      for (const k of dataKeys(d.resource.body)) keys.add(k);
      const encrypted = generatorEncrypted(model, d);
      return { type: 'generator', file: d.location.file, line: d.location.line, encrypted, clear: !encrypted, files: d.sources, applied: d.applied };
    case 'controller':
      for (const k of createdKeys(d.resource ?? model.find(d.creator).find((r) => r.location.file === d.location.file))) keys.add(k);
      return { type: 'controller', creator: d.creator, via: d.via, file: d.location.file, line: d.location.line, applied: d.applied };
    case 'declared':
      return { type: 'declared', createdBy: d.createdBy, note: d.note };
    case 'template':
      // A template a bootstrap renders and applies: shown as a manifest Flux does not apply.
      for (const k of d.keys) keys.add(k);
      return { type: 'manifest', file: d.location.file, line: d.location.line, sops: undefined, clear: d.clear, applied: false };
    default:
      return undefined;
  }
}

function useKey(u: SecretUse): string {
  return `${u.referrer.kind}/${u.referrer.namespace ?? ''}/${u.referrer.name}|${u.field}|${u.file}:${String(u.line).padStart(8, '0')}`;
}

function dedupeUses(uses: readonly SecretUse[]): SecretUse[] {
  const byKey = new Map(uses.map((u) => [useKey(u), u] as const));
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}
