import { dirname, isFluxKustomization, isRecord, joinPath, locateResourceField } from '@kustodian/manifest-model';
import type { Diagnostic, RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

/** Target fields in the order the model describes them (`kind=Deployment, name=web`). */
const TARGET_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];

function describeTarget(target: Readonly<Record<string, unknown>>): string {
  return TARGET_FIELDS.filter((k) => typeof target[k] === 'string' && target[k] !== '')
    .map((k) => `${k}=${target[k] as string}`)
    .join(', ');
}

/** The `k=v, ...` target of a "patch target (...) matches no object" diagnostic, or undefined for other patch diagnostics. */
function targetOf(d: Diagnostic): string | undefined {
  return /^patch target \((.*)\) matches no object/.exec(d.message)?.[1];
}

function firstDocument(model: RepositoryModel, file: string): Record<string, unknown> | undefined {
  const value = model.store.documents(file)?.[0]?.value;
  return isRecord(value) ? value : undefined;
}

/**
 * True when the kustomization lists a resource file with no object in it: a
 * placeholder filled outside git (Flux bootstrap writes gotk-components.yaml),
 * so what its patches target cannot be known.
 */
function listsPlaceholder(model: RepositoryModel, kustomizationFile: string): boolean {
  const resources = firstDocument(model, kustomizationFile)?.['resources'];
  if (!Array.isArray(resources)) return false;
  return resources.some((entry) => {
    if (typeof entry !== 'string') return false;
    const path = joinPath(dirname(kustomizationFile), entry);
    if (path === undefined || model.fs.stat(path) !== 'file') return false;
    return !(model.store.documents(path) ?? []).some((doc) => isRecord(doc.value) && typeof doc.value['kind'] === 'string');
  });
}

/** The Flux Kustomization whose document starts at the location (patches of a Flux Kustomization are reported there). */
function fluxKustomizationAt(model: RepositoryModel, at: SourceLocation): Resource | undefined {
  return model.resources.find(
    (r) => isFluxKustomization(r.apiVersion, r.kind) && r.location.file === at.file && r.location.line === at.line && r.location.column === at.column,
  );
}

/** The line of the Flux Kustomization's `spec.patches[i].target` that the diagnostic describes. */
function locateFluxTarget(ks: Resource, target: string): SourceLocation {
  const patches = (ks.body['spec'] as Record<string, unknown> | undefined)?.['patches'];
  if (Array.isArray(patches)) {
    const i = patches.findIndex((p) => isRecord(p) && isRecord(p['target']) && describeTarget(p['target']) === target);
    if (i >= 0) return locateResourceField(ks, ['spec', 'patches', i, 'target']);
  }
  return ks.location;
}

/** A target without a name selects by kind or label: written for many units, it is no defect when one of them has no such object. */
function isGeneric(target: string): boolean {
  return !/(^|, )name=/.test(target);
}

export default defineRule({
  id: 'patch-target-missing',
  meta: {
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A patch targets an object that the kustomization does not build.',
    rationale:
      'A patch with a `target` that matches nothing is skipped without a word: the replica count, the resource limit or the extra argument it carries never reaches the cluster, usually because the object was renamed or moved. A strategic merge patch without a target, or a `replicas` entry, that matches nothing stops the kustomize build (reported with severity error), so Flux applies nothing of the folder. Patches without a name in their target, in a Component or a Flux Kustomization, are meant for many folders and are not reported where one folder has no such object; nor are patches of a kustomization that lists a placeholder file (such as a gotk-components.yaml that bootstrap fills).',
    fix: 'Make the patch target the object as it is named now (kind, name, namespace after namePrefix/namespace), or remove the patch.',
    messages: {
      noMatch: 'Patch target ({{target}}) matches no object that this kustomization builds, so the patch changes nothing.',
      fluxNoMatch: 'Patch target ({{target}}) of Flux Kustomization {{name}} matches no object it applies, so the patch changes nothing.',
      buildStops: '{{detail}}; Flux applies nothing of {{folder}}.',
    },
    examples: {
      invalid: [
        {
          title: 'A patch that still names the Deployment by its old name',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml':
              'resources:\n  - deployment.yaml\npatches:\n  - target:\n      kind: Deployment\n      name: website\n    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: 3\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 1\n',
          },
        },
      ],
      valid: [
        {
          title: 'The patch targets the Deployment the folder builds',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml':
              'resources:\n  - deployment.yaml\npatches:\n  - target:\n      kind: Deployment\n      name: web\n    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: 3\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 1\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const d of model.diagnostics) {
      if (d.code !== 'kustomize-patch-target-missing') continue;
      // A kustomization file that nothing applies is reported as a whole by kustomization-unapplied.
      if ((model.fileAppliedBy.get(d.location.file)?.length ?? 0) === 0) continue;
      const location = { file: d.location.file, line: d.location.line, column: d.location.column };
      const target = targetOf(d);
      const ks = fluxKustomizationAt(model, d.location);
      if (ks) {
        const name = `${ks.namespace}/${ks.name}`;
        if (target === undefined) {
          report({ messageId: 'buildStops', data: { detail: d.message, folder: `Flux Kustomization ${name}` }, location, resource: ks, severity: 'error' });
          continue;
        }
        if (isGeneric(target)) continue;
        report({ messageId: 'fluxNoMatch', data: { target, name }, location: locateFluxTarget(ks, target), resource: ks });
        continue;
      }
      if (listsPlaceholder(model, d.location.file)) continue;
      if (target === undefined) {
        report({ messageId: 'buildStops', data: { detail: d.message, folder: dirname(d.location.file) || '.' }, location, severity: 'error' });
        continue;
      }
      if (isGeneric(target) && firstDocument(model, d.location.file)?.['kind'] === 'Component') continue;
      report({ messageId: 'noMatch', data: { target }, location });
    }
  },
});
