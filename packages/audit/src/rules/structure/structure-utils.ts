import { dirname, isRecord, metadataOf } from '@kustodian/manifest-model';
import type { BuildUnitSummary, RepositoryModel } from '@kustodian/manifest-model';

// What the structure rules share: no rule imports another.

/** apiVersions of kustomize's own configuration (Component, generator and transformer configs, KRM function configs). */
const KUSTOMIZE_CONFIG_API = /^(builtin|([a-z0-9.-]+\.)?config\.k8s\.io\/.*|([a-z0-9.-]+\.)?config\.kubernetes\.io\/.*)$/;

/** A manifest file that a kustomization does not list, with the Kubernetes objects it holds. */
export interface UnlistedManifest {
  readonly file: string;
  /** The kustomization file of the folder. */
  readonly kustomization: string;
  /** `Kind namespace/name` of each object in the file. */
  readonly objects: readonly string[];
}

/** `Kind [namespace/]name` of each Kubernetes object (apiVersion and kind) in a file, leaving out kustomize configuration. */
function kubernetesObjects(model: RepositoryModel, file: string): string[] {
  const objects: string[] = [];
  for (const doc of model.store.documents(file) ?? []) {
    const value = doc.value;
    if (!isRecord(value)) continue;
    const apiVersion = value['apiVersion'];
    const kind = value['kind'];
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') continue;
    if (KUSTOMIZE_CONFIG_API.test(apiVersion)) continue;
    const label = kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') ? 'Flux Kustomization' : kind;
    const meta = metadataOf(value);
    const name = typeof meta['name'] === 'string' ? meta['name'] : '(unnamed)';
    const namespace = typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : '';
    objects.push(`${label} ${namespace}${name}`);
  }
  return objects;
}

/**
 * Manifest files next to an applied kustomization file that no build reads
 * and nothing applies: Kubernetes objects that kustomize leaves out
 * because the kustomization does not list them. Only files directly in the
 * folder: a sub-folder without a kustomization file is often applied on its
 * own (by a Flux Kustomization, maybe of another cluster).
 */
export function unlistedManifests(model: RepositoryModel): UnlistedManifest[] {
  const read = new Set<string>();
  for (const unit of model.units) for (const f of unit.files) read.add(f);
  const applied = new Map<string, BuildUnitSummary>();
  for (const unit of model.units) {
    if (unit.kind === 'kustomization' && unit.file !== undefined && unit.appliedBy.length > 0) applied.set(unit.path, unit);
  }
  const out: UnlistedManifest[] = [];
  for (const file of model.files) {
    if (file.role !== 'manifest' || read.has(file.path) || (model.fileAppliedBy.get(file.path)?.length ?? 0) > 0) continue;
    const unit = applied.get(dirname(file.path));
    if (!unit?.file) continue;
    const objects = kubernetesObjects(model, file.path);
    if (objects.length > 0) out.push({ file: file.path, kustomization: unit.file, objects });
  }
  return out;
}
