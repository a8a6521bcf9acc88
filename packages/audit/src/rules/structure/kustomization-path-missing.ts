import { dirname } from '@kustodian/manifest-model';
import type { Diagnostic } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

export default defineRule({
  id: 'kustomization-path-missing',
  meta: {
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A kustomization entry or a Flux Kustomization spec.path names a path that does not exist.',
    rationale:
      'kustomize stops at the first `resources`, `components` or `patches` entry it cannot load (a file or folder that is not there, a folder without a kustomization file), and Flux stops a Kustomization whose `spec.path` is missing. Either way Flux applies nothing of that Kustomization, marks it not ready, and everything that `dependsOn` it waits: one renamed folder can hold back a whole cluster. In a kustomization file that nothing applies, the same entry is a warning: the build fails the day the folder is applied again (kustomization-unapplied reports the file itself).',
    fix: 'Point the entry (or spec.path) at the path as it is now, restore the missing file or folder, or remove the entry.',
    messages: {
      kustomizeEntry: '{{detail}}; the build of {{folder}} fails, so Flux applies none of it.',
      fluxPath: '{{detail}}; the Flux Kustomization fails and applies nothing.',
      kustomizeEntryUnapplied: '{{detail}}; nothing applies {{folder}} today, but its build fails as soon as something does.',
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
    // One finding per entry: a generator whose files are all missing (one line of the kustomization) is one finding listing them.
    const byPlace = new Map<string, Diagnostic[]>();
    for (const d of model.diagnostics) {
      if (d.code !== 'kustomize-path-missing' && d.code !== 'flux-path-missing') continue;
      const key = `${d.code}|${d.location.file}|${d.location.line}`;
      (byPlace.get(key) ?? byPlace.set(key, []).get(key)!).push(d);
    }
    for (const group of byPlace.values()) {
      const d = group[0]!;
      const location = { file: d.location.file, line: d.location.line, column: d.location.column };
      const folder = dirname(d.location.file) || '.';
      const detail = group.map((g) => g.message).join('; ');
      // One concept, one id: in a kustomization nothing applies it is the same problem, waiting (kustomization-unapplied reports the file as well).
      const applied = (model.fileAppliedBy.get(d.location.file)?.length ?? 0) > 0;
      if (d.code === 'flux-path-missing') report({ messageId: 'fluxPath', data: { detail }, location });
      else if (applied) report({ messageId: 'kustomizeEntry', data: { detail, folder }, location });
      // A folder Flux does not even fetch (outside every source's root, ignored) is not waiting to be applied.
      else if (model.isFetched(d.location.file)) report({ messageId: 'kustomizeEntryUnapplied', data: { detail, folder }, location, severity: 'warning' });
    }
  },
});
