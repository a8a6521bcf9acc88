import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { helmReleaseValuesFromExtractor } from './helm-release-values-from.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(helmReleaseValuesFromExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('helm-release-values-from extractor', () => {
  it.each(['helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta1', 'helm.toolkit.fluxcd.io/v2beta2'])(
    'finds valuesFrom Secrets and ConfigMaps of a %s HelmRelease in its own namespace',
    (apiVersion) => {
      const yaml = `apiVersion: ${apiVersion}
kind: HelmRelease
metadata:
  name: grafana
  namespace: flux-system
spec:
  targetNamespace: monitoring
  chart:
    spec:
      chart: grafana
      sourceRef:
        kind: HelmRepository
        name: grafana
  valuesFrom:
    - kind: ConfigMap
      name: grafana-values
    - kind: Secret
      name: grafana-secret-values
      valuesKey: admin.yaml
      optional: true
    - kind: Unknown
      name: ignored
`;
      expect(extract(yaml)).toEqual([
        'helm-release-values-from ConfigMap flux-system/grafana-values spec.valuesFrom[0].name L16 [values.yaml]',
        'helm-release-values-from Secret flux-system/grafana-secret-values spec.valuesFrom[1].name L18 optional [admin.yaml]',
      ]);
    },
  );

  it('does not read chartRef, chart sourceRef, or another kind with valuesFrom', () => {
    expect(extract('apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: a, namespace: n }\nspec:\n  chartRef: { kind: OCIRepository, name: a }\n')).toEqual([]);
    expect(extract('apiVersion: example.com/v1\nkind: HelmRelease\nmetadata: { name: a, namespace: n }\nspec:\n  valuesFrom:\n    - { kind: Secret, name: s }\n')).toEqual([]);
  });
});
