/**
 * Which Flux sources are this repository. Flux applies a folder of a source's
 * artifact; when the source is the repository itself (its own GitRepository
 * under another name, an OCI artifact CI pushes from one of its folders, the
 * source a FluxInstance creates), the model follows it into the checkout,
 * from the folder that is the artifact's root.
 */
import type { SourceLocation } from '../source-location.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import type { FileSystem } from '../fs/file-system.js';
import { diskRoot } from '../fs/node-file-system.js';
import { joinPath, normalizePath } from '../fs/file-system.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import { parseShellScript } from '../text/shell-lines.js';
import { isFluxSource, isHelmRelease } from './kinds.js';
import type { FluxSource } from './sources.js';
import { parseFluxSource } from './sources.js';

/**
 * `host/path` of a Git or OCI URL, the same for every way of writing one
 * repository: `ssh://git@host/o/r.git`, `git@host:o/r.git`,
 * `https://host/o/r(.git)`, `oci://host/o/r`; host case, a port on ssh,
 * credentials and a trailing `/` do not matter. Undefined for what is not a
 * URL (a local path, an empty string).
 */
export function repositoryAddress(url: string): string | undefined {
  let rest = url.trim();
  if (rest === '') return undefined;
  let host: string;
  let path: string;
  if (rest.includes('://')) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?(\/.*)?$/i.exec(rest);
    if (!m) return undefined;
    host = m[1]!;
    path = m[2] ?? '';
  } else {
    // scp-like: [user@]host:path
    const m = /^(?:[^@/\s]+@)?([^:/\s]+):(.+)$/.exec(rest);
    if (!m) return undefined;
    host = m[1]!;
    path = m[2]!;
  }
  rest = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  if (rest === '') return undefined;
  return `${host.toLowerCase()}/${rest}`;
}

/** An OCI artifact that a workflow or script of the repository pushes from one of its folders (`flux push artifact URL --path=DIR`). */
export interface ArtifactPush {
  /** The artifact's repository address (`repositoryAddress`), `*` standing for what the text leaves to run time (`${{ github.… }}`, an unset variable). */
  readonly address: string;
  /** The repository folder the artifact is made of ('' = the root). */
  readonly root: string;
  readonly location: SourceLocation;
}

/** `$VAR`, `${VAR}` and `${{ expression }}` expanded from `env`; what is not known becomes `*`. */
function expand(text: string, env: ReadonlyMap<string, string>, depth = 0): string {
  return text
    .replace(/\$\{\{[^}]*\}\}/g, '*')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string | undefined, b: string | undefined) => {
      const value = env.get((a ?? b)!);
      return value === undefined || depth > 4 ? '*' : expand(value, env, depth + 1);
    })
    .replace(/\$\([^)]*\)/g, '*');
}

/** `env:` maps of a GitHub or Gitea workflow (workflow, job and step level, merged: enough to expand an artifact URL). */
function workflowEnv(value: unknown, env: Map<string, string>): void {
  if (Array.isArray(value)) for (const item of value) workflowEnv(item, env);
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'env' && isRecord(child)) {
        for (const [name, v] of Object.entries(child)) if (typeof v === 'string' || typeof v === 'number') env.set(name, String(v));
      } else workflowEnv(child, env);
    }
  }
}

/**
 * Every `flux push artifact` of the repository's workflows, scripts and
 * Taskfiles, with the folder it pushes (relative to the repository root;
 * `--path` is relative to where the command runs, the checkout's root in a
 * workflow).
 */
export function findArtifactPushes(files: readonly RepositoryFile[], store: DocumentStore): ArtifactPush[] {
  const out: ArtifactPush[] = [];
  for (const file of files) {
    if (file.chartRoot !== undefined) continue;
    const workflow = /(^|\/)\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/.test(file.path);
    if (!workflow && file.role !== 'shell' && !/(^|\/)(Taskfile|taskfile)(\.dist)?\.ya?ml$|(^|\/)\.taskfiles\//.test(file.path)) continue;
    const text = store.rawText(file.path);
    if (text === undefined || !text.includes('push artifact')) continue;
    const env = new Map<string, string>();
    if (workflow) for (const doc of store.documents(file.path) ?? []) workflowEnv(doc.value, env);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/\bflux\s+push\s+artifact\b/.test(lines[i]!)) continue;
      let command = lines[i]!;
      for (let j = i; /\\\s*$/.test(lines[j]!) && j + 1 < lines.length; j++) command = `${command.replace(/\\\s*$/, ' ')}${lines[j + 1]!}`;
      const parsed = parseShellScript(command.slice(command.search(/\bflux\s+push\s+artifact\b/))).commands[0];
      const argv = (parsed?.argv ?? []).map((w) => w.value);
      const url = argv[3];
      const pathArg = argv.findIndex((w) => w === '--path' || w.startsWith('--path='));
      if (url === undefined || pathArg < 0) continue;
      const rawPath = argv[pathArg]!.startsWith('--path=') ? argv[pathArg]!.slice('--path='.length) : argv[pathArg + 1];
      const root = rawPath === undefined ? undefined : normalizePath(expand(rawPath, env));
      // The tag after the last path segment's ':' is not part of the repository.
      const expanded = expand(url, env).replace(/(\/[^/:]*):[^/]*$/, '$1');
      const address = repositoryAddress(expanded);
      if (root === undefined || root.includes('*') || address === undefined) continue;
      out.push({
        address,
        root,
        location: {
          file: file.path,
          line: i + 1,
          column: lines[i]!.search(/\S/) + 1,
        },
      });
    }
  }
  return out;
}

/** Whether an address matches a pushed artifact's address (`*` matches within one path segment or more). */
export function addressMatches(pattern: string, address: string): boolean {
  if (!pattern.includes('*')) return pattern === address;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+')}$`
  );
  return re.test(address);
}

/** The folder a workflow or script pushes to the artifact at `url`; undefined when none does. */
function pushedRoot(pushes: readonly ArtifactPush[], url: string): string | undefined {
  const address = repositoryAddress(url);
  return address === undefined ? undefined : pushes.find((p) => addressMatches(p.address, address))?.root;
}

/** The sync a Flux Operator `FluxInstance` declares (`spec.sync`): the operator creates a source and a Kustomization, both named after the namespace. */
export interface FluxInstanceSync {
  readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket';
  readonly url: string;
  readonly ref: string | undefined;
  /** The path in the source's artifact, normalised ('' = its root); undefined when it leaves it. */
  readonly path: string | undefined;
  readonly namespace: string;
  readonly pullSecret: string | undefined;
  readonly location: SourceLocation;
}

const SYNC_KINDS = new Set(['GitRepository', 'OCIRepository', 'Bucket']);

function syncOf(sync: unknown, namespace: string, location: SourceLocation): FluxInstanceSync | undefined {
  if (!isRecord(sync) || typeof sync['url'] !== 'string' || typeof sync['path'] !== 'string') return undefined;
  const kind = typeof sync['kind'] === 'string' ? sync['kind'] : 'GitRepository';
  if (!SYNC_KINDS.has(kind)) return undefined;
  return {
    kind: kind as FluxInstanceSync['kind'],
    url: sync['url'],
    ref: typeof sync['ref'] === 'string' ? sync['ref'] : undefined,
    path: normalizePath(sync['path']),
    namespace,
    pullSecret: typeof sync['pullSecret'] === 'string' ? sync['pullSecret'] : undefined,
    location,
  };
}

/**
 * The syncs of the repository's FluxInstances: `kind: FluxInstance`
 * documents, and the `instance.sync` values of the `flux-instance` Helm
 * chart (in a HelmRelease's `spec.values`, or in a values file beside a
 * HelmRelease of that chart), which renders a FluxInstance from them.
 */
export function findFluxInstanceSyncs(files: readonly RepositoryFile[], store: DocumentStore): FluxInstanceSync[] {
  const out: FluxInstanceSync[] = [];
  const chartFolders = new Map<string, string>();
  const valueDocs: { folder: string; sync: unknown; location: SourceLocation }[] = [];
  for (const file of files) {
    if (file.role !== 'manifest') continue;
    const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    for (const doc of store.documents(file.path) ?? []) {
      if (!isRecord(doc.value)) continue;
      // A Flux Operator ResourceSet holds its objects under spec.resources.
      const wrapped = doc.value['kind'] === 'ResourceSet' && isRecord(doc.value['spec']) && Array.isArray(doc.value['spec']['resources']) ? doc.value['spec']['resources'].filter(isRecord) : [];
      for (const v of [doc.value, ...wrapped]) {
        const meta = metadataOf(v);
        const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : 'flux-system';
        const spec = isRecord(v['spec']) ? v['spec'] : {};
        if (v['kind'] === 'FluxInstance' && typeof v['apiVersion'] === 'string' && v['apiVersion'].startsWith('fluxcd.controlplane.io/')) {
          const sync = syncOf(spec['sync'], namespace, doc.location);
          if (sync) out.push(sync);
        } else if (isHelmRelease(v['apiVersion'], v['kind']) && isFluxInstanceChart(spec)) {
          const target = typeof spec['targetNamespace'] === 'string' ? spec['targetNamespace'] : namespace;
          chartFolders.set(folder, target);
          const values = isRecord(spec['values']) ? spec['values'] : {};
          const sync = syncOf(isRecord(values['instance']) ? values['instance']['sync'] : undefined, target, doc.location);
          if (sync) out.push(sync);
        } else if (v['apiVersion'] === undefined && isRecord(v['instance']) && isRecord(v['instance']['sync'])) {
          valueDocs.push({
            folder,
            sync: v['instance']['sync'],
            location: doc.location,
          });
        }
      }
    }
  }
  for (const d of valueDocs) {
    const namespace = chartFolders.get(d.folder);
    const sync = namespace === undefined ? undefined : syncOf(d.sync, namespace, d.location);
    if (sync) out.push(sync);
  }
  return out;
}

function isFluxInstanceChart(spec: Readonly<Record<string, unknown>>): boolean {
  const chart = isRecord(spec['chart']) && isRecord(spec['chart']['spec']) ? spec['chart']['spec']['chart'] : undefined;
  if (chart === 'flux-instance') return true;
  const ref = isRecord(spec['chartRef']) ? spec['chartRef']['name'] : undefined;
  return typeof ref === 'string' && /(^|-)flux-instance$/.test(ref);
}

/** The name of the folder a file system reads, when it reads a folder of the disk. */
export function checkoutName(fs: FileSystem): string | undefined {
  const root = diskRoot(fs);
  return root === undefined ? undefined : root.replace(/[\\/]+$/, '').split(/[\\/]/).pop();
}

/** The URLs of the checkout's git remotes (`.git/config`); empty when there is none to read. */
export function gitRemoteUrls(fs: FileSystem): string[] {
  const bytes = fs.stat('.git') === 'directory' ? fs.readFile('.git/config') : undefined;
  if (!bytes) return [];
  const out: string[] = [];
  let inRemote = false;
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    const section = /^\s*\[([^\]]*)\]/.exec(line);
    if (section) inRemote = /^remote\s+"/.test(section[1]!);
    const url = inRemote ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line) : null;
    if (url) out.push(url[1]!);
  }
  return out;
}

/** A Flux source as a repository manifest defines it, with where. */
export interface DefinedSource extends FluxSource {
  readonly location: SourceLocation;
}

/** Every Flux source document in the repository's manifests (GitRepository, OCIRepository, Bucket, HelmRepository). */
export function findDefinedSources(files: readonly RepositoryFile[], store: DocumentStore): DefinedSource[] {
  const out: DefinedSource[] = [];
  for (const file of files) {
    if (file.role !== 'manifest') continue;
    for (const doc of store.documents(file.path) ?? []) {
      const v = doc.value;
      if (!isRecord(v) || !isFluxSource(v['apiVersion'], v['kind'])) continue;
      const meta = metadataOf(v);
      out.push({
        ...parseFluxSource(v, typeof meta['namespace'] === 'string' ? meta['namespace'] : 'flux-system'),
        location: doc.location,
      });
    }
  }
  return out;
}

/** Why a source counts as this repository. */
export type LocalSourceReason = 'bootstrap' | 'same-repository' | 'pushed-artifact' | 'flux-instance' | 'config';

/** A Flux source that is this repository: Flux applies folders of `root`. */
export interface LocalSource {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The repository folder that is the artifact's root ('' = the repository root). */
  readonly root: string;
  readonly reason: LocalSourceReason;
  /** Its ref (branch, tag, semver, commit), printed; undefined when it does not say. */
  readonly ref: string | undefined;
}

/** `branch main`, `tag v1` … of a source ref, or undefined. */
export function describeRef(ref: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(ref);
  return entries.length === 0 ? undefined : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

export const sourceKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** What deciding which sources are this repository reads. */
export interface LocalSourceInput {
  /** Keys (`sourceKey`) of the sources the entry points' own Flux Kustomizations sync: this repository by definition. */
  readonly bootstrap: readonly string[];
  readonly defined: readonly DefinedSource[];
  readonly instances: readonly FluxInstanceSync[];
  readonly pushes: readonly ArtifactPush[];
  /** The checkout's git remote URLs. */
  readonly remotes: readonly string[];
  /**
   * The name of the checkout's folder, used only when there is no git remote
   * to read (an exported tree): a GitRepository whose repository is named
   * like it (`repo`, or `owner__repo`) is this repository.
   */
  readonly checkoutName?: string | undefined;
  /** kustodian.yaml `sources.self` (`namespace/name` or `Kind/namespace/name`). */
  readonly self: readonly string[];
  /** kustodian.yaml `sources.paths`: `namespace/name` (or `Kind/namespace/name`) → the folder that is its root. */
  readonly paths: Readonly<Record<string, string>>;
  /** Every folder of the repository. */
  readonly directories: ReadonlySet<string>;
}

export interface LocalSources {
  /** By `sourceKey`. */
  readonly sources: ReadonlyMap<string, LocalSource>;
  /** Folders a FluxInstance of the repository syncs: entry points applied by the `<namespace>/<namespace>` Kustomization it creates. */
  readonly instanceEntries: readonly {
    readonly path: string;
    readonly appliedBy: string;
    readonly location: SourceLocation;
  }[];
  /** Sources of this repository at another ref than the bootstrap source (still followed: the checkout is what is audited). */
  readonly otherRefs: readonly {
    readonly source: LocalSource;
    readonly bootstrap: LocalSource;
    readonly location: SourceLocation;
  }[];
  /** kustodian.yaml `sources.paths` entries that cannot be used. */
  readonly invalidPaths: readonly {
    readonly key: string;
    readonly folder: string;
    readonly reason: string;
  }[];
}

const LOCAL_KINDS = ['GitRepository', 'OCIRepository', 'Bucket'] as const;

/** The checkout itself, known by its remotes or its folder's name: no namespace, and a branch Kustodian does not know. */
const THE_CHECKOUT: LocalSource = { kind: 'GitRepository', namespace: '', name: 'the checkout', root: '', reason: 'bootstrap', ref: undefined };

/** A path of an artifact, as a repository path: `path` under the artifact's root. */
export function underRoot(root: string, path: string): string {
  return joinPath(root, path) ?? path;
}

/** The folder R for which `R/path` is a folder of the repository, when there is exactly one. */
function uniqueRoot(path: string, directories: ReadonlySet<string>): string | undefined {
  if (directories.has(path)) return '';
  const roots = [...directories].filter((d) => d.endsWith(`/${path}`)).map((d) => d.slice(0, d.length - path.length - 1));
  return roots.length === 1 ? roots[0] : undefined;
}

/** Keys a kustodian.yaml source name stands for: `Kind/ns/name` is one; `ns/name` is each kind a Kustomization can apply. */
function configuredKeys(name: string): string[] {
  const parts = name.split('/');
  if (parts.length === 3) return [name];
  if (parts.length === 2) return LOCAL_KINDS.map((kind) => sourceKey(kind, parts[0]!, parts[1]!));
  return [];
}

/** A source a FluxInstance creates, the sync it comes from, and the folder it applies as an entry point. */
interface InstanceSource {
  readonly sync: FluxInstanceSync;
  readonly source: LocalSource;
  readonly entry: { readonly path: string; readonly appliedBy: string; readonly location: SourceLocation };
}

/**
 * The sources the repository's FluxInstances create, with the folder each
 * syncs as an entry point. The artifact's root is the folder a workflow
 * pushes to the instance's OCI URL, else the one folder R for which
 * `R/<sync.path>` exists (the repository root when that path exists there).
 */
export function fluxInstanceSources(input: Pick<LocalSourceInput, 'instances' | 'pushes' | 'directories'>): InstanceSource[] {
  const out: InstanceSource[] = [];
  for (const sync of input.instances) {
    if (sync.path === undefined) continue;
    const pushed = sync.kind === 'OCIRepository' ? pushedRoot(input.pushes, sync.url) : undefined;
    const root = pushed !== undefined && input.directories.has(underRoot(pushed, sync.path)) ? pushed : uniqueRoot(sync.path, input.directories);
    if (root === undefined) continue;
    out.push({
      sync,
      source: {
        kind: sync.kind,
        namespace: sync.namespace,
        name: sync.namespace,
        root,
        reason: 'flux-instance',
        ref: sync.ref,
      },
      entry: {
        path: underRoot(root, sync.path),
        appliedBy: `${sync.namespace}/${sync.namespace}`,
        location: sync.location,
      },
    });
  }
  return out;
}

/**
 * The sources that are this repository, with the folder each artifact is
 * made of: the bootstrap sources; the sources a FluxInstance of the
 * repository creates; every GitRepository whose URL is the same repository
 * as a bootstrap source or a git remote of the checkout; every
 * OCIRepository whose URL a workflow or script of the repository pushes a
 * folder to; and what kustodian.yaml `sources` names.
 */
export function findLocalSources(input: LocalSourceInput): LocalSources {
  const sources = new Map<string, LocalSource>();
  const instanceEntries: { path: string; appliedBy: string; location: SourceLocation }[] = [];
  const otherRefs: { source: LocalSource; bootstrap: LocalSource; location: SourceLocation }[] = [];
  const invalidPaths: { key: string; folder: string; reason: string }[] = [];
  const definedByKey = new Map(input.defined.map((s) => [sourceKey(s.kind, s.namespace, s.name), s]));
  const addresses = new Map<string, LocalSource>();
  for (const url of input.remotes) {
    const address = repositoryAddress(url);
    if (address)
      addresses.set(address, THE_CHECKOUT);
  }

  for (const key of input.bootstrap) {
    const [kind, namespace, ...rest] = key.split('/');
    const defined = definedByKey.get(key);
    const root = kind === 'OCIRepository' && defined?.url ? pushedRoot(input.pushes, defined.url) ?? '' : '';
    const source: LocalSource = {
      kind: kind!,
      namespace: namespace!,
      name: rest.join('/'),
      root,
      reason: 'bootstrap',
      ref: defined ? describeRef(defined.ref) : undefined,
    };
    sources.set(key, source);
    const address = defined?.url && kind === 'GitRepository' ? repositoryAddress(defined.url) : undefined;
    if (address) addresses.set(address, source);
  }

  for (const { sync, source, entry } of fluxInstanceSources(input)) {
    const key = sourceKey(source.kind, source.namespace, source.name);
    if (!sources.has(key)) sources.set(key, source);
    instanceEntries.push(entry);
    const address = sync.kind === 'GitRepository' ? repositoryAddress(sync.url) : undefined;
    if (address && !addresses.has(address)) addresses.set(address, source);
  }

  const named = (address: string) => {
    if (input.remotes.length > 0 || !input.checkoutName) return false;
    const [owner, repo] = address.split('/').slice(-2);
    return input.checkoutName === repo || input.checkoutName === `${owner}__${repo}`;
  };
  for (const defined of input.defined) {
    const key = sourceKey(defined.kind, defined.namespace, defined.name);
    if (sources.has(key) || defined.url === undefined) continue;
    const address = repositoryAddress(defined.url);
    if (defined.kind === 'GitRepository' && address !== undefined) {
      const same = addresses.get(address) ?? (named(address) ? THE_CHECKOUT : undefined);
      if (!same) continue;
      const source: LocalSource = {
        kind: defined.kind,
        namespace: defined.namespace,
        name: defined.name,
        root: same.root,
        reason: 'same-repository',
        ref: describeRef(defined.ref),
      };
      sources.set(key, source);
      // At another ref than the bootstrap source (or than a checkout whose branch is not known): its folders may not be in this checkout.
      if (source.ref !== undefined && (same.ref === undefined || source.ref !== same.ref)) otherRefs.push({ source, bootstrap: same, location: defined.location });
    } else if (defined.kind === 'OCIRepository') {
      const root = pushedRoot(input.pushes, defined.url);
      if (root !== undefined)
        sources.set(key, {
          kind: defined.kind,
          namespace: defined.namespace,
          name: defined.name,
          root,
          reason: 'pushed-artifact',
          ref: describeRef(defined.ref),
        });
    }
  }

  for (const name of input.self) {
    for (const key of configuredKeys(name)) {
      if (sources.has(key)) continue;
      const [kind, namespace, ...rest] = key.split('/');
      sources.set(key, {
        kind: kind!,
        namespace: namespace!,
        name: rest.join('/'),
        root: '',
        reason: 'config',
        ref: undefined,
      });
    }
  }
  for (const [name, folder] of Object.entries(input.paths)) {
    const root = normalizePath(folder);
    if (root === undefined) {
      invalidPaths.push({
        key: name,
        folder,
        reason: 'it leaves the repository (only folders of the audited checkout can be read)',
      });
      continue;
    }
    if (root !== '' && !input.directories.has(root)) {
      invalidPaths.push({
        key: name,
        folder,
        reason: 'it is not a folder of the repository',
      });
      continue;
    }
    for (const key of configuredKeys(name)) {
      const [kind, namespace, ...rest] = key.split('/');
      sources.set(key, {
        kind: kind!,
        namespace: namespace!,
        name: rest.join('/'),
        root,
        reason: 'config',
        ref: undefined,
      });
    }
  }
  return { sources, instanceEntries, otherRefs, invalidPaths };
}
