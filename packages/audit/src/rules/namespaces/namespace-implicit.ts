import { describeResource, locateResourceField } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

export default defineRule({
  id: 'namespace-implicit',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'warning',
    summary: 'A namespaced resource gets no namespace from its manifest, a kustomization or the Flux Kustomization that applies it.',
    rationale:
      'Without `metadata.namespace`, a kustomization `namespace:` or a Flux `targetNamespace`, the object is created in `default`. Nobody chose that: a PodDisruptionBudget or a NetworkPolicy there matches no pod, a Secret there is invisible to the workload that needs it, and two apps can overwrite each other. It usually happens when a file is moved to a folder without a kustomization.yaml, or when a Flux Kustomization loses its targetNamespace.',
    fix: 'Set `metadata.namespace` in the manifest, or `namespace:` in the folder’s kustomization.yaml, or `spec.targetNamespace` on the Flux Kustomization.',
    messages: {
      implicit: '{{resource}} gets no namespace from its manifest, a kustomization or {{applier}}, so it lands in the default namespace.',
      implicitForbidden: '{{resource}} gets no namespace from its manifest, a kustomization or {{applier}}, so it lands in the default namespace, which kustodian.yaml forbids (namespaces.forbidden).',
    },
    examples: {
      invalid: [
        {
          title: 'A PodDisruptionBudget in a folder that Flux applies without a targetNamespace',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/redis\n',
            'apps/redis/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - pdb.yaml\n',
            'apps/redis/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\n  namespace: database\n',
            'apps/redis/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: redis\nspec:\n  maxUnavailable: 1\n',
          },
        },
      ],
      valid: [
        {
          title: 'The kustomization sets the namespace for every object',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/redis\n',
            'apps/redis/kustomization.yaml': 'namespace: database\nresources:\n  - pdb.yaml\n',
            'apps/redis/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: redis\nspec:\n  maxUnavailable: 1\n',
          },
        },
      ],
    },
  },
  check({ model, config, report }) {
    const forbidden = config.namespaces.forbidden.includes('default');
    for (const resource of model.resources) {
      if (resource.appliedBy.length === 0 || resource.namespaceOrigin !== 'implicit-default') continue;
      const fluxApplier = resource.appliedBy.find((a) => !a.startsWith('entry:'));
      const data = {
        resource: describeResource({ kind: resource.kind, name: resource.name, namespace: undefined }),
        applier: fluxApplier ? `the Flux Kustomization ${fluxApplier}` : 'the entry point that applies it',
      };
      const at = { location: locateResourceField(resource, ['metadata', 'name']), resource };
      // Under a policy that forbids default, landing there is an error, reported here rather than by namespace-forbidden as well.
      if (forbidden) report({ messageId: 'implicitForbidden', data, ...at, severity: 'error' });
      else report({ messageId: 'implicit', data, ...at });
    }
  },
});
