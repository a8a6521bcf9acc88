import { defineRule } from '../../engine/define-rule.js';
import { unlistedManifests } from './structure-utils.js';

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
