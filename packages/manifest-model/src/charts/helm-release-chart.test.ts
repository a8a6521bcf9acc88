import { loadRepository } from '../model/load-repository.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { chartNameFromReference, helmReleaseCharts, mayBeOverridden } from './helm-release-chart.js';

describe('chartNameFromReference', () => {
  it('takes the last path segment without tag or digest', () => {
    expect(chartNameFromReference('oci://ghcr.io/bjw-s-labs/helm/app-template')).toBe('app-template');
    expect(chartNameFromReference('oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack:67.9.0')).toBe('kube-prometheus-stack');
    expect(chartNameFromReference('oci://registry.example.test/charts/loki@sha256:0123abcd')).toBe('loki');
    expect(chartNameFromReference('./charts/podinfo/')).toBe('podinfo');
    expect(chartNameFromReference('grafana')).toBe('grafana');
  });
});

describe('helmReleaseCharts', () => {
  const hr = (spec: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: logs\n  namespace: observability\nspec:\n${spec}`;
  const load = (files: Record<string, string>) => loadRepository(new MemoryFileSystem({ 'clusters/home/kustomization.yaml': `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`, ...Object.fromEntries(Object.entries(files).map(([f, c]) => [`clusters/home/${f}`, c])) }));

  it('reads the chart name from spec.chart or from the OCIRepository of spec.chartRef, and the release name', () => {
    const [a] = helmReleaseCharts(load({ 'a.yaml': hr('  targetNamespace: logging\n  chart:\n    spec:\n      chart: loki\n') }));
    expect([a!.chart, a!.release, a!.namespace]).toEqual(['loki', 'logging-logs', 'logging']);
    const oci =
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: loki\n  namespace: observability\nspec:\n  url: oci://ghcr.io/grafana/helm-charts/loki\n';
    const [b] = helmReleaseCharts(load({ 'oci.yaml': oci, 'b.yaml': hr('  releaseName: loki\n  chartRef:\n    kind: OCIRepository\n    name: loki\n') }));
    expect([b!.chart, b!.release, b!.namespace]).toEqual(['loki', 'loki', 'observability']);
  });

  it('merges ConfigMap valuesFrom under spec.values, and marks Secret values unknown', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loki-values\n  namespace: observability\ndata:\n  values.yaml: |\n    fullnameOverride: loki\n    gateway:\n      enabled: false\n';
    const spec =
      '  chart:\n    spec:\n      chart: loki\n  valuesFrom:\n    - kind: ConfigMap\n      name: loki-values\n    - kind: Secret\n      name: loki-s3\n      valuesKey: key\n      targetPath: loki.storage.s3.secretAccessKey\n  values:\n    gateway:\n      enabled: true\n';
    const [r] = helmReleaseCharts(load({ 'cm.yaml': cm, 'hr.yaml': hr(spec) }));
    expect(r!.values).toEqual({ fullnameOverride: 'loki', gateway: { enabled: true } });
    expect(r!.unknownPaths).toEqual(['loki.storage.s3.secretAccessKey']);
    expect(mayBeOverridden(r!, 'fullnameOverride')).toBe(false);
    expect(mayBeOverridden(r!, 'loki.storage')).toBe(true);
  });

  it('marks every value unknown for a whole values document from a Secret', () => {
    const [r] = helmReleaseCharts(load({ 'hr.yaml': hr('  chart:\n    spec:\n      chart: loki\n  valuesFrom:\n    - kind: Secret\n      name: loki-values\n') }));
    expect(mayBeOverridden(r!, 'fullnameOverride')).toBe(true);
  });
});
