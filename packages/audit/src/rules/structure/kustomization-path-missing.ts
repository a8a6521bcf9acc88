import { dirname } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

export default defineRule({
  id: 'kustomization-path-missing',
  meta: {
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A kustomization entry or a Flux Kustomization spec.path names a path that does not exist.',
    rationale:
      'kustomize stops at the first `resources`, `components` or `patches` entry it cannot load (a file or folder that is not there, a folder without a kustomization file), and Flux stops a Kustomization whose `spec.path` is missing. Either way Flux applies nothing of that Kustomization, marks it not ready, and everything that `dependsOn` it waits: one renamed folder can hold back a whole cluster. Kustomization files that nothing applies are left to kustomization-unapplied.',
    fix: 'Point the entry (or spec.path) at the path as it is now, restore the missing file or folder, or remove the entry.',
    messages: {
      kustomizeEntry: '{{detail}}; the build of {{folder}} fails, so Flux applies none of it.',
      fluxPath: '{{detail}}; the Flux Kustomization fails and applies nothing.',
    },
    examples: {
      invalid: [
        {
          title: 'A resource renamed on disk but not in the kustomization',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
            'apps/web/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: web\n',
          },
        },
      ],
      valid: [
        {
          title: 'Every listed path exists',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const d of model.diagnostics) {
      if (d.code !== 'kustomize-path-missing' && d.code !== 'flux-path-missing') continue;
      // A kustomization file that nothing applies is reported as a whole by kustomization-unapplied.
      if ((model.fileAppliedBy.get(d.location.file)?.length ?? 0) === 0) continue;
      const location = { file: d.location.file, line: d.location.line, column: d.location.column };
      if (d.code === 'flux-path-missing') {
        report({ messageId: 'fluxPath', data: { detail: d.message }, location });
      } else {
        report({ messageId: 'kustomizeEntry', data: { detail: d.message, folder: dirname(d.location.file) || '.' }, location });
      }
    }
  },
});
