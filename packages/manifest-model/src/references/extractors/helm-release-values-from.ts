import { isRecord } from '../../resources/resource.js';
import type { ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences } from './extractor.js';
import { isHelmRelease } from '../../flux/kinds.js';

/**
 * HelmRelease spec.valuesFrom: Secrets and ConfigMaps in the HelmRelease's
 * own namespace, `detail` the values key read (`values.yaml` by default).
 * The chart source (spec.chart.spec.sourceRef, spec.chartRef) is not a
 * Secret reference and belongs to the Flux graph.
 */
export const helmReleaseValuesFromExtractor: ReferenceExtractor = {
  name: 'helm-release-values-from',
  extract(resource) {
    if (!isHelmRelease(resource.apiVersion, resource.kind)) return [];
    const refs = collectReferences(resource, 'helm-release-values-from');
    arrayAt(resource.body, ['spec', 'valuesFrom']).forEach((entry, i) => {
      if (!isRecord(entry)) return;
      const kind = entry['kind'];
      if (kind !== 'Secret' && kind !== 'ConfigMap') return;
      const valuesKey = typeof entry['valuesKey'] === 'string' && entry['valuesKey'] !== '' ? entry['valuesKey'] : 'values.yaml';
      refs.add(['spec', 'valuesFrom', i, 'name'], { kind, namespace: resource.namespace, name: entry['name'] }, {
        optional: entry['optional'] === true,
        detail: valuesKey,
      });
    });
    return refs.references;
  },
};
