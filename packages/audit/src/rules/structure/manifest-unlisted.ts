import { dirname, isRecord, metadataOf } from '@kustodian/manifest-model';
import type { BuildUnitSummary, RepositoryModel } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

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

function describeObjects(objects: readonly string[]): string {
  if (objects.length === 1) return objects[0]!;
  return `${objects[0]} and ${objects.length - 1} more object${objects.length > 2 ? 's' : ''}`;
}

export default defineRule({
  id: 'manifest-unlisted',
  meta: {
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A manifest file sits in a folder whose kustomization.yaml does not list it.',
    rationale:
      'When a folder has a kustomization.yaml, kustomize (and Flux) build exactly what it lists: a manifest dropped next to it and never added to `resources` is silently left out. It looks deployed in git, but its objects never reach the cluster, and whatever depends on them fails in ways that point elsewhere. Files that the build reads in another way (patches, generator sources, components) and kustomize configuration files are not reported.',
    fix: 'Add the file to the `resources` of the kustomization.yaml next to it, or move it out of the folder (or delete it) if it is not meant to be applied.',
    messages: {
      unlisted: '{{file}} is not listed in {{kustomization}}; kustomize leaves it out, so the cluster never gets {{objects}}.',
    },
    examples: {
      invalid: [
        {
          title: 'A Flux Kustomization added to clusters/home but not to its kustomization.yaml',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - apps.yaml\n',
            'clusters/home/apps.yaml':
              'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
            'clusters/home/monitoring.yaml':
              'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: monitoring\n  namespace: flux-system\nspec:\n  path: ./monitoring\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
            'apps/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n',
            'monitoring/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
          },
        },
      ],
      valid: [
        {
          title: 'Every manifest listed, a patch file read through patches',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - deployment.yaml\npatches:\n  - path: replicas-patch.yaml\n',
            'clusters/home/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
            'clusters/home/replicas-patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 2\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const u of unlistedManifests(model)) {
      report({
        messageId: 'unlisted',
        data: { file: u.file, kustomization: u.kustomization, objects: describeObjects(u.objects) },
        location: { file: u.file, line: 1, column: 1 },
      });
    }
  },
});
