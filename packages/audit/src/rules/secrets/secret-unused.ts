import { ANY_NAMESPACE, locateResourceField } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

export default defineRule({
  id: 'secret-unused',
  meta: {
    category: 'secrets',
    defaultSeverity: 'warning',
    summary: 'A Secret is applied from git but nothing refers to it.',
    rationale:
      'A Secret that nothing reads is usually left over from a change (an app that moved to another Secret, a feature switched off): it still holds live credentials, gets copied into every backup and is rotated by nobody, and the next person cannot tell whether it is safe to delete. A Secret counts as used when any object in the repository refers to it (pods, HelmRelease valuesFrom and values, Flux decryption and source auth, cert-manager, Traefik, Longhorn, External Secrets, ServiceAccounts …), when a custom resource names it under a Secret-like key, or when a controller finds it by type, label or annotation (service-account tokens, Argo CD repository Secrets, CloudNativePG reload, Grafana sidecar labels, reflector and replicator copies, alertmanager-<name>).',
    fix: 'Delete the Secret (and revoke what it holds) if nothing needs it any more, or refer to it from the object that should use it.',
    messages: {
      unused: 'Secret {{secret}} is applied{{encrypted}} but nothing in the repository refers to it.',
      unusedCreated: 'Secret {{secret}} is created by {{where}} but nothing Flux applies reads it: a command left behind by a rename, or a Secret no longer needed.',
    },
    related: {
      creator: 'Every other command (script, Taskfile, doc) that creates the same Secret.',
    },
    examples: {
      invalid: [
        {
          title: 'A Secret left over after the app stopped reading it',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - secret.yaml\n',
            'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: old-smtp\n  namespace: web\nstringData:\n  PASSWORD: ${SMTP_PASSWORD}\n',
          },
        },
      ],
      valid: [
        {
          title: 'A Secret that a Deployment reads',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
            'apps/web/kustomization.yaml': 'resources:\n  - secret.yaml\n  - deployment.yaml\n',
            'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\nstringData:\n  TOKEN: ${WEB_TOKEN}\n',
            'apps/web/deployment.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom:\n            - secretRef:\n                name: web-env\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const secret of model.secrets.unused()) {
      report({
        messageId: 'unused',
        data: { secret: `${secret.namespace}/${secret.name}`, encrypted: secret.sops ? ' (SOPS-encrypted)' : '' },
        location: locateResourceField(secret, ['metadata', 'name']),
        resource: secret,
      });
    }
    for (const created of model.secrets.unusedCreated()) {
      const [first, ...others] = created.creators;
      const anyNamespace = created.namespace === ANY_NAMESPACE;
      report({
        messageId: 'unusedCreated',
        data: {
          secret: anyNamespace ? `${created.name} (in the context’s namespace)` : `${created.namespace}/${created.name}`,
          where: `${first!.file}:${first!.line}${others.length > 0 ? ` (and ${others.length} more ${others.length === 1 ? 'place' : 'places'})` : ''}`,
        },
        location: first!,
        resource: { apiVersion: 'v1', kind: 'Secret', namespace: anyNamespace ? null : created.namespace, name: created.name },
        related: others.map((location) => ({ role: 'creator', location })),
      });
    }
  },
});
