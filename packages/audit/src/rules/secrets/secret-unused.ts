import { isRecord, locateResourceField, metadataOf } from '@kustodian/manifest-model';
import type { RepositoryModel, Resource } from '@kustodian/manifest-model';
import { parse } from 'yaml';
import { defineRule } from '../../engine/define-rule.js';

/** Secret types that a controller fills or reads by type, whoever refers to them. */
const CONTROLLER_TYPES = new Set(['kubernetes.io/service-account-token', 'bootstrap.kubernetes.io/token']);

/** Labels and annotations by which a controller discovers Secrets (no object names them). */
const DISCOVERY_KEYS: readonly RegExp[] = [
  /^argocd\.argoproj\.io\/secret-type$/,
  /^cnpg\.io\/reload$/,
  // Grafana's sidecar (kube-prometheus-stack, grafana chart): grafana_datasource, grafana_dashboard, grafana_alert.
  /^grafana[_-]/,
  /^sealedsecrets\.bitnami\.com\/sealed-secrets-key$/,
  // Copy controllers: the Secret is used through its copies in other namespaces.
  /^reflector\.v1\.k8s\.emberstack\.com\/reflection-(allowed|auto-enabled)$/,
  /^replicator\.v1\.mittwald\.de\/(replicate-to|replication-allowed)$/,
  /^kubed\.appscode\.com\/sync$/,
];

/** A key on the way to a string that names a Secret in custom resources and values (volsync `repository`, CNPG `s3Credentials`, `passwordSecret` …). */
const SECRET_ISH_KEY = /secret|credential|password|passwd|token|auth|cert|tls|repository|kubeconfig|rcloneconfig|sshkeys/i;

function discoveredByController(secret: Resource): boolean {
  const type = secret.body['type'];
  if (typeof type === 'string' && CONTROLLER_TYPES.has(type)) return true;
  // prometheus-operator reads alertmanager-<Alertmanager name> by convention.
  if (secret.name.startsWith('alertmanager-')) return true;
  const meta = metadataOf(secret.body);
  const keys = [...Object.keys(isRecord(meta['labels']) ? meta['labels'] : {}), ...Object.keys(isRecord(meta['annotations']) ? meta['annotations'] : {})];
  return keys.some((key) => DISCOVERY_KEYS.some((pattern) => pattern.test(key)));
}

/** Where a resource's same-namespace names resolve: a HelmRelease's chart namespace, else its own; undefined for cluster-scoped ones (any namespace). */
function scopeNamespace(resource: Resource): string | undefined {
  if (resource.id.group === 'helm.toolkit.fluxcd.io' && resource.kind === 'HelmRelease') {
    const spec = resource.body['spec'];
    const target = isRecord(spec) ? spec['targetNamespace'] : undefined;
    if (typeof target === 'string' && target.trim() !== '') return target.trim();
  }
  return resource.namespace;
}

/** Largest block text read as YAML (Helm values files in ConfigMaps, config files): bigger ones are dashboards and the like. */
const MAX_EMBEDDED_YAML = 64 * 1024;

/** A multi-line string read as YAML or JSON (values.yaml in a ConfigMap a HelmRelease reads); undefined when it is neither. */
function embeddedYaml(text: string): unknown {
  if (text.length > MAX_EMBEDDED_YAML || !text.includes(':')) return undefined;
  try {
    return parse(text, { maxAliasCount: 100, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return undefined;
  }
}

/**
 * `namespace/name` (or `*\/name` for any namespace) of every Secret name that
 * objects mention where the model indexes no reference: a string under a
 * Secret-ish key (custom resources of volsync, CloudNativePG, system-upgrade
 * Plans, StorageClass CSI parameters …), a `{kind: Secret, name}` object (and
 * the `clone` source of a Kyverno generate rule), or a `namespace/name`
 * annotation (cert-manager's inject-ca-from-secret); the same inside block
 * strings that hold YAML (a values.yaml in a ConfigMap).
 */
function mentionedSecrets(model: RepositoryModel, names: ReadonlySet<string>): Set<string> {
  const mentioned = new Set<string>();
  const mentionsAName = (text: string) => [...names].some((name) => text.includes(name));
  for (const resource of model.resources) {
    if (resource.kind === 'Secret' && resource.id.group === '') continue;
    const scope = scopeNamespace(resource) ?? '*';
    const walk = (value: unknown, secretIsh: boolean, depth: number): void => {
      if (depth > 64) return;
      if (typeof value === 'string') {
        if (value.includes('\n')) {
          if (mentionsAName(value)) walk(embeddedYaml(value), secretIsh, depth + 1);
          return;
        }
        if (!secretIsh) return;
        mentioned.add(`${scope}/${value}`);
        if (/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(value)) mentioned.add(value);
      } else if (Array.isArray(value)) {
        for (const item of value) walk(item, secretIsh, depth + 1);
      } else if (isRecord(value)) {
        if (value['kind'] === 'Secret') {
          // `{kind: Secret, name, namespace?}`, and a Kyverno generate rule's `clone: {namespace, name}` source.
          for (const ref of [value, value['clone']]) {
            if (isRecord(ref) && typeof ref['name'] === 'string') mentioned.add(`${typeof ref['namespace'] === 'string' ? ref['namespace'] : scope}/${ref['name']}`);
          }
        }
        for (const [key, child] of Object.entries(value)) walk(child, secretIsh || SECRET_ISH_KEY.test(key), depth + 1);
      }
    };
    const meta = metadataOf(resource.body);
    walk(meta['annotations'], false, 0);
    for (const [key, child] of Object.entries(resource.body)) if (key !== 'metadata' && key !== 'status') walk(child, false, 0);
  }
  return mentioned;
}

/** Secret names that a script or doc patches into a ServiceAccount's imagePullSecrets. */
function pullSecretsPatchedByCommands(model: RepositoryModel): string {
  return model.files
    .filter((f) => f.role === 'shell' || f.role === 'markdown')
    .map((f) => model.store.text(f.path) ?? '')
    .filter((text) => text.includes('imagePullSecrets'))
    .join('\n');
}

/** Used without looking at other objects' bodies: a reference in the model's index, or a controller that finds it. */
function isReferenced(model: RepositoryModel, secret: Resource): boolean {
  return model.references.to(secret.id).length > 0 || discoveredByController(secret);
}

function isMentioned(secret: Resource, mentioned: ReadonlySet<string>, patchText: string): boolean {
  if (mentioned.has(`${secret.namespace}/${secret.name}`) || mentioned.has(`*/${secret.name}`)) return true;
  return secret.body['type'] === 'kubernetes.io/dockerconfigjson' && new RegExp(`imagePullSecrets.*["'\\s:]${secret.name.replaceAll('.', '\\.')}["'\\s}]`).test(patchText);
}

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
    const candidates = model.resources.filter((r) => r.kind === 'Secret' && r.id.group === '' && r.appliedBy.length > 0 && !isReferenced(model, r));
    if (candidates.length === 0) return;
    const mentioned = mentionedSecrets(model, new Set(candidates.map((r) => r.name)));
    const patchText = pullSecretsPatchedByCommands(model);
    for (const secret of candidates) {
      if (isMentioned(secret, mentioned, patchText)) continue;
      report({
        messageId: 'unused',
        data: { secret: `${secret.namespace}/${secret.name}`, encrypted: secret.sops ? ' (SOPS-encrypted)' : '' },
        location: locateResourceField(secret, ['metadata', 'name']),
        resource: secret,
      });
    }
  },
});
