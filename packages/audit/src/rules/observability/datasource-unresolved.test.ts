import { runRuleTestCase, RuleTester } from '../../testing/rule-tester.js';
import { helmRelease as helmReleaseOf } from '../../testing/fixtures.js';
import rule from './datasource-unresolved.js';

const helmRelease = (name: string, chart: string, values = '') => helmReleaseOf(name, chart, { values });

/** kube-prometheus-stack with one additional Grafana datasource (its url on line 17). */
const kubePrometheusStack = (url: string) =>
  helmRelease('kube-prometheus-stack', 'kube-prometheus-stack', `    grafana:\n      additionalDataSources:\n        - name: Loki\n          type: loki\n          url: ${url}\n`);

/** clusters/home applies the observability folder (namespace observability), which holds the given files. */
const observability = (files: Record<string, string>, extra: Record<string, string> = {}) => ({
  'clusters/home/kustomization.yaml': 'resources:\n  - ../../observability\n',
  'observability/kustomization.yaml': `namespace: observability\nresources:\n  - namespace.yaml\n${Object.keys(files)
    .map((f) => `  - ${f}\n`)
    .join('')}`,
  'observability/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: observability\n',
  ...Object.fromEntries(Object.entries(files).map(([f, c]) => [`observability/${f}`, c])),
  ...extra,
});

const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n    - port: 80\n`;
const provisioning = (url: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: datasources\n  labels:\n    grafana_datasource: "1"\ndata:\n  datasources.yaml: |\n    apiVersion: 1\n    datasources:\n      - name: Prometheus\n        type: prometheus\n        url: ${url}\n`;
const grafanaDatasource = (url: string) =>
  `apiVersion: grafana.integreatly.org/v1beta1\nkind: GrafanaDatasource\nmetadata:\n  name: metrics\nspec:\n  datasource:\n    name: Metrics\n    type: prometheus\n    url: ${url}\n`;
const unverifiable = observability({ 'vm.yaml': helmRelease('vm', 'some-metrics-chart'), 'datasource.yaml': grafanaDatasource('http://vmselect.observability.svc:8481') });

new RuleTester().run(rule, {
  valid: [
    {
      name: 'a datasource to the gateway of the loki release in the same namespace',
      repo: observability({ 'loki.yaml': helmRelease('loki', 'loki'), 'kps.yaml': kubePrometheusStack('http://loki-gateway.observability.svc.cluster.local') }),
    },
    {
      name: 'a datasource to the Prometheus that kube-prometheus-stack makes (operator and chart Services)',
      repo: observability({ 'kps.yaml': kubePrometheusStack('http://prometheus-operated.observability:9090'), 'ds.yaml': grafanaDatasource('http://kube-prometheus-stack-prometheus.observability.svc:9090') }),
    },
    {
      name: 'a provisioning ConfigMap and a GrafanaDatasource pointing at Service manifests',
      repo: observability({ 'svc.yaml': service('prometheus-server'), 'cm.yaml': provisioning('http://prometheus-server.observability.svc:9090'), 'ds.yaml': grafanaDatasource('http://prometheus-server.observability.svc:9090') }),
    },
    {
      name: 'an in-cluster URL that is no datasource (service-ref-unresolved reports it)',
      repo: observability({ 'promtail.yaml': helmRelease('promtail', 'promtail', '    config:\n      clients:\n        - url: http://loki-gateway.monitoring.svc.cluster.local/loki/api/v1/push\n') }),
    },
    {
      name: 'a ConfigMap with a datasource file but without the grafana_datasource label',
      repo: observability({ 'cm.yaml': provisioning('http://prometheus.monitoring.svc:9090').replace('  labels:\n    grafana_datasource: "1"\n', '') }),
    },
    {
      name: 'a datasource in a file that nothing applies',
      repo: observability({ 'loki.yaml': helmRelease('loki', 'loki') }, { 'old/kps.yaml': kubePrometheusStack('http://loki-gateway.monitoring.svc.cluster.local') }),
    },
  ],
  invalid: [
    {
      name: 'a kube-prometheus-stack datasource to a namespace that no longer exists, at the url line',
      repo: observability({ 'loki.yaml': helmRelease('loki', 'loki'), 'kps.yaml': kubePrometheusStack('http://loki-gateway.monitoring.svc.cluster.local') }),
      findings: [
        {
          messageId: 'namespaceMissing',
          file: 'observability/kps.yaml',
          line: 17,
          message:
            'Grafana datasource Loki (HelmRelease observability/kube-prometheus-stack, spec.values.grafana.additionalDataSources[0].url) points at http://loki-gateway.monitoring.svc.cluster.local, but namespace monitoring does not exist; loki-gateway exists in observability.',
        },
      ],
    },
    {
      name: 'a provisioning ConfigMap with a misspelt Service, in a namespace whose Services are all known',
      repo: observability({ 'svc.yaml': service('prometheus-server'), 'cm.yaml': provisioning('http://prometheus-sever.observability.svc:9090') }),
      findings: [
        {
          messageId: 'serviceMissing',
          file: 'observability/cm.yaml',
          line: 13,
          message:
            'Grafana datasource Prometheus (ConfigMap observability/datasources, data["datasources.yaml"]) points at http://prometheus-sever.observability.svc:9090, but nothing creates Service prometheus-sever in namespace observability; the nearest name there is prometheus-server.',
        },
      ],
    },
    {
      name: 'a GrafanaDatasource to a namespace where an unknown chart may create the Service: cannot verify',
      repo: unverifiable,
      findings: [
        {
          messageId: 'unverifiable',
          file: 'observability/datasource.yaml',
          line: 9,
          message:
            'Grafana datasource Metrics (GrafanaDatasource observability/metrics, spec.datasource.url) points at http://vmselect.observability.svc:8481; Service vmselect in observability cannot be verified: it may come from HelmRelease observability/vm (chart some-metrics-chart), whose Service names Kustodian does not know.',
        },
      ],
    },
  ],
});

describe('datasource-unresolved severities', () => {
  it('reports "cannot verify" as info, also when the rule is raised to error', () => {
    expect(runRuleTestCase(rule, { name: 'default', repo: unverifiable }).map((f) => f.severity)).toEqual(['info']);
    const raised = { ...unverifiable, 'kustodian.yaml': 'rules:\n  datasource-unresolved: error\n' };
    expect(runRuleTestCase(rule, { name: 'raised', repo: raised }).map((f) => f.severity)).toEqual(['info']);
  });
});
