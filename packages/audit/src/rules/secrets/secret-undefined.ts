import { describeResource, formatFieldPath, isCoreSecret, resourceKey } from '@kustodian/manifest-model';
import type { Reference, SecretDefinition } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

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
    const seen = new Set<string>();
    for (const ref of model.references.all) {
      if (!isCoreSecret(ref.to) || ref.defines || ref.optional || ref.to.namespace === undefined || !isDemand(ref)) continue;
      const namespace = ref.to.namespace;
      const consumer = model.secrets.consumers(namespace, ref.to.name).find((c) => c.reference === ref);
      if (!consumer?.referrer) continue;
      const definitions = definitionsFor(ref, model.secrets.definitions(namespace, ref.to.name));
      if (definitions.length > 0) continue;
      const key = `${describeResource(ref.from)}|${namespace}/${ref.to.name}|${formatFieldPath(ref.path)}|${ref.location.file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const data = { namespace, name: ref.to.name, referrer: describeResource(ref.from), field: formatFieldPath(ref.path) };
      const resource = consumer.referrer;
      const elsewhere = model.secrets.definedElsewhere(ref.to.name, namespace);
      if (elsewhere.length > 0) {
        report({ messageId: 'wrongNamespace', data: { ...data, definedIn: elsewhere.join(', ') }, location: ref.location, resource });
      } else {
        report({ messageId: 'missing', data, location: ref.location, resource });
      }
    }
  },
});
