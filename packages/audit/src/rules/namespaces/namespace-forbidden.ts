import { describeResource, locateField, locateResourceField } from '@kustodian/manifest-model';
import type { RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

/** Where a resource's namespace is set, when that is not the resource itself: a kustomization `namespace:` or a Flux `targetNamespace`. */
interface NamespaceSetter {
  readonly messageId: 'kustomization' | 'targetNamespace';
  readonly location: SourceLocation;
  readonly by: string;
}

/** The outermost kustomization of the resource's chain that sets its namespace (kustomize lets the outer one win). */
function kustomizationSetting(model: RepositoryModel, resource: Resource): NamespaceSetter | undefined {
  for (const file of [...resource.chain].reverse()) {
    for (const doc of model.store.documents(file) ?? []) {
      const value = doc.value as Record<string, unknown> | null;
      if (value && typeof value === 'object' && value['namespace'] === resource.namespace) {
        return { messageId: 'kustomization', location: locateField(doc, ['namespace']), by: file };
      }
    }
  }
  return undefined;
}

/** The Flux Kustomization applying the resource whose targetNamespace puts it there. */
function targetNamespaceSetting(model: RepositoryModel, resource: Resource): NamespaceSetter | undefined {
  for (const ks of model.fluxKustomizations) {
    if (!resource.appliedBy.includes(ks.key) || ks.targetNamespace !== resource.namespace) continue;
    const own = model.find(ks.id).find((r) => r.origin.type === 'document');
    return { messageId: 'targetNamespace', location: own ? locateResourceField(own, ['spec', 'targetNamespace']) : ks.location, by: ks.key };
  }
  return undefined;
}

export default defineRule({
  id: 'namespace-forbidden',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'error',
    summary: 'A resource is deployed to a namespace that kustodian.yaml forbids.',
    rationale:
      'Some namespaces should hold nothing from git: `default` (where everything nobody placed ends up, shared by every kubectl session), `kube-system` (k3s’s own components, replaced on upgrades), or a namespace being emptied for a migration. List them under `namespaces.forbidden` in kustodian.yaml; with no list, the rule reports nothing. A namespace set by a kustomization `namespace:` or a Flux `targetNamespace` is reported once, at that line, with the number of resources it puts there; one set in the manifest is reported at its `metadata.namespace`.',
    fix: 'Move the resources to the namespace of their application (metadata.namespace, the kustomization `namespace:` or the Flux targetNamespace), or remove the namespace from `namespaces.forbidden`.',
    messages: {
      forbidden: '{{resource}} is deployed to the forbidden namespace {{namespace}} ({{origin}}).',
      kustomization: 'This kustomization puts {{count}} in the forbidden namespace {{namespace}} ({{example}}).',
      targetNamespace: 'The targetNamespace of Flux Kustomization {{by}} puts {{count}} in the forbidden namespace {{namespace}} ({{example}}).',
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
    // A namespace set by a kustomization or a Flux targetNamespace is reported once, where it is set.
    const bySetter = new Map<string, { setter: NamespaceSetter; namespace: string; resources: Resource[] }>();
    for (const resource of model.resources) {
      const namespace = resource.namespace;
      if (resource.appliedBy.length === 0 || namespace === undefined || !forbidden.has(namespace)) continue;
      // No namespace from anywhere is namespace-implicit's finding (an error there when default is forbidden): one cause, one finding.
      if (resource.namespaceOrigin === 'implicit-default') continue;
      const setter =
        resource.namespaceOrigin === 'kustomize' ? kustomizationSetting(model, resource) : resource.namespaceOrigin === 'flux-target-namespace' ? targetNamespaceSetting(model, resource) : undefined;
      if (setter) {
        const key = `${setter.location.file}:${setter.location.line}:${namespace}`;
        const entry = bySetter.get(key) ?? bySetter.set(key, { setter, namespace, resources: [] }).get(key)!;
        entry.resources.push(resource);
        continue;
      }
      const explicit = resource.namespaceOrigin === 'explicit';
      report({
        messageId: 'forbidden',
        data: {
          resource: describeResource({ kind: resource.kind, name: resource.name, namespace: undefined }),
          namespace,
          origin: explicit ? 'its metadata.namespace' : resource.namespaceOrigin === 'kustomize' ? 'set by a kustomization' : 'set by a Flux targetNamespace',
        },
        location: locateResourceField(resource, explicit ? ['metadata', 'namespace'] : ['metadata', 'name']),
        resource,
      });
    }
    for (const { setter, namespace, resources } of bySetter.values()) {
      const first = resources[0]!;
      const data = {
        namespace,
        count: resources.length === 1 ? '1 resource' : `${resources.length} resources`,
        example: `${describeResource({ kind: first.kind, name: first.name, namespace: undefined })}${resources.length > 1 ? ', …' : ''}`,
      };
      if (setter.messageId === 'kustomization') report({ messageId: 'kustomization', data, location: setter.location });
      else report({ messageId: 'targetNamespace', data: { ...data, by: setter.by }, location: setter.location });
    }
  },
});
