import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { serviceUrlsExtractor } from './service-urls.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(serviceUrlsExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('service-urls extractor', () => {
  it('finds Service URLs anywhere in HelmRelease values, with {{ .Release.Namespace }} expanded', () => {
    const yaml = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: grafana
  namespace: monitoring
spec:
  values:
    grafana:
      additionalDataSources:
        - name: Loki
          type: loki
          url: http://loki-gateway.logging
        - name: Prometheus
          url: http://prometheus-operated.{{ .Release.Namespace }}.svc.cluster.local:9090
    ingress:
      hosts: [grafana.example.com]
    image:
      repository: ghcr.io/org/img
    smtp:
      host: smtp.gmail.com:587
    homepage: https://github.com/x/y
`;
    expect(extract(yaml)).toEqual([
      'service-url Service logging/loki-gateway spec.values.grafana.additionalDataSources[0].url L12 [http://loki-gateway.logging]',
      'service-url Service monitoring/prometheus-operated spec.values.grafana.additionalDataSources[1].url L14 [http://prometheus-operated.monitoring.svc.cluster.local:9090]',
    ]);
  });

  it('finds datasource URLs inside a provisioning file embedded in a ConfigMap, at their own line', () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: grafana-datasources
  namespace: monitoring
  labels:
    grafana_datasource: "1"
data:
  datasources.yaml: |
    apiVersion: 1
    datasources:
      - name: Prometheus
        type: prometheus
        url: http://prometheus.monitoring.svc:9090

      - name: Tempo
        url: tempo.tracing.svc.cluster.local:3200
  public.yaml: |
    url: https://grafana.example.com
  plain: http://alertmanager.monitoring:9093
`;
    expect(extract(yaml)).toEqual([
      'service-url Service monitoring/prometheus data["datasources.yaml"] L14 [http://prometheus.monitoring.svc:9090]',
      'service-url Service tracing/tempo data["datasources.yaml"] L17 [tempo.tracing.svc.cluster.local:3200]',
      'service-url Service monitoring/alertmanager data.plain L20 [http://alertmanager.monitoring:9093]',
    ]);
  });

  it('finds the URL of a GrafanaDatasource, a Flux Provider address and container env values', () => {
    const datasource = `apiVersion: grafana.integreatly.org/v1beta1
kind: GrafanaDatasource
metadata: { name: prometheus, namespace: o11y }
spec:
  datasource:
    name: Prometheus
    url: http://prometheus-operated.o11y.svc.cluster.local:9090
`;
    expect(extract(datasource)).toEqual([
      'service-url Service o11y/prometheus-operated spec.datasource.url L7 [http://prometheus-operated.o11y.svc.cluster.local:9090]',
    ]);
    const provider = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec:
  type: alertmanager
  address: http://alertmanager-operated.o11y.svc.cluster.local:9093/api/v2/alerts/
`;
    expect(extract(provider)).toEqual([
      'service-url Service o11y/alertmanager-operated spec.address L6 [http://alertmanager-operated.o11y.svc.cluster.local:9093/api/v2/alerts/]',
    ]);
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: cleaner, namespace: media }
spec:
  template:
    spec:
      containers:
        - name: app
          env:
            - name: RADARR_URL
              value: http://radarr.media.svc.cluster.local
            - name: PUBLIC
              value: https://example.com
`;
    expect(extract(deployment)).toEqual([
      'service-url Service media/radarr spec.template.spec.containers[0].env[0].value L11 [http://radarr.media.svc.cluster.local]',
    ]);
  });

  it('finds nothing in public addresses, Secrets or unrelated kinds', () => {
    const values = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: a, namespace: n }
spec:
  values:
    - https://github.com/x/y
    - ghcr.io/org/img
    - example.com
    - smtp.gmail.com:587
    - foo.bar
`;
    expect(extract(values)).toEqual([]);
    expect(extract('apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: n }\nstringData:\n  url: http://db.database:5432\n')).toEqual([]);
    expect(extract('apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: n }\nspec:\n  externalName: db.database.svc.cluster.local\n')).toEqual([]);
  });
});
