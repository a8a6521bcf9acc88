import type { FluxKustomization } from '../flux/flux-kustomization.js';
import { parseHelmRelease } from '../flux/helm-release.js';
import { isHelmRelease } from '../flux/kinds.js';
import type { Reference, ReferenceVia } from '../references/reference.js';
import { arrayAt, stringAt, valueAt } from '../references/extractors/extractor.js';
import type { ReferenceIndex } from '../references/reference-index.js';
import { expandTemplate, SECRET_PRODUCERS } from './producers/index.js';
import type { ChartSecretProducer, ResourceSecretProducer, SecretProducer } from './producers/index.js';
import { unusedCreatedSecrets, unusedSecrets } from './secret-use.js';
import type { CommandCreatedSecret } from './secret-use.js';
import type { TemplateSecret } from './template-secrets.js';
import type { Resource } from '../resources/resource.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import type { ResourceId } from '../resources/resource-id.js';
import { describeResource, isObjectName } from '../resources/resource-id.js';
import type { SourceLocation } from '../source-location.js';
import { compareLocations } from '../source-location.js';
import { createdSecretOf, heredocSecretsOf } from '../text/kubectl-commands.js';
import type { RepositoryText } from '../text/repository-text.js';

/** Who creates a Secret that git does not hold, as declared in kustodian.yaml `secrets.external`. */
export type DeclaredSecretCreator = 'helm-chart' | 'controller' | 'bootstrap' | 'manual';

/** A Secret created outside git, as kustodian.yaml `secrets.external` declares it. */
export interface DeclaredSecret {
  readonly name: string;
  readonly namespace: string;
  readonly createdBy: DeclaredSecretCreator;
  readonly note?: string | undefined;
}

/** The namespace of a definition that may land in any namespace (a command without `-n`, a copy to every namespace). */
export const ANY_NAMESPACE = '*';

/** How a Secret comes to exist. `applied` says whether Flux applies the object that makes it. */
export type SecretDefinition =
  /** A Secret manifest in git, SOPS-encrypted or in clear. */
  | { readonly type: 'manifest'; readonly resource: Resource; readonly applied: boolean; readonly encrypted: boolean; readonly location: SourceLocation }
  /** A kustomize secretGenerator: the files it reads and whether it has literals. */
  | { readonly type: 'generator'; readonly resource: Resource; readonly applied: boolean; readonly sources: readonly string[]; readonly literals: number; readonly location: SourceLocation }
  /** An object that writes it, found by a reference extractor: cert-manager, ExternalSecret, SealedSecret … */
  | {
      readonly type: 'controller';
      readonly creator: ResourceId;
      /** The creating object as Flux applies it (the one in the reference's file); undefined when nothing applies it. */
      readonly resource: Resource | undefined;
      readonly via: ReferenceVia;
      readonly applied: boolean;
      readonly location: SourceLocation;
    }
  /** A custom resource whose operator writes it (CloudNativePG Cluster, OnePasswordItem, Vault secrets …), or a Kyverno generate rule. */
  | { readonly type: 'operator'; readonly creator: ResourceId; readonly applied: boolean; readonly location: SourceLocation }
  /** A copy that reflector, replicator or kubed makes of a Secret (or of a Certificate's Secret) in other namespaces. */
  | { readonly type: 'copy'; readonly of: ResourceId; readonly applied: boolean; readonly location: SourceLocation }
  /** `kubectl create secret` or `flux create secret` in a script or a doc, sent to the cluster. */
  | { readonly type: 'command'; readonly tool: 'kubectl' | 'flux'; readonly location: SourceLocation }
  /** Declared in kustodian.yaml `secrets.external`. */
  | { readonly type: 'declared'; readonly createdBy: DeclaredSecretCreator; readonly note: string | undefined }
  /** The credentials of the source the bootstrap sync reads: `flux bootstrap` writes them. */
  | { readonly type: 'flux-bootstrap'; readonly source: ResourceId }
  /** A Secret manifest in a template (`*.yaml.j2` …) that a bootstrap renders and applies by hand. */
  | { readonly type: 'template'; readonly location: SourceLocation; readonly keys: readonly string[]; readonly clear: boolean; readonly applied: false }
  /** Named after a Helm release of its namespace (`<release>` or `<release>-…`): most likely its chart creates it. */
  | { readonly type: 'helm-chart'; readonly release: ResourceId; readonly location: SourceLocation };

/** One object reading a Secret through one field. */
export interface SecretConsumer {
  readonly reference: Reference;
  /** The object that reads it, as Flux applies it; undefined when nothing applies the referrer. */
  readonly referrer: Resource | undefined;
}

/** A Secret as the catalog knows it: one namespace and name. */
export interface SecretEntry {
  /** A namespace, or ANY_NAMESPACE for definitions whose namespace is not known. */
  readonly namespace: string;
  readonly name: string;
  readonly definitions: readonly SecretDefinition[];
  readonly consumers: readonly SecretConsumer[];
}

export interface SecretCatalogInput {
  readonly resources: readonly Resource[];
  readonly references: ReferenceIndex;
  readonly bootstrapSources: readonly ResourceId[];
  readonly text: RepositoryText;
  readonly declared: readonly DeclaredSecret[];
  /** Secret manifests in templates a bootstrap renders (template-secrets.ts). @default none */
  readonly templates?: readonly TemplateSecret[];
  /** Producers of Secrets: the catalogue's and kustodian.yaml `secrets.producers`. @default SECRET_PRODUCERS */
  readonly producers?: readonly SecretProducer[];
  find(id: ResourceId): readonly Resource[];
}


/** A core `v1` Secret (not a SecretStore or another group's Secret kind). */
export function isCoreSecret(id: Pick<ResourceId, 'group' | 'kind'>): boolean {
  return id.group === '' && id.kind === 'Secret';
}

/**
 * A definition that git accounts for: a manifest (applied or not), a
 * generator, an object that creates the Secret, a manifest template, or a
 * kustodian.yaml declaration — unlike a command, a Helm chart guess or `flux bootstrap`.
 */
export function isGitDefinition(definition: SecretDefinition): boolean {
  return definition.type === 'manifest' || definition.type === 'generator' || definition.type === 'controller' || definition.type === 'declared' || definition.type === 'template';
}

const field = (body: unknown, ...path: string[]): unknown => valueAt(body, path);

/** A non-blank string at the path, trimmed. */
function text(body: unknown, ...path: string[]): string | undefined {
  const value = stringAt(body, path)?.trim();
  return value === '' ? undefined : value;
}

const recordsAt = (body: unknown, ...path: string[]): Record<string, unknown>[] => arrayAt(body, path).filter(isRecord);

/** Namespaces that copy controllers (emberstack reflector, mittwald replicator, kubed) copy a Secret into, from its annotations. */
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
  return names.some((n) => !isObjectName(n)) ? [ANY_NAMESPACE] : names;
}

/** A Helm release whose chart may create Secrets named after it: `<release>` or `<release>-…` (and the same for fullnameOverride). */
interface ChartRelease {
  readonly release: ResourceId;
  readonly namespace: string;
  readonly prefixes: readonly string[];
  readonly location: SourceLocation;
}

const entryKey = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * Every Secret of the repository, per namespace and name: what defines or
 * creates it (manifests applied or not, SOPS, generators, controllers,
 * operators, copies, commands in scripts and docs, kustodian.yaml
 * declarations, `flux bootstrap`, Helm charts) and what reads it, with
 * locations. The audit rules and the docs query it; nothing else works it out.
 */
export class SecretCatalog {
  private readonly byKey = new Map<string, { namespace: string; name: string; definitions: SecretDefinition[]; consumers: SecretConsumer[] }>();
  private readonly namespacesByName = new Map<string, Set<string>>();
  private readonly releases: ChartRelease[] = [];
  /** Resource producers by `group/Kind` (`*`: any kind). */
  private readonly resourceProducers = new Map<string, ResourceSecretProducer[]>();

  private unusedCache: readonly Resource[] | undefined;
  private unusedCreatedCache: readonly CommandCreatedSecret[] | undefined;

  constructor(private readonly input: SecretCatalogInput) {
    const producers = input.producers ?? SECRET_PRODUCERS;
    for (const producer of producers) {
      if ('resource' in producer) (this.resourceProducers.get(producer.resource) ?? this.resourceProducers.set(producer.resource, []).get(producer.resource)!).push(producer);
    }
    const chartProducers = producers.filter((p): p is ChartSecretProducer => 'chart' in p);
    const applied = (resource: Resource) => resource.appliedBy.length > 0;
    // A document that Flux applies and that an unapplied kustomization also
    // includes is one object, not a second one in the unapplied build's namespace.
    const at = (resource: Resource) => `${resource.location.file}:${resource.location.line}`;
    const appliedDocuments = new Set(input.resources.filter(applied).map(at));
    for (const resource of input.resources) {
      if (!applied(resource) && appliedDocuments.has(at(resource))) continue;
      this.addResource(resource, applied(resource));
      if (isHelmRelease(resource.apiVersion, resource.kind) && resource.namespace !== undefined) {
        const release = parseHelmRelease(resource.body, resource.namespace);
        const fullname = text(release.values, 'fullnameOverride');
        const namespace = release.targetNamespace ?? release.namespace;
        this.releases.push({ release: resource.id, namespace, prefixes: [release.releaseName, fullname].filter((p): p is string => p !== undefined && p !== ''), location: resource.location });
        for (const producer of chartProducers.filter((p) => p.chart === release.chart)) {
          for (const template of producer.secrets) {
            for (const name of expandTemplate(template, release.values, { name: release.releaseName ?? resource.name, namespace })) {
              if (isObjectName(name)) this.add(namespace, name, { type: 'operator', creator: resource.id, applied: applied(resource), location: resource.location });
            }
          }
        }
      }
    }
    for (const ref of input.references.all) {
      if (!isCoreSecret(ref.to) || ref.to.namespace === undefined) continue;
      const referrer = input.find(ref.from).find((r) => r.appliedBy.length > 0 && r.location.file === ref.location.file);
      if (ref.defines) {
        this.add(ref.to.namespace, ref.to.name, { type: 'controller', creator: ref.from, resource: referrer, via: ref.via, applied: referrer !== undefined, location: ref.location });
      } else {
        this.entry(ref.to.namespace, ref.to.name).consumers.push({ reference: ref, referrer });
        // A FluxInstance's sync credentials are what its bootstrap writes, as `flux bootstrap` writes the GitRepository's.
        if (ref.via === 'flux-operator' && ref.path.includes('sync') && ref.path[ref.path.length - 1] === 'pullSecret') {
          this.add(ref.to.namespace, ref.to.name, { type: 'flux-bootstrap', source: ref.from });
        }
      }
    }
    for (const d of input.declared) this.add(d.namespace, d.name, { type: 'declared', createdBy: d.createdBy, note: d.note });
    for (const t of input.templates ?? []) this.add(t.namespace ?? ANY_NAMESPACE, t.name, { type: 'template', location: t.location, keys: t.keys, clear: t.clear, applied: false });
    for (const { file, commands } of input.text.kubeCommands({ inlineCode: true })) {
      for (const command of commands) {
        for (const created of [createdSecretOf(command), ...heredocSecretsOf(command)]) {
        if (!created || !created.applied || created.name.dynamic || !isObjectName(created.name.value)) continue;
        const ns = created.namespace;
        // kubectl without -n creates it in the context's namespace, which the script does not tell: any namespace.
        const namespace = ns === undefined ? (created.tool === 'flux' ? created.defaultNamespace : undefined) : ns.dynamic || !isObjectName(ns.value) ? undefined : ns.value;
        this.add(namespace ?? ANY_NAMESPACE, created.name.value, { type: 'command', tool: created.tool, location: { file, line: command.line, column: command.column } });
        }
      }
    }
    for (const source of input.bootstrapSources) {
      for (const resource of input.find(source)) {
        const secret = text(resource.body, 'spec', 'secretRef', 'name');
        if (secret && resource.namespace !== undefined) this.add(resource.namespace, secret, { type: 'flux-bootstrap', source });
      }
    }
  }

  /** Every Secret the catalog knows, sorted by namespace and name (ANY_NAMESPACE first). */
  entries(): readonly SecretEntry[] {
    return [...this.byKey.values()].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  }

  /**
   * What defines the Secret `namespace/name`: its own definitions, those that
   * may land in any namespace, and a Helm release of the namespace it is
   * named after.
   */
  definitions(namespace: string, name: string): readonly SecretDefinition[] {
    const own = this.byKey.get(entryKey(namespace, name))?.definitions ?? [];
    const anywhere = namespace === ANY_NAMESPACE ? [] : (this.byKey.get(entryKey(ANY_NAMESPACE, name))?.definitions ?? []);
    const charts: SecretDefinition[] = this.releases
      .filter((r) => r.namespace === namespace && r.prefixes.some((p) => name === p || name.startsWith(`${p}-`)))
      .map((r) => ({ type: 'helm-chart', release: r.release, location: r.location }));
    return [...own, ...anywhere, ...charts];
  }

  /** What reads the Secret `namespace/name`. */
  consumers(namespace: string, name: string): readonly SecretConsumer[] {
    return this.byKey.get(entryKey(namespace, name))?.consumers ?? [];
  }

  /**
   * The core Secrets Flux applies from git that nothing uses: no reference,
   * no controller that finds them by type, label or annotation, no object or
   * command that names them (`secret-use.ts`). In resource order.
   */
  unused(): readonly Resource[] {
    this.unusedCache ??= unusedSecrets({ resources: this.input.resources, references: this.input.references, commandTexts: () => this.input.text.fileTexts() });
    return this.unusedCache;
  }

  /**
   * The Secrets only commands create (every definition is a script's or a
   * doc's command) and that nothing Flux applies reads, names, or that
   * another line of a script or doc mentions (`secret-use.ts`); in catalog
   * order, each with its creating commands in file order.
   */
  unusedCreated(): readonly CommandCreatedSecret[] {
    this.unusedCreatedCache ??= unusedCreatedSecrets({
      resources: this.input.resources,
      candidates: this.entries()
        .filter((e) => e.definitions.length > 0 && e.definitions.every((d) => d.type === 'command'))
        .filter((e) => e.namespace !== ANY_NAMESPACE || !this.definedInSomeNamespace(e.name, (d) => d.type !== 'command'))
        .map((e) => ({
          namespace: e.namespace,
          name: e.name,
          creators: e.definitions.flatMap((d) => (d.type === 'command' ? [d.location] : [])).sort(compareLocations),
        })),
      isRead: (namespace, name) => {
        const entries = namespace === ANY_NAMESPACE ? this.entries().filter((e) => e.name === name) : [this.byKey.get(entryKey(namespace, name))].filter((e) => e !== undefined);
        return entries.some((e) => e.consumers.some((c) => c.referrer !== undefined));
      },
      commandTexts: () => this.input.text.fileTexts(),
    });
    return this.unusedCreatedCache;
  }

  /** Namespaces, other than `namespace`, where something defines a Secret of this name. */
  definedElsewhere(name: string, namespace: string): string[] {
    return [...(this.namespacesByName.get(name) ?? [])].filter((ns) => ns !== namespace && ns !== ANY_NAMESPACE).sort();
  }

  /** Whether something defines a Secret of this name in any namespace. */
  definedInSomeNamespace(name: string, accept: (definition: SecretDefinition) => boolean = () => true): boolean {
    return [...(this.namespacesByName.get(name) ?? [])].some((ns) => (this.byKey.get(entryKey(ns, name))?.definitions ?? []).some(accept));
  }

  private entry(namespace: string, name: string) {
    const key = entryKey(namespace, name);
    let entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, (entry = { namespace, name, definitions: [], consumers: [] }));
    return entry;
  }

  private add(namespace: string, name: string, definition: SecretDefinition): void {
    this.entry(namespace, name).definitions.push(definition);
    const set = this.namespacesByName.get(name) ?? this.namespacesByName.set(name, new Set()).get(name)!;
    set.add(namespace);
  }

  private addResource(resource: Resource, applied: boolean): void {
    const { group, kind } = resource.id;
    if (isCoreSecret(resource.id)) {
      const namespace = resource.namespace ?? 'default';
      if (resource.origin.type === 'generator') {
        this.add(namespace, resource.name, { type: 'generator', resource, applied, sources: resource.origin.sources, literals: resource.origin.literals, location: resource.location });
      } else {
        this.add(namespace, resource.name, { type: 'manifest', resource, applied, encrypted: resource.sops, location: resource.location });
      }
      for (const ns of copyNamespaces(metadataOf(resource.body)['annotations']) ?? []) this.add(ns, resource.name, { type: 'copy', of: resource.id, applied, location: resource.location });
      return;
    }
    if (group === 'cert-manager.io' && kind === 'Certificate') {
      const secretName = text(resource.body, 'spec', 'secretName');
      for (const ns of copyNamespaces(field(resource.body, 'spec', 'secretTemplate', 'annotations')) ?? []) {
        if (secretName) this.add(ns, secretName, { type: 'copy', of: resource.id, applied, location: resource.location });
      }
    }
    if (group === 'kyverno.io' && (kind === 'ClusterPolicy' || kind === 'Policy')) {
      // generate rules that clone or create Secrets into (usually every) namespace.
      for (const rule of recordsAt(resource.body, 'spec', 'rules')) {
        const generate = field(rule, 'generate');
        const name = text(generate, 'name');
        if (text(generate, 'kind') !== 'Secret' || !name || !isObjectName(name)) continue;
        const ns = text(generate, 'namespace');
        this.add(ns && isObjectName(ns) ? ns : ANY_NAMESPACE, name, { type: 'operator', creator: resource.id, applied, location: resource.location });
      }
    }
    for (const producer of this.resourceProducers.get(`${group}/${kind}`) ?? []) this.addProduced(producer, resource, applied);
    for (const producer of this.resourceProducers.get('*') ?? []) this.addProduced(producer, resource, applied);
  }

  /** The Secrets a producer of the catalogue writes for a resource. */
  private addProduced(producer: ResourceSecretProducer, resource: Resource, applied: boolean): void {
    const self = { name: resource.name, namespace: resource.namespace };
    const namespaces = producer.namespace === undefined ? (resource.namespace === undefined ? [] : [resource.namespace]) : expandTemplate(producer.namespace, resource.body, self);
    for (const namespace of namespaces) {
      for (const template of producer.secrets) {
        for (const name of expandTemplate(template, resource.body, self)) {
          if (isObjectName(name)) this.add(namespace, name, { type: 'operator', creator: resource.id, applied, location: resource.location });
        }
      }
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sources that the entry points' own Flux Kustomizations sync from (the `flux bootstrap` sync): bootstrap writes their credentials. */
export function bootstrapSources(entryPoints: readonly { readonly appliedBy: string | undefined }[], fluxKustomizations: readonly FluxKustomization[]): ResourceId[] {
  const out = new Map<string, ResourceId>();
  for (const entry of entryPoints) {
    const source = fluxKustomizations.find((k) => k.key === entry.appliedBy)?.sourceRef;
    if (!source) continue;
    const id: ResourceId = { group: 'source.toolkit.fluxcd.io', kind: source.kind, namespace: source.namespace, name: source.name };
    out.set(describeResource(id), id);
  }
  return [...out.values()];
}
