/**
 * Services that objects of the repository create in the cluster without a
 * Service manifest in git: those a Helm chart renders (named by the chart's
 * conventions, see chart-naming.ts) and those an operator creates for a
 * custom resource (prometheus-operated for a Prometheus, <cluster>-rw for a
 * CloudNativePG Cluster). Without rendering charts, a name can only be
 * matched against these conventions.
 */
import { isRecord } from '../resources/resource.js';
import type { Resource } from '../resources/resource.js';
import { helmFullname, standardNamedChart } from './chart-naming.js';
import type { HelmReleaseChart } from './helm-release-chart.js';
import { mayBeOverridden, valueAtPath } from './helm-release-chart.js';

/** The Services something creates in its namespace, as far as conventions tell. */
export interface CreatedServices {
  /** Exact Service names. */
  readonly names: readonly string[];
  /** Any Service whose name starts with one of these (per-component Services such as `<fullname>-gateway`). */
  readonly prefixes: readonly string[];
  /** True when the naming is known and fully determined by the repository: a name matching neither list is not created. */
  readonly complete: boolean;
}

const NOTHING: CreatedServices = { names: [], prefixes: [], complete: true };

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Names from a fullname: the fullname itself and every `<fullname>-<component>`. */
function fromFullname(fullname: string, complete: boolean, extra: readonly string[] = []): CreatedServices {
  return { names: [fullname, ...extra], prefixes: [`${fullname}-`], complete };
}

/** bjw-s app-template (common library): the release name, `<release>-<service id>` with several Services, `forceRename`, `prefix`/`suffix`. */
function appTemplateServices(release: string, values: Readonly<Record<string, unknown>>, complete: boolean): CreatedServices {
  const global = isRecord(values['global']) ? values['global'] : {};
  const fullname = nonEmpty(global['fullnameOverride']) ?? nonEmpty(values['fullnameOverride']) ?? release;
  const names = new Set([fullname]);
  const services = isRecord(values['service']) ? values['service'] : {};
  for (const [id, service] of Object.entries(services)) {
    const own = isRecord(service) ? service : {};
    const forced = nonEmpty(own['forceRename']);
    if (forced !== undefined) {
      names.add(forced);
      continue;
    }
    const prefix = nonEmpty(own['prefix']);
    const suffix = nonEmpty(own['suffix']);
    const base = prefix !== undefined && prefix !== fullname ? `${prefix}-${fullname}` : fullname;
    names.add(base);
    names.add(base.endsWith(`-${id}`) ? base : `${base}-${id}`);
    if (suffix !== undefined) names.add(`${base}-${suffix}`);
  }
  return { names: [...names], prefixes: [], complete };
}

/** victoria-logs-single / victoria-metrics-single: `server.fullnameOverride`, else `<fullname>-server`. */
function victoriaSingleServices(fullname: string, values: Readonly<Record<string, unknown>>): CreatedServices {
  const server = nonEmpty(valueAtPath(values, 'server.fullnameOverride'));
  return fromFullname(fullname, false, server !== undefined ? [server] : []);
}

/** kube-prometheus-stack's Services in the release namespace, after `<fullname>-` (per-replica ones add `-<n>`). */
const KUBE_PROMETHEUS_STACK_SERVICES = ['prometheus', 'alertmanager', 'operator', 'thanos-discovery', 'thanos-external', 'thanos-ruler'];

/** Values paths that change the names of a standard-named chart. */
const NAMING_PATHS = ['fullnameOverride', 'nameOverride', 'global.fullnameOverride', 'global.nameOverride'];

/** The Services a HelmRelease's chart creates in the release namespace. */
export function releaseServices(r: HelmReleaseChart): CreatedServices {
  const release = r.release;
  if (release === undefined) return { names: [], prefixes: [], complete: false };
  const known = !NAMING_PATHS.some((p) => mayBeOverridden(r, p));
  const chart = r.chart;
  if (chart === 'app-template') return appTemplateServices(release, r.values, known && !mayBeOverridden(r, 'service'));
  if (chart === 'longhorn') return { names: [], prefixes: ['longhorn-'], complete: false };
  if (chart === 'mimir-distributed') return fromFullname(helmFullname(release, 'mimir', r.values), false);
  if (chart === 'victoria-logs-single' || chart === 'victoria-metrics-single') return victoriaSingleServices(helmFullname(release, chart, r.values), r.values);
  const standard = standardNamedChart(chart);
  if (standard === undefined) {
    // Unknown conventions: the usual fullname, or the release name, is a good guess but proves nothing.
    const fullname = helmFullname(release, chart ?? release, r.values);
    return { names: [fullname, release], prefixes: [`${fullname}-`, `${release}-`], complete: false };
  }
  const fullname = helmFullname(release, standard.chart, r.values, standard.maxLength);
  // kube-prometheus-stack names its own Services exactly; a prefix would also take in its subcharts' former names.
  const names = chart === 'kube-prometheus-stack' ? KUBE_PROMETHEUS_STACK_SERVICES.map((s) => `${fullname}-${s}`) : [fullname];
  const prefixes = chart === 'kube-prometheus-stack' ? [`${fullname}-prometheus-`, `${fullname}-alertmanager-`] : [`${fullname}-`];
  let complete = known;
  for (const sub of standard.subcharts ?? []) {
    if (valueAtPath(r.values, sub.condition) === false) continue;
    const subFullname = helmFullname(release, sub.chart, r.values[sub.valuesKey]);
    names.push(subFullname);
    prefixes.push(`${subFullname}-`);
    if (mayBeOverridden(r, `${sub.valuesKey}.fullnameOverride`) || mayBeOverridden(r, `${sub.valuesKey}.nameOverride`)) complete = false;
  }
  if (chart === 'kube-prometheus-stack') {
    // The governing Services prometheus-operator creates for the Prometheus and Alertmanager the chart defines.
    if (valueAtPath(r.values, 'prometheus.enabled') !== false) names.push('prometheus-operated');
    if (valueAtPath(r.values, 'alertmanager.enabled') !== false) names.push('alertmanager-operated');
    if (valueAtPath(r.values, 'thanosRuler.enabled') === true) names.push('thanos-ruler-operated');
  }
  return { names, prefixes, complete };
}

/** Kinds (by API group) that create no Service: most of what a GitOps repository holds. */
const SERVICELESS_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'bitnami.com',
  'cert-manager.io',
  'cilium.io',
  'coordination.k8s.io',
  'external-secrets.io',
  'image.toolkit.fluxcd.io',
  'k8s.cni.cncf.io',
  'keda.sh',
  'kyverno.io',
  'kustomize.toolkit.fluxcd.io',
  'longhorn.io',
  'metallb.io',
  'networking.k8s.io',
  'notification.toolkit.fluxcd.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'snapshot.storage.k8s.io',
  'source.toolkit.fluxcd.io',
  'storage.k8s.io',
  'traefik.containo.us',
  'traefik.io',
  'upgrade.cattle.io',
  'velero.io',
  'volsync.backube',
]);

/** Kinds of groups that otherwise create Services, that create none themselves. */
const SERVICELESS_KINDS = new Set([
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/TCPRoute',
  'gateway.networking.k8s.io/TLSRoute',
  'gateway.networking.k8s.io/UDPRoute',
  'gateway.networking.k8s.io/ReferenceGrant',
  'grafana.integreatly.org/GrafanaDashboard',
  'grafana.integreatly.org/GrafanaDatasource',
  'grafana.integreatly.org/GrafanaFolder',
  'grafana.integreatly.org/GrafanaAlertRuleGroup',
  'grafana.integreatly.org/GrafanaContactPoint',
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/PrometheusRule',
  'monitoring.coreos.com/Probe',
  'monitoring.coreos.com/ScrapeConfig',
  'monitoring.coreos.com/AlertmanagerConfig',
  'postgresql.cnpg.io/ScheduledBackup',
  'postgresql.cnpg.io/Backup',
  'postgresql.cnpg.io/Database',
  'gateway.envoyproxy.io/SecurityPolicy',
  'gateway.envoyproxy.io/BackendTrafficPolicy',
  'gateway.envoyproxy.io/ClientTrafficPolicy',
  'gateway.envoyproxy.io/EnvoyPatchPolicy',
  'gateway.envoyproxy.io/EnvoyExtensionPolicy',
  'gateway.envoyproxy.io/EnvoyProxy',
  'gateway.envoyproxy.io/Backend',
]);

/**
 * The Services an object creates through its controller, other than the
 * Service manifests themselves and HelmReleases (see releaseServices):
 * nothing for ordinary kinds; the governing Services of prometheus-operator
 * kinds; the Services of a CloudNativePG Cluster or Pooler and of a
 * grafana-operator Grafana; and, for any other custom kind, an unknown set.
 */
export function controllerServices(resource: Pick<Resource, 'id' | 'name'>): CreatedServices {
  const { group, kind } = resource.id;
  const name = resource.name;
  if (group === '' || SERVICELESS_GROUPS.has(group) || SERVICELESS_KINDS.has(`${group}/${kind}`)) return NOTHING;
  if (group === 'monitoring.coreos.com') {
    if (kind === 'Prometheus' || kind === 'PrometheusAgent') return { names: ['prometheus-operated'], prefixes: [], complete: true };
    if (kind === 'Alertmanager') return { names: ['alertmanager-operated'], prefixes: [], complete: true };
    if (kind === 'ThanosRuler') return { names: ['thanos-ruler-operated'], prefixes: [], complete: true };
  }
  if (group === 'postgresql.cnpg.io') {
    if (kind === 'Cluster') return { names: [`${name}-rw`, `${name}-ro`, `${name}-r`], prefixes: [], complete: true };
    if (kind === 'Pooler') return { names: [name], prefixes: [], complete: true };
  }
  if (group === 'grafana.integreatly.org' && kind === 'Grafana') return { names: [`${name}-service`], prefixes: [], complete: true };
  // The Dragonfly operator serves each Dragonfly through a Service of its name.
  if (group === 'dragonflydb.io' && kind === 'Dragonfly') return { names: [name], prefixes: [], complete: true };
  return { names: [], prefixes: [], complete: false };
}

/** True when the Services cover the name. */
export function createsService(services: CreatedServices, name: string): boolean {
  return services.names.includes(name) || services.prefixes.some((p) => name.startsWith(p));
}
