import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { dirname, normalizePath } from '../fs/file-system.js';
import type { EntryPoint } from '../model/repository-model.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import { isFluxKustomization } from './kinds.js';

/** A Flux Kustomization document as found in a file, before any build. */
export interface RawFluxKustomization {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly path: string | undefined;
  readonly sourceKind: string | undefined;
  readonly sourceName: string | undefined;
  /** spec.sourceRef.namespace as written (Flux defaults it to the Kustomization's). */
  readonly sourceNamespace: string | undefined;
  /** spec.components as written (relative to spec.path). */
  readonly components: readonly string[];
  /** spec.path was written (not left to its default, the source root). */
  readonly pathWritten: boolean;
  /** Names of GitRepositories defined in the same file. */
  readonly gitRepositoriesInFile: readonly string[];
}

/** Every Flux Kustomization document in the repository's manifests, as written. */
export function scanFluxKustomizations(files: readonly RepositoryFile[], store: DocumentStore): RawFluxKustomization[] {
  const out: RawFluxKustomization[] = [];
  for (const f of files) {
    if (f.role !== 'manifest') continue;
    const docs = store.documents(f.path) ?? [];
    const gitRepositoriesInFile = docs
      .map((d) => d.value)
      .filter((v): v is Record<string, unknown> => isRecord(v) && v['kind'] === 'GitRepository')
      .map((v) => String(metadataOf(v)['name'] ?? ''));
    for (const doc of docs) {
      const v = doc.value;
      if (!isRecord(v) || !isFluxKustomization(v['apiVersion'], v['kind'])) continue;
      const spec = isRecord(v['spec']) ? v['spec'] : {};
      const meta = metadataOf(v);
      out.push({
        file: f.path,
        line: doc.location.line,
        name: String(meta['name'] ?? ''),
        namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined,
        path: typeof spec['path'] === 'string' ? normalizePath(spec['path']) : undefined,
        sourceKind: isRecord(spec['sourceRef']) && typeof spec['sourceRef']['kind'] === 'string' ? spec['sourceRef']['kind'] : undefined,
        sourceName: isRecord(spec['sourceRef']) && typeof spec['sourceRef']['name'] === 'string' ? spec['sourceRef']['name'] : undefined,
        sourceNamespace: isRecord(spec['sourceRef']) && typeof spec['sourceRef']['namespace'] === 'string' ? spec['sourceRef']['namespace'] : undefined,
        components: Array.isArray(spec['components']) ? spec['components'].filter((c): c is string => typeof c === 'string') : [],
        pathWritten: typeof spec['path'] === 'string' && spec['path'].trim() !== '',
        gitRepositoriesInFile,
      });
    }
  }
  return out;
}

/**
 * The Flux Kustomization `flux bootstrap` writes (gotk-sync.yaml): it applies
 * the folder that holds it, from this repository's GitRepository.
 */
function isBootstrapSync(k: RawFluxKustomization): boolean {
  if (k.path === undefined || !k.pathWritten || !isInside(k.file, k.path)) return false;
  if ((k.sourceKind ?? 'GitRepository') !== 'GitRepository' || k.sourceName === undefined) return false;
  return k.sourceName === 'flux-system' || (k.path !== '' && k.gitRepositoriesInFile.includes(k.sourceName));
}

function isInside(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/**
 * Where Flux starts applying this repository:
 * 1. the configured entry points, else
 * 2. folders applied by a Flux Kustomization that lives inside the folder it applies (the `gotk-sync.yaml` of `flux bootstrap`), and folders a FluxInstance of the repository syncs, else
 * 3. each `clusters/<name>/` folder, else
 * 4. folders holding Flux Kustomizations that no other Flux Kustomization's path covers (applied by a bootstrap outside git).
 */
export function findEntryPoints(
  files: readonly RepositoryFile[],
  raw: readonly RawFluxKustomization[],
  configured: readonly string[] | undefined,
  hasDirectory: (path: string) => boolean,
  instanceEntries: readonly { readonly path: string; readonly appliedBy: string }[] = [],
): { entryPoints: EntryPoint[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (configured && configured.length > 0) {
    const entryPoints: EntryPoint[] = [];
    for (const p of configured) {
      const path = normalizePath(p);
      if (path === undefined || !hasDirectory(path)) {
        diagnostics.push(diagnostic('entry-point-missing', 'error', `configured entry point ${p} is not a folder of the repository`, { file: 'kustodian.yaml', line: 1, column: 1 }));
        continue;
      }
      const self = raw.find((k) => k.path === path && isInside(k.file, path));
      const instance = instanceEntries.find((e) => e.path === path);
      entryPoints.push({ path, source: 'config', appliedBy: self ? `${self.namespace ?? 'flux-system'}/${self.name}` : instance?.appliedBy });
    }
    return { entryPoints, diagnostics };
  }
  const selfApplying = raw.filter(isBootstrapSync);
  if (selfApplying.length > 0 || instanceEntries.length > 0) {
    const seen = new Set<string>();
    const entryPoints: EntryPoint[] = [];
    for (const k of selfApplying) {
      if (seen.has(k.path!)) continue;
      seen.add(k.path!);
      entryPoints.push({ path: k.path!, source: 'flux-sync', appliedBy: `${k.namespace ?? 'flux-system'}/${k.name}` });
    }
    for (const e of instanceEntries) {
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      entryPoints.push({ path: e.path, source: 'flux-instance', appliedBy: e.appliedBy });
    }
    return { entryPoints: entryPoints.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics };
  }
  const clusterDirs = new Set<string>();
  for (const f of files) {
    const m = /^((?:.*\/)?clusters\/[^/]+)\//.exec(f.path);
    if (m && (f.role === 'manifest' || f.role === 'kustomization')) clusterDirs.add(m[1]!);
  }
  if (clusterDirs.size > 0) {
    return { entryPoints: [...clusterDirs].sort().map((path) => ({ path, source: 'clusters-folder', appliedBy: undefined })), diagnostics };
  }
  const targets = raw.map((k) => k.path).filter((p): p is string => p !== undefined);
  const dirs = new Set<string>();
  for (const k of raw) {
    const dir = dirname(k.file);
    if (!targets.some((t) => isInside(k.file, t))) dirs.add(dir);
  }
  return { entryPoints: [...dirs].sort().map((path) => ({ path, source: 'flux-kustomization', appliedBy: undefined })), diagnostics };
}
