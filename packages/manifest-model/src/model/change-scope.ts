import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { dirname } from '../fs/file-system.js';

/** What a model of the changes only (`loadRepository` with `changes`) is told. */
export interface ChangeOptions {
  /** Repository-relative paths of the files that changed (added, modified, deleted, untracked). */
  readonly files: readonly string[];
  /**
   * For each needle, the repository files whose text contains it (needles
   * found nowhere may be left out); undefined when it cannot tell (the model
   * then reads the files itself). A caller with a faster search (`git grep`)
   * passes it.
   */
  readonly search?: (needles: readonly string[]) => ReadonlyMap<string, readonly string[]> | undefined;
}

/** What a model of the changes only built, for reports. */
export interface ChangeScopeSummary {
  /** The changed files the model was given. */
  readonly changedFiles: readonly string[];
  /** Flux Kustomizations built, of all the model found. */
  readonly builtFluxKustomizations: number;
  readonly fluxKustomizations: number;
  /** Why the whole repository was built instead, when it was. */
  readonly fullBuild?: string;
}

/**
 * Text that every document a whole-repository scan looks for contains (Flux
 * objects, FluxInstances, ArtifactGenerators, CRDs, ExternalSecrets,
 * SealedSecrets, Namespaces and `createNamespace`): a model of the changes
 * parses the files that hold one, not every manifest.
 */
const MARKERS = ['toolkit.fluxcd.io', 'fluxcd.controlplane.io', 'source.extensions.fluxcd.io', 'flux-instance', 'CustomResourceDefinition', 'external-secrets.io', 'bitnami.com', 'Namespace'];

/**
 * Files whose change can change what any Flux Kustomization builds or how
 * every rule reads the repository: a model of the changes builds everything
 * when one of them changed.
 */
/** What a kustomization that lists something outside its folder holds. */
const OUT_OF_FOLDER = '../';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

const GLOBAL_FILE = /^(kustodian\.ya?ml|\.kustodian\.ya?ml)$|(^|\/)(\.sops\.yaml|\.sourceignore|\.gitignore)$/;

/**
 * Which parts of a repository a change can affect, the way flate walks
 * ownership back from changed files: a changed file is a target; so is every
 * folder whose kustomization file may include a target (it names the
 * target's first path segment below the folder, or its relative path when
 * the target is elsewhere, as `../base` does). A Flux Kustomization is
 * built when its folder is a target or holds one. The test is textual and
 * errs towards building more: a kustomization that names a segment without
 * including it costs a build, never a finding.
 */
export class ChangeScope {
  readonly changed: ReadonlySet<string>;
  /** Why the whole repository must be built, when a change reaches everything (the model then builds it without asking the scope). */
  readonly fullBuild: string | undefined;
  private readonly targets = new Set<string>();
  private readonly ancestors = new Set<string>();
  private kustomizations: { readonly dir: string; readonly file: string }[] | undefined;
  /** Kustomization files that reach out of their folder (`../`); undefined before search() (any may). */
  private reachingOut: Set<string> | undefined;
  /** Files that hold a marker; undefined before search(). */
  private marked: Set<string> | undefined;
  private fluxDefinitions: readonly { readonly file: string; readonly folder: string }[] = [];

  constructor(
    private readonly files: readonly RepositoryFile[],
    private readonly store: DocumentStore,
    changed: readonly string[],
  ) {
    this.changed = new Set(changed);
    const global = changed.find((f) => GLOBAL_FILE.test(f));
    this.fullBuild = global !== undefined ? `${global} changed` : undefined;
  }

  /**
   * One search of the repository: for the markers of the whole-repository
   * scans, and for the names the changed documents have and use; files that
   * use those names are targets (the definitions of what a changed object
   * uses, the other users and copies of what it defines).
   */
  search(names: readonly string[], search: ChangeOptions['search']): void {
    // One needle per line for a search like git grep's -f: a name that holds a line break is no Kubernetes name anyway.
    const needles = [...new Set([...MARKERS, OUT_OF_FOLDER, ...names.filter((n) => n.length >= 2 && !/[\n\r\0]/.test(n))])].sort();
    const found = search?.(needles) ?? this.searchHere(needles);
    const searched = new Set(this.files.filter((f) => f.role === 'manifest' || f.role === 'kustomization').map((f) => f.path));
    this.marked = new Set(MARKERS.flatMap((m) => [...(found.get(m) ?? [])]));
    this.reachingOut = new Set(found.get(OUT_OF_FOLDER) ?? []);
    const special = new Set([...MARKERS, OUT_OF_FOLDER]);
    this.add([...this.changed, ...needles.filter((n) => !special.has(n)).flatMap((n) => [...(found.get(n) ?? [])].filter((f) => searched.has(f)))]);
  }

  /** The search, reading every manifest and kustomization file. */
  private searchHere(needles: readonly string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const f of this.files) {
      if (f.role !== 'manifest' && f.role !== 'kustomization') continue;
      const text = this.store.rawText(f.path);
      if (text === undefined) continue;
      for (const n of needles) if (text.includes(n)) (found.get(n) ?? found.set(n, []).get(n)!).push(f.path);
    }
    return found;
  }

  /** Whether a whole-repository scan reads this file. */
  scans(path: string): boolean {
    return this.marked === undefined || this.changed.has(path) || this.marked.has(path);
  }

  /** Where each Flux Kustomization the scans found is defined and the folder it applies: a definition whose folder holds a target is a target. */
  linkFluxKustomizations(definitions: readonly { readonly file: string; readonly folder: string }[]): void {
    this.fluxDefinitions = definitions;
    this.add([...this.targets], true);
  }

  /** Whether a Flux Kustomization that builds `folders` (its path, its components) and is defined in `definedIn` must be built. */
  follows(folders: readonly string[], definedIn: string): boolean {
    return this.changed.has(definedIn) || folders.some((f) => this.targets.has(f) || this.ancestors.has(f));
  }

  /** Whether a file or folder is a target: a changed file, or one that may include, define or use what changed. */
  has(path: string): boolean {
    return this.targets.has(path);
  }

  /** Whether a folder with a kustomization file that no built Flux Kustomization applies is built on its own. */
  builds(dir: string): boolean {
    return this.targets.has(dir);
  }

  /** Adds files that can change a finding in a changed file (where a name they use is defined), and what may include them. */
  add(paths: Iterable<string>, again = false): void {
    const work = [...paths].filter((p) => again || !this.targets.has(p));
    // A kustomization file is its folder: what includes the folder includes it.
    for (const p of [...work]) if (KUSTOMIZATION_FILE.test(p) && !work.includes(dirname(p))) work.push(dirname(p));
    for (const p of work) this.mark(p);
    while (work.length > 0) {
      const target = work.pop()!;
      for (const d of this.fluxDefinitions) {
        if (this.targets.has(d.file) || !(d.folder === '' || d.folder === target || target.startsWith(`${d.folder}/`))) continue;
        this.mark(d.file);
        work.push(d.file);
      }
      for (const k of this.kustomizationFiles()) {
        if (this.targets.has(k.dir) || k.dir === target) continue;
        // Below the folder, an entry names the target's first segment (`app`, `app/deploy.yaml`); elsewhere, it is the relative path (`../base`).
        const under = k.dir === '' || target.startsWith(`${k.dir}/`);
        if (!under && this.reachingOut !== undefined && !this.reachingOut.has(k.file)) continue;
        const named = under ? target.slice(k.dir === '' ? 0 : k.dir.length + 1).split('/')[0]! : relativePath(k.dir, target);
        if (named === '' || !(this.store.rawText(k.file) ?? '').includes(named)) continue;
        this.mark(k.dir);
        work.push(k.dir);
      }
    }
  }

  private mark(path: string): void {
    this.targets.add(path);
    for (let d = dirname(path); !this.ancestors.has(d); d = dirname(d)) {
      this.ancestors.add(d);
      if (d === '') break;
    }
  }

  private kustomizationFiles(): { readonly dir: string; readonly file: string }[] {
    this.kustomizations ??= this.files.filter((f) => f.role === 'kustomization').map((f) => ({ dir: dirname(f.path), file: f.path }));
    return this.kustomizations;
  }
}

/** `to` relative to folder `from`, as a kustomization writes it (`../base/app`). */
function relativePath(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}
