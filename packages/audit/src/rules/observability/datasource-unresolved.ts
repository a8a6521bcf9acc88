import { grafanaDatasourceOf } from '@kustodian/manifest-model';
import { serviceReferences, ServiceResolver, unresolvedServiceReport } from '../../charts/service-resolution.js';
import { defineRule } from '../../engine/define-rule.js';

/** A grafana and a loki release in observability; Grafana's Loki datasource points at `url`. */
const lokiDatasource = (url: string) => ({
  'clusters/home/kustomization.yaml': 'resources:\n  - ../../observability\n',
  'observability/kustomization.yaml': 'namespace: observability\nresources:\n  - namespace.yaml\n  - loki.yaml\n  - grafana.yaml\n',
  'observability/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: observability\n',
  'observability/loki.yaml':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: loki\nspec:\n  chart:\n    spec:\n      chart: loki\n      sourceRef:\n        kind: HelmRepository\n        name: grafana\n',
  'observability/grafana.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: grafana\nspec:\n  chart:\n    spec:\n      chart: grafana\n      sourceRef:\n        kind: HelmRepository\n        name: grafana\n  values:\n    datasources:\n      datasources.yaml:\n        apiVersion: 1\n        datasources:\n          - name: Loki\n            type: loki\n            url: ${url}\n`,
});

export default defineRule({
  id: 'datasource-unresolved',
  meta: {
    category: 'observability',
    defaultSeverity: 'warning',
    summary: 'A Grafana datasource URL names a Service that nothing in the repository creates.',
    rationale:
      'Grafana keeps a datasource whose URL does not resolve and shows "no data" (or a proxy error) on every panel that uses it, so a moved or renamed Loki or Prometheus goes unnoticed until someone needs the logs. Datasources are read from Helm values (`datasources`, `grafana.additionalDataSources`), ConfigMaps labelled `grafana_datasource` and GrafanaDatasource objects. A Service counts as existing when a manifest defines it, or when a HelmRelease or operator in that namespace creates it by the naming conventions of well-known charts (kube-prometheus-stack, grafana, loki, prometheus, tempo, mimir, victoria-metrics, bjw-s app-template) and of prometheus-operator, CloudNativePG and grafana-operator. Where the namespace exists but what creates its Services is unknown (another chart, k3s, Flux), the finding is only informational ("cannot verify").',
    fix: 'Point the URL at <service>.<namespace>.svc.cluster.local as the Service is named now (for a chart, its fullname: set `fullnameOverride` to keep names stable), or create the Service.',
    messages: {
      namespaceMissing: 'Grafana datasource {{datasource}} ({{referrer}}, {{field}}) points at {{url}}, but namespace {{namespace}} does not exist{{hint}}.',
      serviceMissing: 'Grafana datasource {{datasource}} ({{referrer}}, {{field}}) points at {{url}}, but nothing creates Service {{service}} in namespace {{namespace}}{{hint}}.',
      unverifiable: 'Grafana datasource {{datasource}} ({{referrer}}, {{field}}) points at {{url}}; Service {{service}} in {{namespace}} cannot be verified: {{reason}}.',
    },
    examples: {
      invalid: [{ title: 'A Loki datasource that still points at the old namespace', repo: lokiDatasource('http://loki-gateway.monitoring.svc.cluster.local') }],
      valid: [{ title: 'The datasource names the gateway Service of the loki release', repo: lokiDatasource('http://loki-gateway.observability.svc.cluster.local') }],
    },
  },
  check({ model, config, report }) {
    const resolver = new ServiceResolver(model, config);
    for (const reference of serviceReferences(model)) {
      const datasource = grafanaDatasourceOf(reference.referrer, reference.ref);
      if (!datasource) continue;
      const unresolved = unresolvedServiceReport(resolver, reference);
      if (!unresolved) continue;
      const at = { location: reference.ref.location, resource: reference.referrer };
      const name = datasource.name ?? 'without a name';
      if (unresolved.messageId === 'unverifiable') report({ ...at, messageId: 'unverifiable', data: { ...unresolved.data, datasource: name }, severity: unresolved.severity });
      else report({ ...at, messageId: unresolved.messageId, data: { ...unresolved.data, datasource: name } });
    }
  },
});
