import { describeResource, locateResourceField } from '@kustodian/manifest-model';
import type { NamespaceOrigin, Resource, SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

const ORIGIN_WORDING: Readonly<Record<NamespaceOrigin, string>> = {
  explicit: 'its metadata.namespace',
  kustomize: 'the namespace: of a kustomization',
  'flux-target-namespace': 'the targetNamespace of the Flux Kustomization',
  'implicit-default': 'no namespace set anywhere',
  'cluster-scoped': 'nothing',
};

/** The line that puts the resource in its namespace: metadata.namespace when the manifest sets it, else metadata.name. */
function namespaceLocation(resource: Resource): SourceLocation {
  return locateResourceField(resource, resource.namespaceOrigin === 'explicit' ? ['metadata', 'namespace'] : ['metadata', 'name']);
}

export default defineRule({
  id: 'namespace-forbidden',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'error',
    summary: 'A resource is deployed to a namespace that kustodian.yaml forbids.',
    rationale:
      'Some namespaces should hold nothing from git: `default` (where everything nobody placed ends up, shared by every kubectl session), `kube-system` (k3s’s own components, replaced on upgrades), or a namespace being emptied for a migration. List them under `namespaces.forbidden` in kustodian.yaml; with no list, the rule reports nothing.',
    fix: 'Move the resource to the namespace of its application (metadata.namespace, the kustomization `namespace:` or the Flux targetNamespace), or remove the namespace from `namespaces.forbidden`.',
    messages: {
      forbidden: '{{resource}} is deployed to the forbidden namespace {{namespace}} (by {{origin}}).',
    },
    examples: {
      invalid: [
        {
          title: 'A Deployment in default, with default forbidden',
          repo: {
            'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n',
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n',
          },
        },
      ],
      valid: [
        {
          title: 'The same Deployment in its own namespace',
          repo: {
            'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n',
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n',
          },
        },
      ],
    },
  },
  check({ model, config, report }) {
    const forbidden = new Set(config.namespaces.forbidden);
    if (forbidden.size === 0) return;
    for (const resource of model.resources) {
      if (resource.appliedBy.length === 0 || resource.namespace === undefined || !forbidden.has(resource.namespace)) continue;
      report({
        messageId: 'forbidden',
        data: {
          resource: describeResource({ kind: resource.kind, name: resource.name, namespace: undefined }),
          namespace: resource.namespace,
          origin: ORIGIN_WORDING[resource.namespaceOrigin],
        },
        location: namespaceLocation(resource),
        resource,
      });
    }
  },
});
