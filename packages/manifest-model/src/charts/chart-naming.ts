/**
 * How well-known Helm charts name their objects. Most charts name every
 * object after a "fullname" made by the same helper that `helm create`
 * writes: `fullnameOverride` when set; else the release name when it
 * contains the chart's name (`nameOverride`, default the chart name); else
 * `<release>-<name>`, cut to 63 characters without a trailing '-'.
 * Subcharts do the same with their own name and values key, under the
 * parent's release name: kube-prometheus-stack released as
 * `kube-prometheus-stack` makes `kube-prometheus-stack-grafana`.
 */
import { isRecord } from '../resources/resource.js';
import { valueAtPath } from './helm-release-chart.js';

/** A subchart that names its objects with the standard helper. */
export interface StandardSubchart {
  /** The subchart's name (its Chart.yaml `name`). */
  readonly chart: string;
  /** Where its values sit in the parent's values. */
  readonly valuesKey: string;
  /** The dotted values path of the dependency's `condition`; the subchart is on unless it is false. */
  readonly condition: string;
}

/** A chart whose objects are named from the standard fullname. */
export interface StandardNamedChart {
  readonly chart: string;
  /** Length the fullname is cut to. @default 63 */
  readonly maxLength?: number;
  /** Subcharts named the same way, on by default. */
  readonly subcharts?: readonly StandardSubchart[];
}

/**
 * Charts known to name their objects from the standard fullname (checked
 * against their templates), by chart name. Charts whose names are fixed
 * (longhorn) or are the release name (bjw-s app-template) are not here.
 */
export const STANDARD_NAMED_CHARTS: readonly StandardNamedChart[] = [
  { chart: 'alertmanager' },
  { chart: 'cert-manager' },
  { chart: 'external-dns' },
  { chart: 'grafana' },
  { chart: 'ingress-nginx' },
  { chart: 'kube-state-metrics' },
  {
    chart: 'kube-prometheus-stack',
    // Its own objects add up to 37 characters to the fullname.
    maxLength: 26,
    subcharts: [
      { chart: 'grafana', valuesKey: 'grafana', condition: 'grafana.enabled' },
      { chart: 'kube-state-metrics', valuesKey: 'kube-state-metrics', condition: 'kubeStateMetrics.enabled' },
      { chart: 'prometheus-node-exporter', valuesKey: 'prometheus-node-exporter', condition: 'nodeExporter.enabled' },
    ],
  },
  { chart: 'loki' },
  { chart: 'metrics-server' },
  { chart: 'podinfo' },
  {
    chart: 'prometheus',
    subcharts: [
      { chart: 'alertmanager', valuesKey: 'alertmanager', condition: 'alertmanager.enabled' },
      { chart: 'kube-state-metrics', valuesKey: 'kube-state-metrics', condition: 'kube-state-metrics.enabled' },
      { chart: 'prometheus-node-exporter', valuesKey: 'prometheus-node-exporter', condition: 'prometheus-node-exporter.enabled' },
      { chart: 'prometheus-pushgateway', valuesKey: 'prometheus-pushgateway', condition: 'prometheus-pushgateway.enabled' },
    ],
  },
  { chart: 'prometheus-blackbox-exporter' },
  { chart: 'prometheus-node-exporter' },
  { chart: 'prometheus-pushgateway' },
  { chart: 'promtail' },
  { chart: 'tempo' },
  { chart: 'traefik' },
];

export function standardNamedChart(chart: string | undefined): StandardNamedChart | undefined {
  return chart === undefined ? undefined : STANDARD_NAMED_CHARTS.find((c) => c.chart === chart);
}

function cut(name: string, maxLength: number): string {
  return name.slice(0, maxLength).replace(/-+$/, '');
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The standard Helm fullname of a chart (or subchart, given its own values) in a release. */
export function helmFullname(release: string, chart: string, values: unknown, maxLength = 63): string {
  const own = isRecord(values) ? values : {};
  const override = nonEmptyString(own['fullnameOverride']);
  if (override !== undefined) return cut(override, maxLength);
  const name = nonEmptyString(own['nameOverride']) ?? chart;
  return cut(release.includes(name) ? release : `${release}-${name}`, maxLength);
}

/** A chart or subchart of a release whose objects carry the release name in front of the chart name. */
export interface PrefixedComponent {
  readonly chart: string;
  /** The name its objects start with. */
  readonly fullname: string;
  /** The values path that fixes it: `fullnameOverride` or `<subchart key>.fullnameOverride`. */
  readonly overridePath: string;
}

/**
 * The parts of a release of a standard-named chart whose objects are named
 * `<release>-<chart>`: no fullnameOverride, and the release name does not
 * contain the (sub)chart's name. Subcharts switched off are left out.
 */
export function prefixedComponents(naming: StandardNamedChart, release: string, values: Readonly<Record<string, unknown>>): PrefixedComponent[] {
  const out: PrefixedComponent[] = [];
  const consider = (chart: string, own: unknown, overridePath: string, maxLength: number) => {
    const ownValues = isRecord(own) ? own : {};
    if (nonEmptyString(ownValues['fullnameOverride']) !== undefined) return;
    const name = nonEmptyString(ownValues['nameOverride']) ?? chart;
    if (release.includes(name)) return;
    out.push({ chart, fullname: helmFullname(release, chart, ownValues, maxLength), overridePath });
  };
  consider(naming.chart, values, 'fullnameOverride', naming.maxLength ?? 63);
  for (const sub of naming.subcharts ?? []) {
    if (valueAtPath(values, sub.condition) === false) continue;
    consider(sub.chart, values[sub.valuesKey], `${sub.valuesKey}.fullnameOverride`, 63);
  }
  return out;
}
