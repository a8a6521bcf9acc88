/**
 * Whether an applied Secret is used by anything, beyond the references the
 * model indexes: a controller that finds it by type, label or annotation, an
 * object that names it under a Secret-like key (custom resources, values in
 * a ConfigMap), or a script that patches it into a ServiceAccount's
 * imagePullSecrets. `SecretCatalog.unused()` is built on it.
 */
import { parse } from 'yaml';
import { helmReleaseTargetNamespaceOf } from '../flux/helm-release.js';
import { isHelmRelease } from '../flux/kinds.js';
import type { ReferenceIndex } from '../references/reference-index.js';
import type { SourceLocation } from '../source-location.js';
import type { Resource } from '../resources/resource.js';
import { isRecord, metadataOf } from '../resources/resource.js';

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

/** Largest block text read as YAML (Helm values files in ConfigMaps, config files): bigger ones are dashboards and the like. */
const MAX_EMBEDDED_YAML = 64 * 1024;

/** What deciding whether Secrets are used reads. */
export interface SecretUseInput {
  readonly resources: readonly Resource[];
  readonly references: ReferenceIndex;
  /** The text of the repository's shell scripts and Markdown files (where `kubectl patch … imagePullSecrets` is written). */
  commandTexts(): readonly string[];
}

function discoveredByController(secret: Resource): boolean {
  const type = secret.body['type'];
  if (typeof type === 'string' && CONTROLLER_TYPES.has(type)) return true;
  // prometheus-operator reads alertmanager-<Alertmanager name> by convention.
  if (secret.name.startsWith('alertmanager-')) return true;
  const meta = metadataOf(secret.body);
  const keys = [...Object.keys(isRecord(meta['labels']) ? meta['labels'] : {}), ...Object.keys(isRecord(meta['annotations']) ? meta['annotations'] : {})];
  return keys.some((key) => DISCOVERY_KEYS.some((pattern) => pattern.test(key)));
}

/** Where a resource's same-namespace names resolve: a HelmRelease's target namespace, else its own; undefined for cluster-scoped ones (any namespace). */
function scopeNamespace(resource: Resource): string | undefined {
  return (isHelmRelease(resource.apiVersion, resource.kind) ? helmReleaseTargetNamespaceOf(resource.body) : undefined) ?? resource.namespace;
}

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
function mentionedSecrets(resources: readonly Resource[], names: ReadonlySet<string>): Set<string> {
  const mentioned = new Set<string>();
  const mentionsAName = (text: string) => [...names].some((name) => text.includes(name));
  for (const resource of resources) {
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

function isMentioned(secret: Resource, mentioned: ReadonlySet<string>, patchText: string): boolean {
  if (mentioned.has(`${secret.namespace}/${secret.name}`) || mentioned.has(`*/${secret.name}`)) return true;
  return secret.body['type'] === 'kubernetes.io/dockerconfigjson' && new RegExp(`imagePullSecrets.*["'\\s:]${secret.name.replaceAll('.', '\\.')}["'\\s}]`).test(patchText);
}

/**
 * The core Secrets that Flux applies from git and that nothing uses: no
 * indexed reference, no controller that finds them, no object or command
 * that names them. In resource order.
 */
export function unusedSecrets(input: SecretUseInput): Resource[] {
  const referenced = (secret: Resource) => input.references.to(secret.id).length > 0 || discoveredByController(secret);
  const candidates = input.resources.filter((r) => r.kind === 'Secret' && r.id.group === '' && r.appliedBy.length > 0 && !referenced(r));
  if (candidates.length === 0) return [];
  const mentioned = mentionedSecrets(input.resources, new Set(candidates.map((r) => r.name)));
  const patchText = input
    .commandTexts()
    .filter((text) => text.includes('imagePullSecrets'))
    .join('\n');
  return candidates.filter((secret) => !isMentioned(secret, mentioned, patchText));
}

/** A Secret that only commands create, with the commands. */
export interface CommandCreatedSecret {
  /** A namespace, or ANY_NAMESPACE (`*`) for a command without `-n`. */
  readonly namespace: string;
  readonly name: string;
  readonly creators: readonly SourceLocation[];
}

export interface UnusedCreatedInput {
  readonly resources: readonly Resource[];
  readonly candidates: readonly CommandCreatedSecret[];
  /** Whether an object Flux applies reads it by a reference the model indexes (any namespace for `*`). */
  isRead(namespace: string, name: string): boolean;
  commandTexts(): readonly string[];
}

/**
 * Secrets that scripts and docs create (`kubectl create secret`, `flux
 * create secret`, a heredoc applied) and that nothing Flux applies reads:
 * no indexed reference, no object that names it, and no line of a script or
 * doc that names it other than the creating ones (a `helm install --set`,
 * a `kubectl patch`): the commands that drift after a rename.
 */
export function unusedCreatedSecrets(input: UnusedCreatedInput): CommandCreatedSecret[] {
  const candidates = input.candidates.filter((c) => !input.isRead(c.namespace, c.name));
  if (candidates.length === 0) return [];
  const mentioned = mentionedSecrets(input.resources.filter((r) => r.appliedBy.length > 0), new Set(candidates.map((c) => c.name)));
  const texts = input.commandTexts();
  return candidates.filter((c) => {
    const named = c.namespace === '*' ? [...mentioned].some((m) => m.endsWith(`/${c.name}`)) : mentioned.has(`${c.namespace}/${c.name}`) || mentioned.has(`*/${c.name}`);
    if (named) return false;
    const word = new RegExp(`(?<![A-Za-z0-9_.-])${c.name.replaceAll('.', '\\.')}(?![A-Za-z0-9_-])`, 'g');
    const occurrences = texts.reduce((n, text) => n + (text.includes(c.name) ? (text.match(word)?.length ?? 0) : 0), 0);
    // Each creating command names it once; any other mention may be a use the model does not read.
    return occurrences <= c.creators.length;
  });
}
