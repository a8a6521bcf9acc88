import type { KustodianConfig } from '@kustodian/manifest-model';
import picomatch from 'picomatch';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { dirname } from '@kustodian/manifest-model';

/** Where READMEs go when kustodian.yaml sets no `docs.roots`: the usual platform layouts. */
export const DEFAULT_DOC_ROOTS: readonly string[] = [
  'applications/*',
  'apps/*',
  'cluster/apps/*/*',
  'infra/*',
  'infrastructure/*',
  'kubernetes/apps/*/*',
  'platform/*',
  'services/*',
  'system/*',
  'tenants/*',
];

/** `docs.roots` of kustodian.yaml, else the defaults. */
export function docRoots(config: KustodianConfig): readonly string[] {
  return config.docs.roots ?? DEFAULT_DOC_ROOTS;
}

/** `path` is `folder` or inside it. */
export function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/** Every folder of the repository that holds a file, with its ancestors. */
function folders(model: RepositoryModel): Set<string> {
  const out = new Set<string>();
  for (const file of model.files) {
    for (let dir = dirname(file.path); dir !== '' && !out.has(dir); dir = dirname(dir)) out.add(dir);
  }
  return out;
}

/**
 * Folders that get a README: they match a root glob, and a Flux Kustomization
 * applies something in them (a file, or an object built from them) or they
 * already have generated docs (which then say that nothing applies them).
 * With `fluxApplied` (no `docs.roots` configured), also the folders Flux
 * Kustomizations apply outside those globs: the outermost of them, where no
 * documented folder is above or below.
 */
export function documentedFolders(
  model: RepositoryModel,
  roots: readonly string[],
  hasGeneratedDocs: (folder: string) => boolean = () => false,
  options: { readonly fluxApplied?: boolean } = {},
): string[] {
  const matches = picomatch(roots.map((r) => r.replace(/^\.\//, '').replace(/\/+$/, '')), { dot: false });
  const applied = [
    ...[...model.fileAppliedBy].filter(([, by]) => by.length > 0).map(([file]) => file),
    ...model.resources.filter((r) => r.appliedBy.length > 0).flatMap((r) => [r.location.file, `${r.unit}/`]),
  ];
  const documented = [...folders(model)].filter((folder) => matches(folder)).filter((folder) => applied.some((path) => path.startsWith(`${folder}/`)) || hasGeneratedDocs(folder));
  if (options.fluxApplied) {
    // The folders Flux Kustomizations apply, wherever the repository keeps them, unless a folder above or below one is documented already.
    const entries = new Set(model.entryPoints.map((e) => e.path));
    const targets = [...new Set(model.fluxKustomizations.map((k) => k.path).filter((p): p is string => p !== undefined && p !== '' && !entries.has(p)))];
    const nested = (a: string, b: string) => isWithin(a, b) || isWithin(b, a);
    for (const target of targets.sort()) {
      if (documented.some((d) => nested(d, target)) || targets.some((t) => t !== target && isWithin(target, t) && !documented.some((d) => nested(d, t)))) continue;
      if (applied.some((path) => path.startsWith(`${target}/`))) documented.push(target);
    }
  }
  return [...new Set(documented)].sort();
}
