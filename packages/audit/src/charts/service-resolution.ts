import type { KustodianConfig } from '@kustodian/manifest-model';
import { controllerServices, createsService, describeResource, formatFieldPath, helmReleaseCharts, isHelmRelease, releaseServices } from '@kustodian/manifest-model';
import type { CreatedServices, Reference, RepositoryModel, Resource } from '@kustodian/manifest-model';
import { closestWord } from '@kustodian/core';

/** What a Service name in a namespace resolves to. */
export type ServiceResolution =
  /** A Service manifest, or a chart or controller of the namespace, creates it. */
  | { readonly status: 'found' }
  /** Nothing creates the namespace. `elsewhere`: namespaces where the name resolves. */
  | { readonly status: 'namespace-missing'; readonly elsewhere: readonly string[] }
  /** The namespace's Services are all known and none has the name. `nearest`: a similar name there, if any. */
  | { readonly status: 'service-missing'; readonly elsewhere: readonly string[]; readonly nearest: string | undefined }
  /** The namespace exists but what creates its Services is not fully known. */
  | { readonly status: 'unverifiable'; readonly reason: string };

/** Namespaces Kubernetes (or k3s) creates, with Services nobody declares. */
const CLUSTER_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** Namespaces whose Services come from outside the repository: k3s add-ons, Flux's own controllers. */
const OPEN_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'flux-system'];

interface Producer {
  readonly what: string;
  /** The object's name, which a controller of unknown conventions names its Services after; undefined for a HelmRelease (a chart's values may name a Service anything). */
  readonly name: string | undefined;
  readonly services: CreatedServices;
}

/** `b` holds `a` as whole dash-separated words (`rook-ceph-rgw-ceph-objectstore` holds `ceph-objectstore`). */
function holdsWords(b: string, a: string): boolean {
  return b === a || b.startsWith(`${a}-`) || b.endsWith(`-${a}`) || b.includes(`-${a}-`);
}

/**
 * Whether a producer whose Service names are not all known may make this
 * one: a chart of unknown conventions may (its values can name a Service
 * anything); a custom resource of an unknown operator when the name holds
 * the object's (operators name Services after their objects) or the other
 * way round. An `Issuer` called `letsencrypt` does not make `cross-seed`.
 */
function plausible(producer: Producer, service: string): boolean {
  if (producer.name === undefined) return true;
  return createsService(producer.services, service) || holdsWords(service, producer.name) || holdsWords(producer.name, service);
}

/** Resolves in-cluster Service names against the model, chart conventions and operator conventions. */
export class ServiceResolver {
  private readonly services = new Map<string, Set<string>>();
  private readonly producers = new Map<string, Producer[]>();
  private readonly namespaces = new Set<string>(CLUSTER_NAMESPACES);
  private readonly open: ReadonlySet<string>;

  constructor(model: RepositoryModel, config: KustodianConfig) {
    this.open = new Set([...OPEN_NAMESPACES, ...config.namespaces.known]);
    for (const ns of config.namespaces.known) this.namespaces.add(ns);
    for (const r of model.resources) {
      if (r.appliedBy.length === 0) continue;
      if (r.namespace !== undefined) this.namespaces.add(r.namespace);
      if (r.kind === 'Namespace' && r.id.group === '') this.namespaces.add(r.name);
      if (r.kind === 'Service' && r.id.group === '' && r.namespace !== undefined) add(this.services, r.namespace, r.name);
      else if (!isHelmRelease(r.apiVersion, r.kind) && r.namespace !== undefined) {
        const services = controllerServices(r);
        if (!services.complete || services.names.length > 0 || services.prefixes.length > 0) this.addProducer(r.namespace, { what: describeResource(r.id), name: r.name, services });
      }
    }
    for (const hr of helmReleaseCharts(model)) {
      this.namespaces.add(hr.namespace);
      const chart = hr.chart ? `chart ${hr.chart}` : 'a chart Kustodian cannot name';
      this.addProducer(hr.namespace, { what: `HelmRelease ${hr.resource.namespace}/${hr.resource.name} (${chart})`, name: undefined, services: releaseServices(hr) });
    }
  }

  private addProducer(namespace: string, producer: Producer): void {
    const list = this.producers.get(namespace);
    if (list) list.push(producer);
    else this.producers.set(namespace, [producer]);
  }

  /** True when something creates the namespace, or Kubernetes does. */
  namespaceExists(namespace: string): boolean {
    return this.namespaces.has(namespace);
  }

  private foundIn(namespace: string, name: string): boolean {
    if (this.services.get(namespace)?.has(name)) return true;
    return (this.producers.get(namespace) ?? []).some((p) => createsService(p.services, name));
  }

  resolve(namespace: string, name: string): ServiceResolution {
    if (this.foundIn(namespace, name)) return { status: 'found' };
    const elsewhere = [...new Set([...this.services.keys(), ...this.producers.keys()])].filter((ns) => ns !== namespace && this.foundIn(ns, name)).sort();
    if (!this.namespaceExists(namespace)) return { status: 'namespace-missing', elsewhere };
    if (this.open.has(namespace)) {
      return { status: 'unverifiable', reason: `namespace ${namespace} holds Services created outside the repository` };
    }
    const unknown = (this.producers.get(namespace) ?? []).find((p) => !p.services.complete && plausible(p, name));
    if (unknown) return { status: 'unverifiable', reason: `it may come from ${unknown.what}, whose Service names Kustodian does not know` };
    const known = [...(this.services.get(namespace) ?? []), ...(this.producers.get(namespace) ?? []).flatMap((p) => p.services.names)];
    return { status: 'service-missing', elsewhere, nearest: closestWord(name, known, 2) };
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** A reference to a Service from an object that Flux applies. */
export interface ServiceReference {
  readonly ref: Reference;
  readonly referrer: Resource;
}

const referencesCache = new WeakMap<RepositoryModel, readonly ServiceReference[]>();

/**
 * References to Services (Service URLs, Ingress and IngressRoute backends)
 * made by applied objects, one per place and target: a file applied in
 * several namespaces (a shared component) refers from the same line each
 * time.
 */
export function serviceReferences(model: RepositoryModel): readonly ServiceReference[] {
  // service-ref-unresolved and datasource-unresolved read the same list: it is made once per model.
  const cached = referencesCache.get(model);
  if (cached) return cached;
  const out: ServiceReference[] = [];
  const seen = new Set<string>();
  for (const ref of model.references.toKind('Service')) {
    if (ref.defines || ref.to.namespace === undefined) continue;
    const referrer = model.find(ref.from).find((r) => r.appliedBy.length > 0);
    if (!referrer) continue;
    const key = `${ref.location.file}:${ref.location.line}:${ref.location.column}|${ref.to.namespace}/${ref.to.name}|${ref.detail ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ref, referrer });
  }
  referencesCache.set(model, out);
  return out;
}

/** `; loki-gateway exists in observability` / `; the nearest name there is loki-gateway`, or ''. */
export function resolutionHint(name: string, resolution: ServiceResolution): string {
  if (resolution.status !== 'namespace-missing' && resolution.status !== 'service-missing') return '';
  if (resolution.elsewhere.length > 0) return `; ${name} exists in ${resolution.elsewhere.join(', ')}`;
  if (resolution.status === 'service-missing' && resolution.nearest !== undefined) return `; the nearest name there is ${resolution.nearest}`;
  return '';
}

/** What a rule reports for a Service reference that does not resolve: message id, placeholders and, for "cannot verify", severity info. */
export type UnresolvedServiceReport =
  | { readonly messageId: 'namespaceMissing' | 'serviceMissing'; readonly data: ServiceReportData & { readonly hint: string } }
  | { readonly messageId: 'unverifiable'; readonly data: ServiceReportData & { readonly reason: string }; readonly severity: 'info' };

/** The placeholders every unresolved-Service message is written from. */
export interface ServiceReportData {
  readonly namespace: string;
  readonly service: string;
  /** The address as written, or `service.namespace`. */
  readonly url: string;
  readonly referrer: string;
  readonly field: string;
}

/** The report for a Service reference, or undefined when it resolves. */
export function unresolvedServiceReport(resolver: ServiceResolver, { ref, referrer }: ServiceReference): UnresolvedServiceReport | undefined {
  const namespace = ref.to.namespace ?? '';
  const service = ref.to.name;
  const resolution = resolver.resolve(namespace, service);
  if (resolution.status === 'found') return undefined;
  const data: ServiceReportData = { namespace, service, url: ref.detail ?? `${service}.${namespace}`, referrer: describeResource(referrer.id), field: formatFieldPath(ref.path) };
  if (resolution.status === 'unverifiable') return { messageId: 'unverifiable', data: { ...data, reason: resolution.reason }, severity: 'info' };
  return { messageId: resolution.status === 'namespace-missing' ? 'namespaceMissing' : 'serviceMissing', data: { ...data, hint: resolutionHint(service, resolution) } };
}
