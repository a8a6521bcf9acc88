import { parse as parseYaml } from 'yaml';
import { isHelmRelease } from '../flux/kinds.js';
import { isRecord } from '../resources/resource.js';
import { parseHelmRelease } from '../flux/helm-release.js';
import type { HelmRelease } from '../flux/helm-release.js';
import type { RepositoryModel } from '../model/repository-model.js';
import type { Resource } from '../resources/resource.js';

/** What a Flux HelmRelease installs, as far as the repository tells. */
export interface HelmReleaseChart {
  readonly resource: Resource;
  /** Where the chart's objects go: spec.targetNamespace, else the HelmRelease's namespace. */
  readonly namespace: string;
  /** The Helm release name; undefined when Flux would shorten it with a hash (over 53 characters). */
  readonly release: string | undefined;
  /** The chart's name (Chart.yaml `name`), from spec.chart or the OCIRepository / HelmChart of spec.chartRef. */
  readonly chart: string | undefined;
  /** spec.values over the valuesFrom documents that the repository holds. */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * Dotted paths whose value comes from a source the repository does not
   * show (a Secret, a missing ConfigMap); '' when a whole values document is
   * unknown, so that any value may be overridden.
   */
  readonly unknownPaths: readonly string[];
}

/** Last path segment of a chart reference, without an OCI tag or digest: `oci://ghcr.io/org/charts/app:1.0` → `app`. */
export function chartNameFromReference(reference: string): string | undefined {
  const withoutDigest = reference.replace(/@sha256:[0-9a-f]+$/i, '');
  const last = withoutDigest.replace(/\/+$/, '').split('/').pop() ?? '';
  const name = last.replace(/:[^:]*$/, '');
  return name === '' || name === '.' ? undefined : name;
}

function applied(model: RepositoryModel, kind: string, group: string, namespace: string, name: string): Resource | undefined {
  return model.resources.find((r) => r.kind === kind && r.id.group === group && r.namespace === namespace && r.name === name && r.appliedBy.length > 0);
}

// Not the model's chart: for a chartRef that is the source's name, while the chart's name is the last segment of the source's URL.
function chartName(model: RepositoryModel, resource: Resource, hr: HelmRelease): string | undefined {
  const spec = isRecord(resource.body['spec']) ? resource.body['spec'] : {};
  const chartSpec = isRecord(spec['chart']) && isRecord(spec['chart']['spec']) ? spec['chart']['spec'] : undefined;
  if (chartSpec && typeof chartSpec['chart'] === 'string') return chartNameFromReference(chartSpec['chart']);
  if (!hr.chartRef) return undefined;
  const source = applied(model, hr.chartRef.kind, 'source.toolkit.fluxcd.io', hr.chartRef.namespace, hr.chartRef.name);
  const sourceSpec = source && isRecord(source.body['spec']) ? source.body['spec'] : {};
  if (hr.chartRef.kind === 'OCIRepository' && typeof sourceSpec['url'] === 'string') return chartNameFromReference(sourceSpec['url']);
  if (hr.chartRef.kind === 'HelmChart' && typeof sourceSpec['chart'] === 'string') return chartNameFromReference(sourceSpec['chart']);
  return undefined;
}

/** Merge `over` into `base` the way Helm merges values maps (maps merge, anything else replaces). */
function mergeValues(base: Record<string, unknown>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeValues(current, value) : value;
  }
  return out;
}

function setPath(values: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  const nested = keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  return mergeValues(values, nested as Record<string, unknown>);
}

/**
 * spec.values over the valuesFrom entries, in Flux's order: each valuesFrom
 * entry merged over the previous ones, spec.values last. A ConfigMap of the
 * repository is read; a Secret (its values are masked) or a source the
 * repository lacks is unknown.
 */
function releaseValues(model: RepositoryModel, resource: Resource, hr: HelmRelease): { values: Record<string, unknown>; unknownPaths: string[] } {
  const namespace = hr.namespace;
  const spec = isRecord(resource.body['spec']) ? resource.body['spec'] : {};
  // Read here, not from the model's valuesFrom: that has no targetPath, and leaves out entries without a name.
  const entries = Array.isArray(spec['valuesFrom']) ? spec['valuesFrom'].filter(isRecord) : [];
  let values: Record<string, unknown> = {};
  const unknownPaths: string[] = [];
  for (const entry of entries) {
    const name = typeof entry['name'] === 'string' ? entry['name'] : undefined;
    if (name === undefined) continue;
    const kind = typeof entry['kind'] === 'string' ? entry['kind'] : 'ConfigMap';
    const key = typeof entry['valuesKey'] === 'string' && entry['valuesKey'] !== '' ? entry['valuesKey'] : 'values.yaml';
    const targetPath = typeof entry['targetPath'] === 'string' && entry['targetPath'] !== '' ? entry['targetPath'] : undefined;
    const source = kind === 'ConfigMap' ? applied(model, 'ConfigMap', '', namespace, name) : undefined;
    const data = source && isRecord(source.body['data']) ? source.body['data'][key] : undefined;
    if (typeof data !== 'string') {
      if (entry['optional'] !== true || kind !== 'ConfigMap') unknownPaths.push(targetPath ?? '');
      continue;
    }
    if (targetPath !== undefined) {
      values = setPath(values, targetPath, data);
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(data);
    } catch {
      unknownPaths.push('');
      continue;
    }
    if (isRecord(parsed)) values = mergeValues(values, parsed);
  }
  return { values: mergeValues(values, hr.values), unknownPaths };
}

const chartsCache = new WeakMap<RepositoryModel, readonly HelmReleaseChart[]>();

/** Every HelmRelease that Flux applies, with its chart, release name and values (worked out once per model). */
export function helmReleaseCharts(model: RepositoryModel): readonly HelmReleaseChart[] {
  const cached = chartsCache.get(model);
  if (cached) return cached;
  const out: HelmReleaseChart[] = [];
  for (const resource of model.resources) {
    if (!isHelmRelease(resource.apiVersion, resource.kind) || resource.appliedBy.length === 0) continue;
    const hr = parseHelmRelease(resource.body, resource.namespace ?? 'default');
    const { values, unknownPaths } = releaseValues(model, resource, hr);
    out.push({
      resource,
      namespace: hr.targetNamespace ?? hr.namespace,
      release: hr.releaseName,
      chart: chartName(model, resource, hr),
      values,
      unknownPaths,
    });
  }
  chartsCache.set(model, out);
  return out;
}

/** The value at a dotted path of a values map. */
export function valueAtPath(values: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** True when a valuesFrom source the repository does not show may set this dotted path. */
export function mayBeOverridden(chart: Pick<HelmReleaseChart, 'unknownPaths'>, path: string): boolean {
  return chart.unknownPaths.some((p) => p === '' || p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}
