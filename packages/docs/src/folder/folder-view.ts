import type { FluxKustomization, RepositoryModel, Resource } from '@kustodian/manifest-model';
import { resourceKey } from '@kustodian/manifest-model';
import { isWithin } from '../documented-folders.js';
import { compareText } from '../compare-text.js';

/** What a documented folder puts in the cluster, and which Flux Kustomizations put it there. */
export interface FolderView {
  readonly folder: string;
  /** Applied objects defined in the folder or built from it, one per identity, sorted by kind, namespace, name. */
  readonly resources: readonly Resource[];
  /** Every applied build of them: an object that several overlays apply differently appears once per build. */
  readonly builds: readonly Resource[];
  /** Flux Kustomizations that apply something of the folder, sorted by key. */
  readonly appliedBy: readonly FluxKustomization[];
}

function compareResources(a: Resource, b: Resource): number {
  return compareText(a.kind, b.kind) || compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.name, b.name);
}

export function folderView(model: RepositoryModel, folder: string): FolderView {
  const byId = new Map<string, Resource>();
  const appliers = new Set<string>();
  const builds: Resource[] = [];
  for (const resource of model.resources) {
    if (resource.appliedBy.length === 0) continue;
    if (!isWithin(resource.location.file, folder) && !isWithin(resource.unit, folder)) continue;
    builds.push(resource);
    const key = resourceKey(resource.id);
    const known = byId.get(key);
    // The same object from several builds (overlays): keep the one defined first in the folder.
    if (!known || `${resource.location.file}:${resource.location.line}` < `${known.location.file}:${known.location.line}`) byId.set(key, resource);
    for (const ks of resource.appliedBy) appliers.add(ks);
  }
  for (const [file, by] of model.fileAppliedBy) if (isWithin(file, folder)) for (const ks of by) appliers.add(ks);
  return {
    folder,
    resources: [...byId.values()].sort(compareResources),
    builds: builds.sort(compareResources),
    appliedBy: model.fluxKustomizations.filter((ks) => appliers.has(ks.key)).sort((a, b) => compareText(a.key, b.key)),
  };
}
