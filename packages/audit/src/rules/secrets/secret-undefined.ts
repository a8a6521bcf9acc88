import { compareLocations, describeResource, formatFieldPath, isCoreSecret, resourceKey } from '@kustodian/manifest-model';
import type { Reference, Resource, SecretDefinition } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import type { RelatedInput } from '../../engine/finding.js';

/** A reference that is not a demand for a Secret someone must create: a ServiceAccount's `secrets` list only names the Secrets its pods may mount (token Secrets of old clusters). */
function isDemand(ref: Reference): boolean {
  return !(ref.via === 'service-account' && ref.path[0] === 'secrets');
}

/**
 * Definitions that make the Secret exist for this reference. A HelmRelease's
 * own values are not excused by its chart: `existingSecret` and the like name
 * a Secret the user must create.
 */
function definitionsFor(ref: Reference, definitions: readonly SecretDefinition[]): SecretDefinition[] {
  return definitions.filter((d) => !(d.type === 'helm-chart' && resourceKey(d.release) === resourceKey(ref.from)));
}

export default defineRule({
  id: 'secret-undefined',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    summary: 'A Secret is referenced but nothing defines it in that namespace.',
    rationale:
      'A pod whose env or volume needs a missing Secret stays in CreateContainerConfigError or ContainerCreating; a HelmRelease whose valuesFrom names one never installs; a Flux Kustomization whose decryption or substituteFrom Secret is missing stops applying everything it owns. A Secret counts as defined when the repository has a manifest, a SOPS file or a secretGenerator for it (applied by Flux or by hand, as a bootstrap folder is), when something creates it (ExternalSecret, SealedSecret, a cert-manager Certificate or annotated Ingress, an operator resource such as a CloudNativePG Cluster, a copy annotation of reflector or replicator, a Kyverno generate rule), when a script or doc creates it with `kubectl create secret` or `flux create secret`, or when kustodian.yaml declares it under secrets.external. A Secret named after a Helm release of its namespace (`<release>` or `<release>-…`) is taken as created by that chart when another object reads it; the `existingSecret`-style values of a HelmRelease itself are still checked, since they name a Secret the user must create. Only references made by objects that Flux applies are checked, and optional references are skipped. A Secret of that name in another namespace does not help: Secrets are only visible in their own namespace.',
    fix: 'Add the Secret (encrypted with sops) or the object that creates it in the namespace of the reference; fix the name or namespace of the reference; or, when it is created outside git, declare it under secrets.external in kustodian.yaml.',
    messages: {
      missing: 'Secret {{namespace}}/{{name}} is referenced by {{referrer}} ({{field}}) but nothing defines it.',
      wrongNamespace: 'Secret {{namespace}}/{{name}} is referenced by {{referrer}} ({{field}}), but {{name}} is defined in namespace {{definedIn}}, not {{namespace}}.',
      missingMany: 'Secret {{namespace}}/{{name}} is referenced by {{referrer}} ({{field}}) and {{others}} more places, but nothing defines it.',
      wrongNamespaceMany: 'Secret {{namespace}}/{{name}} is referenced by {{referrer}} ({{field}}) and {{others}} more places, but {{name}} is defined in namespace {{definedIn}}, not {{namespace}}.',
    },
    related: {
      target: 'The missing Secret, at the reference the finding is reported at.',
      consumer: 'Every other object that needs it (the finding is reported once for all of them).',
      definition: 'A Secret of the same name in another namespace, when there is one.',
    },
    examples: {
      invalid: [
        {
          title: 'A Deployment reading a Secret that no file defines',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
            'apps/web/deployment.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom:\n            - secretRef:\n                name: web-env\n',
          },
        },
      ],
      valid: [
        {
          title: 'The Secret is defined next to the Deployment',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - secret.sops.yaml\n',
            'apps/web/deployment.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom:\n            - secretRef:\n                name: web-env\n',
            'apps/web/secret.sops.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\nstringData:\n  TOKEN: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    // One root cause, one finding: a missing Secret is reported once, at its first reference, with every other consumer related.
    const missing = new Map<string, { namespace: string; name: string; demands: { ref: Reference; referrer: Resource }[] }>();
    const seen = new Set<string>();
    for (const ref of model.references.all) {
      if (!isCoreSecret(ref.to) || ref.defines || ref.optional || ref.to.namespace === undefined || !isDemand(ref)) continue;
      const namespace = ref.to.namespace;
      const consumer = model.secrets.consumers(namespace, ref.to.name).find((c) => c.reference === ref);
      if (!consumer?.referrer) continue;
      if (definitionsFor(ref, model.secrets.definitions(namespace, ref.to.name)).length > 0) continue;
      const key = `${describeResource(ref.from)}|${namespace}/${ref.to.name}|${formatFieldPath(ref.path)}|${ref.location.file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const secretKey = `${namespace}/${ref.to.name}`;
      let group = missing.get(secretKey);
      if (!group) missing.set(secretKey, (group = { namespace, name: ref.to.name, demands: [] }));
      group.demands.push({ ref, referrer: consumer.referrer });
    }
    for (const { namespace, name, demands } of missing.values()) {
      const [first, ...others] = [...demands].sort((a, b) => compareLocations(a.ref.location, b.ref.location));
      const data = { namespace, name, referrer: describeResource(first!.ref.from), field: formatFieldPath(first!.ref.path) };
      const elsewhere = model.secrets.definedElsewhere(name, namespace);
      const related: RelatedInput[] = [
        { role: 'target', location: first!.ref.location, resource: { apiVersion: 'v1', kind: 'Secret', namespace, name } },
        ...others.map((d): RelatedInput => ({ role: 'consumer', location: d.ref.location, resource: d.referrer })),
        ...elsewhere.flatMap((ns) => definitionPlaces(model.secrets.definitions(ns, name))),
      ];
      const many = others.length > 0;
      const common = { location: first!.ref.location, resource: first!.referrer, related };
      if (elsewhere.length > 0) {
        const wrong = { ...data, definedIn: elsewhere.join(', ') };
        if (many) report({ messageId: 'wrongNamespaceMany', data: { ...wrong, others: others.length }, ...common });
        else report({ messageId: 'wrongNamespace', data: wrong, ...common });
      } else if (many) report({ messageId: 'missingMany', data: { ...data, others: others.length }, ...common });
      else report({ messageId: 'missing', data, ...common });
    }
  },
});

/** Where the definitions of a Secret of the same name are, as related places. */
function definitionPlaces(definitions: readonly SecretDefinition[]): RelatedInput[] {
  return definitions.flatMap((d): RelatedInput[] => {
    if (!('location' in d)) return [];
    const resource = d.type === 'manifest' || d.type === 'generator' ? d.resource : d.type === 'controller' ? d.resource : undefined;
    return [{ role: 'definition', location: d.location, resource: resource ?? null }];
  });
}
