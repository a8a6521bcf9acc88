import type { RepositoryModel, Resource } from '@kustodian/manifest-model';
import { loadRepository, MemoryFileSystem } from '@kustodian/manifest-model';

/** A Flux Kustomization in clusters/home applying `path` (a repository folder). */
export function fluxKustomization(name: string, path: string, extra = ''): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${extra}`;
}

/**
 * A repository whose entry point clusters/home applies one Flux
 * Kustomization per folder given, plus the files given.
 */
export function memoryRepo(folders: Readonly<Record<string, string>>, files: Readonly<Record<string, string>>): MemoryFileSystem {
  const ks = Object.entries(folders).map(([name, path]) => fluxKustomization(name, path));
  return new MemoryFileSystem({
    'clusters/home/kustomization.yaml': 'resources:\n  - flux.yaml\n',
    'clusters/home/flux.yaml': ks.join('---\n'),
    ...files,
  });
}

export function modelOf(folders: Readonly<Record<string, string>>, files: Readonly<Record<string, string>>): RepositoryModel {
  return loadRepository(memoryRepo(folders, files));
}

/** The applied object of that kind and name. */
export function resourceOf(model: RepositoryModel, kind: string, name: string): Resource {
  const found = model.resources.find((r) => r.kind === kind && r.name === name && r.appliedBy.length > 0);
  if (!found) throw new TypeError(`no applied ${kind} ${name}; diagnostics: ${model.diagnostics.map((d) => d.message).join('; ')}`);
  return found;
}
