import { describeResource, isHelmRelease, isRecord, metadataOf, parseHelmRelease } from '@kustodian/manifest-model';
import type { Reference, RepositoryModel, Resource, ResourceId } from '@kustodian/manifest-model';
import type { AuditConfig } from '../../config/audit-config.js';
import { defineRule } from '../../engine/define-rule.js';
import { createdSecretOf, findKubeCommands } from '../../text/kubectl-commands.js';
import { repositoryShell } from '../../text/repository-scripts.js';

/** A namespace set that may be "every namespace" (a creator whose namespace cannot be known). */
const ANY_NAMESPACE = '*';

/** Where Secrets come from, by name: the namespaces each name exists in. */
class SecretCatalog {
  private readonly byName = new Map<string, Set<string>>();

  add(name: string, namespace: string | undefined): void {
    const set = this.byName.get(name) ?? this.byName.set(name, new Set()).get(name)!;
    set.add(namespace ?? ANY_NAMESPACE);
  }

  has(name: string, namespace: string): boolean {
    const set = this.byName.get(name);
    return !!set && (set.has(namespace) || set.has(ANY_NAMESPACE));
  }

  /** Namespaces other than `namespace` where a Secret of this name is defined. */
  elsewhere(name: string, namespace: string): string[] {
    return [...(this.byName.get(name) ?? [])].filter((ns) => ns !== namespace && ns !== ANY_NAMESPACE).sort();
  }
}

function isCoreSecret(id: Pick<ResourceId, 'group' | 'kind'>): boolean {
  return id.group === '' && id.kind === 'Secret';
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function field(body: unknown, ...path: string[]): unknown {
  let node = body;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function text(body: unknown, ...path: string[]): string | undefined {
  const value = field(body, ...path);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function recordsAt(body: unknown, ...path: string[]): Record<string, unknown>[] {
  const list = field(body, ...path);
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/**
 * Secrets that operators create for a custom resource, by `group/Kind`: the
 * names they write in the resource's namespace.
 */
const OPERATOR_CREATED: ReadonlyMap<string, (body: Readonly<Record<string, unknown>>, name: string) => readonly (string | undefined)[]> = new Map([
  // Talos: a ServiceAccount (talos.dev) gets a Secret of its own name with the talosconfig.
  ['talos.dev/ServiceAccount', (_body, name) => [name]],
  ['onepassword.com/OnePasswordItem', (_body, name) => [name]],
  ['objectbucket.io/ObjectBucketClaim', (_body, name) => [name]],
  ['secretgenerator.mittwald.de/StringSecret', (_body, name) => [name]],
  ['secretgenerator.mittwald.de/BasicAuth', (_body, name) => [name]],
  ['secretgenerator.mittwald.de/SSHKeyPair', (_body, name) => [name]],
  ['k8s.bitwarden.com/BitwardenSecret', (body) => [text(body, 'spec', 'secretName')]],
  ['secrets.hashicorp.com/VaultStaticSecret', (body) => [text(body, 'spec', 'destination', 'name')]],
  ['secrets.hashicorp.com/VaultDynamicSecret', (body) => [text(body, 'spec', 'destination', 'name')]],
  ['secrets.hashicorp.com/VaultPKISecret', (body) => [text(body, 'spec', 'destination', 'name')]],
  ['secrets-store.csi.x-k8s.io/SecretProviderClass', (body) => recordsAt(body, 'spec', 'secretObjects').map((o) => text(o, 'secretName'))],
  ['isindir.github.com/SopsSecret', (body) => recordsAt(body, 'spec', 'secretTemplates').map((t) => text(t, 'name'))],
  // CloudNativePG: <cluster>-app, -superuser, -ca, -server, -replication.
  ['postgresql.cnpg.io/Cluster', (_body, name) => ['app', 'superuser', 'ca', 'server', 'replication'].map((s) => `${name}-${s}`)],
  // Crunchy PGO v5: <cluster>-pguser-<user>; without spec.users, one user named like the cluster.
  [
    'postgres-operator.crunchydata.com/PostgresCluster',
    (body, name) => {
      const users = recordsAt(body, 'spec', 'users').map((u) => text(u, 'name'));
      return (users.length > 0 ? users : [name]).map((u) => u && `${name}-pguser-${u}`);
    },
  ],
  // Zalando: <user>.<cluster>.credentials.postgresql.acid.zalan.do (underscores become dashes).
  [
    'acid.zalan.do/postgresql',
    (body, name) => {
      const users = Object.keys(isRecord(field(body, 'spec', 'users')) ? (field(body, 'spec', 'users') as Record<string, unknown>) : {});
      return [...users, 'postgres', 'standby'].map((u) => `${u.replaceAll('_', '-')}.${name}.credentials.postgresql.acid.zalan.do`);
    },
  ],
  ['ceph.rook.io/CephObjectStoreUser', (body, name) => [text(body, 'spec', 'store') && `rook-ceph-object-user-${text(body, 'spec', 'store')}-${name}`]],
]);

/** Annotations of copy controllers (emberstack reflector, mittwald replicator) that create copies of a Secret in other namespaces. */
function copyNamespaces(annotations: unknown): string[] | undefined {
  if (!isRecord(annotations)) return undefined;
  const reflector = annotations['reflector.v1.k8s.emberstack.com/reflection-auto-enabled'];
  const replicateTo = annotations['replicator.v1.mittwald.de/replicate-to'];
  let list: string | undefined;
  if (reflector === 'true' || reflector === true) list = String(annotations['reflector.v1.k8s.emberstack.com/reflection-auto-namespaces'] ?? '');
  else if (typeof replicateTo === 'string') list = replicateTo;
  else if ('kubed.appscode.com/sync' in annotations) list = '';
  if (list === undefined) return undefined;
  const names = list.split(',').map((s) => s.trim());
  // Empty (every namespace) or any pattern: it may land anywhere.
  return names.some((n) => !DNS_NAME.test(n)) ? [ANY_NAMESPACE] : names;
}

function addCreatedByResource(catalog: SecretCatalog, resource: Resource): void {
  const { group, kind } = resource.id;
  if (isCoreSecret(resource.id)) {
    catalog.add(resource.name, resource.namespace);
    for (const ns of copyNamespaces(metadataOf(resource.body)['annotations']) ?? []) catalog.add(resource.name, ns);
    return;
  }
  if (group === 'cert-manager.io' && kind === 'Certificate') {
    const secretName = text(resource.body, 'spec', 'secretName');
    for (const ns of copyNamespaces(field(resource.body, 'spec', 'secretTemplate', 'annotations')) ?? []) if (secretName) catalog.add(secretName, ns);
  }
  if (group === 'kyverno.io' && (kind === 'ClusterPolicy' || kind === 'Policy')) {
    // generate rules that clone or create Secrets into (usually every) namespace.
    for (const rule of recordsAt(resource.body, 'spec', 'rules')) {
      const generate = field(rule, 'generate');
      const name = text(generate, 'name');
      if (text(generate, 'kind') !== 'Secret' || !name || !DNS_NAME.test(name)) continue;
      const ns = text(generate, 'namespace');
      catalog.add(name, ns && DNS_NAME.test(ns) ? ns : ANY_NAMESPACE);
    }
  }
  const created = OPERATOR_CREATED.get(`${group}/${kind}`);
  if (created) for (const name of created(resource.body, resource.name)) if (name) catalog.add(name, resource.namespace);
}

// --- Secrets created by commands in scripts and docs -------------------------

/**
 * Secrets that shell scripts and Markdown docs create with `kubectl create
 * secret` or `flux create secret` (and send to the cluster: a dry run only
 * counts when piped into `kubectl apply -f -`). kubectl without `-n` acts in
 * the context's namespace, which the script does not tell: any namespace.
 */
function addCreatedByCommands(catalog: SecretCatalog, model: RepositoryModel): void {
  for (const sources of repositoryShell(model, { inlineCode: true })) {
    for (const command of findKubeCommands(sources.map((s) => s.script))) {
      const created = createdSecretOf(command);
      if (!created || !created.applied || created.name.dynamic) continue;
      const ns = created.namespace;
      catalog.add(created.name.value, ns === undefined ? (created.tool === 'flux' ? created.defaultNamespace : undefined) : ns.dynamic ? undefined : ns.value);
    }
  }
}

// --- the catalog and the exemptions ----------------------------------------

function buildCatalog(model: RepositoryModel, config: AuditConfig): SecretCatalog {
  const catalog = new SecretCatalog();
  for (const resource of model.resources) addCreatedByResource(catalog, resource);
  for (const ref of model.references.all) if (ref.defines && isCoreSecret(ref.to)) catalog.add(ref.to.name, ref.to.namespace);
  for (const external of config.secrets.external) catalog.add(external.name, external.namespace);
  addCreatedByCommands(catalog, model);
  return catalog;
}

/** Sources that the bootstrap sync (`flux bootstrap`) reads, as `Kind/namespace/name`: their secretRef is written by bootstrap. */
function bootstrapSources(model: RepositoryModel): Set<string> {
  const sources = new Set<string>();
  for (const entry of model.entryPoints) {
    const ks = model.fluxKustomizations.find((k) => k.key === entry.appliedBy);
    if (ks?.sourceRef) sources.add(`${ks.sourceRef.kind}/${ks.sourceRef.namespace}/${ks.sourceRef.name}`);
  }
  return sources;
}

/** A Helm release whose chart may create Secrets named after it: `<release>` or `<release>-…` (and the same for fullnameOverride). */
interface ChartRelease {
  readonly helmRelease: string;
  readonly namespace: string;
  readonly prefixes: readonly string[];
}

function chartReleases(model: RepositoryModel): ChartRelease[] {
  const out: ChartRelease[] = [];
  for (const resource of model.resources) {
    if (!isHelmRelease(resource.apiVersion, resource.kind) || resource.namespace === undefined) continue;
    const release = parseHelmRelease(resource.body, resource.namespace);
    const fullname = text(release.values, 'fullnameOverride');
    out.push({ helmRelease: describeResource(resource.id), namespace: release.targetNamespace ?? release.namespace, prefixes: fullname ? [release.releaseName, fullname] : [release.releaseName] });
  }
  return out;
}

/**
 * Another object reads a Secret named after a Helm release in its namespace
 * (`postgresql`, `immich-redis-auth` …): the chart most likely creates it. A
 * HelmRelease's own values are not excused: `existingSecret` and the like name
 * a Secret that the user must create.
 */
function isChartCreated(ref: Reference, releases: readonly ChartRelease[]): boolean {
  const referrer = describeResource(ref.from);
  return releases.some(
    (r) => r.namespace === ref.to.namespace && r.helmRelease !== referrer && r.prefixes.some((p) => ref.to.name === p || ref.to.name.startsWith(`${p}-`)),
  );
}

/** The referrer is in the cluster: a resource of that identity from the reference's file is applied. */
function isAppliedReferrer(model: RepositoryModel, ref: Reference): boolean {
  return model.find(ref.from).some((r) => r.appliedBy.length > 0 && r.location.file === ref.location.file);
}

/** References that are not a demand for a Secret someone must create. */
function isExempt(ref: Reference, bootstrap: ReadonlySet<string>): boolean {
  // A ServiceAccount's `secrets` list only names the Secrets its pods may mount (token Secrets of old clusters).
  if (ref.via === 'service-account' && ref.field.startsWith('secrets[')) return true;
  // The git credentials of the bootstrap source are written by `flux bootstrap`.
  if (ref.via === 'flux-source-secret' && ref.field === 'spec.secretRef.name') {
    return bootstrap.has(`${ref.from.kind}/${ref.from.namespace ?? ''}/${ref.from.name}`);
  }
  return false;
}

export default defineRule({
  id: 'secret-undefined',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    summary: 'A Secret is referenced but nothing defines it in that namespace.',
    rationale:
      'A pod whose env or volume needs a missing Secret stays in CreateContainerConfigError or ContainerCreating; a HelmRelease whose valuesFrom names one never installs; a Flux Kustomization whose decryption or substituteFrom Secret is missing stops applying everything it owns. A Secret counts as defined when the repository has a manifest, a SOPS file or a secretGenerator for it, when something creates it (ExternalSecret, SealedSecret, a cert-manager Certificate or annotated Ingress, an operator resource such as a CloudNativePG Cluster, a copy annotation of reflector or replicator, a Kyverno generate rule), when a script or doc creates it with `kubectl create secret` or `flux create secret`, or when kustodian.yaml declares it under secrets.external. A Secret named after a Helm release of its namespace (`<release>` or `<release>-…`) is taken as created by that chart when another object reads it; the `existingSecret`-style values of a HelmRelease itself are still checked, since they name a Secret the user must create. Only references made by objects that Flux applies are checked, and optional references are skipped. A Secret of that name in another namespace does not help: Secrets are only visible in their own namespace.',
    fix: 'Add the Secret (encrypted with sops) or the object that creates it in the namespace of the reference; fix the name or namespace of the reference; or, when it is created outside git, declare it under secrets.external in kustodian.yaml.',
    messages: {
      missing: 'Secret {{secret}} is referenced by {{referrer}} ({{field}}) but nothing defines it.',
      wrongNamespace: 'Secret {{secret}} is referenced by {{referrer}} ({{field}}), but {{name}} is defined in namespace {{definedIn}}, not {{namespace}}.',
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
  check({ model, config, report }) {
    const catalog = buildCatalog(model, config);
    const bootstrap = bootstrapSources(model);
    const releases = chartReleases(model);
    const seen = new Set<string>();
    for (const ref of model.references.all) {
      if (!isCoreSecret(ref.to) || ref.defines || ref.optional || ref.to.namespace === undefined) continue;
      const namespace = ref.to.namespace;
      if (catalog.has(ref.to.name, namespace) || isExempt(ref, bootstrap) || isChartCreated(ref, releases) || !isAppliedReferrer(model, ref)) continue;
      const key = `${describeResource(ref.from)}|${namespace}/${ref.to.name}|${ref.field}|${ref.location.file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const from = model.find(ref.from).find((r) => r.location.file === ref.location.file);
      const data = { secret: `${namespace}/${ref.to.name}`, referrer: describeResource(ref.from), field: ref.field };
      const resource = from ?? null;
      const elsewhere = catalog.elsewhere(ref.to.name, namespace);
      if (elsewhere.length > 0) {
        report({ messageId: 'wrongNamespace', data: { ...data, name: ref.to.name, namespace, definedIn: elsewhere.join(', ') }, location: ref.location, resource });
      } else {
        report({ messageId: 'missing', data, location: ref.location, resource });
      }
    }
  },
});
