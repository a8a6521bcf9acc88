import { parse as parseYaml } from 'yaml';
import { isHelmRelease } from '../flux/kinds.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import { valueAt } from '../references/extractors/extractor.js';
import type { Reference } from '../references/reference.js';
import type { Resource } from '../resources/resource.js';

/** The label Grafana's provisioning sidecar looks for on datasource ConfigMaps and Secrets. */
export const GRAFANA_DATASOURCE_LABEL = 'grafana_datasource';

/** Keys under which Helm values list Grafana datasources (grafana chart `datasources`, kube-prometheus-stack `grafana.additionalDataSources`). */
const DATASOURCE_LISTS = new Set(['datasources', 'additionalDataSources']);

function nameOf(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry['name'] === 'string' && entry['name'] !== '' ? entry['name'] : undefined;
}

/** A Grafana datasource that a Service reference belongs to. */
export interface GrafanaDatasource {
  /** The datasource's `name`, when it has one. */
  readonly name: string | undefined;
}

/**
 * The Grafana datasource a Service URL reference is the `url` of, or
 * undefined when the reference is not a datasource's: HelmRelease values
 * under `datasources` / `additionalDataSources` (grafana,
 * kube-prometheus-stack and charts embedding Grafana), provisioning files in
 * ConfigMaps labelled `grafana_datasource`, and grafana-operator
 * GrafanaDatasource objects.
 */
export function grafanaDatasourceOf(referrer: Resource, ref: Reference): GrafanaDatasource | undefined {
  const path = ref.path;
  if (isHelmRelease(referrer.apiVersion, referrer.kind)) {
    if (path[path.length - 1] !== 'url' || !path.some((k) => typeof k === 'string' && DATASOURCE_LISTS.has(k))) return undefined;
    return { name: nameOf(valueAt(referrer.body, path.slice(0, -1))) };
  }
  if (referrer.id.group === 'grafana.integreatly.org' && referrer.kind === 'GrafanaDatasource') {
    return { name: nameOf(valueAt(referrer.body, ['spec', 'datasource'])) };
  }
  if (referrer.id.group === '' && referrer.kind === 'ConfigMap') {
    const labels = metadataOf(referrer.body)['labels'];
    if (!isRecord(labels) || !(GRAFANA_DATASOURCE_LABEL in labels)) return undefined;
    return { name: provisionedName(valueAt(referrer.body, path), ref) };
  }
  return undefined;
}

/** The name of the datasource, in a provisioning file, whose url names the reference's Service. */
function provisionedName(file: unknown, ref: Reference): string | undefined {
  if (typeof file !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = parseYaml(file);
  } catch {
    return undefined;
  }
  const list = isRecord(parsed) && Array.isArray(parsed['datasources']) ? parsed['datasources'] : [];
  const host = `${ref.to.name}.${ref.to.namespace ?? ''}`;
  return nameOf(list.find((d) => isRecord(d) && typeof d['url'] === 'string' && d['url'].includes(host)));
}
