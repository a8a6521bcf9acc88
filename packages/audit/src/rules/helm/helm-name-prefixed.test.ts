import { RuleTester } from '../../testing/rule-tester.js';
import { clusterHome as cluster, helmRelease as helmReleaseOf } from '../../testing/fixtures.js';
import rule from './helm-name-prefixed.js';

/** A HelmRelease in observability (metadata.name on line 4), from spec.chart or with extra spec lines. */
const helmRelease = (name: string, chart: string, spec = '') => helmReleaseOf(name, chart, { namespace: 'observability', spec });

const subchartOverrides = '    grafana:\n      fullnameOverride: grafana\n    kube-state-metrics:\n      fullnameOverride: kube-state-metrics\n    prometheus-node-exporter:\n      fullnameOverride: node-exporter\n';

new RuleTester().run(rule, {
  valid: [
    { name: 'releases named like their chart', repo: cluster({ 'loki.yaml': helmRelease('loki', 'loki'), 'traefik.yaml': helmRelease('traefik', 'traefik'), 'promtail.yaml': helmRelease('promtail-agent', 'promtail') }) },
    { name: 'kube-prometheus-stack with every subchart name fixed', repo: cluster({ 'kps.yaml': helmRelease('kube-prometheus-stack', 'kube-prometheus-stack', `  values:\n${subchartOverrides}`) }) },
    {
      name: 'kube-prometheus-stack with subcharts switched off or fixed',
      repo: cluster({
        'kps.yaml': helmRelease(
          'kube-prometheus-stack',
          'kube-prometheus-stack',
          '  values:\n    grafana:\n      enabled: false\n    kubeStateMetrics:\n      enabled: false\n    prometheus-node-exporter:\n      fullnameOverride: node-exporter\n',
        ),
      }),
    },
    { name: 'a fullnameOverride', repo: cluster({ 'loki.yaml': helmRelease('logs', 'loki', '  values:\n    fullnameOverride: loki\n') }) },
    { name: 'a chart whose naming is not known', repo: cluster({ 'app.yaml': helmRelease('web', 'app-template') }) },
    {
      name: 'values from a Secret that may set the override',
      repo: cluster({ 'loki.yaml': helmRelease('logs', 'loki', '  valuesFrom:\n    - kind: Secret\n      name: loki-values\n') }),
    },
    { name: 'a HelmRelease that nothing applies', repo: { ...cluster({ 'loki.yaml': helmRelease('loki', 'loki') }), 'old/loki.yaml': helmRelease('logs', 'loki') } },
  ],
  invalid: [
    {
      name: 'kube-prometheus-stack without overrides, at metadata.name',
      repo: cluster({ 'kps.yaml': helmRelease('kube-prometheus-stack', 'kube-prometheus-stack') }),
      findings: [
        {
          messageId: 'prefixed',
          file: 'clusters/home/kps.yaml',
          line: 4,
          column: 3,
          message:
            'HelmRelease observability/kube-prometheus-stack (chart kube-prometheus-stack, release kube-prometheus-stack) names its objects after the release: kube-prometheus-stack-grafana, kube-prometheus-stack-kube-state-metrics, kube-prometheus-stack-prometheus-node-exporter; set grafana.fullnameOverride, kube-state-metrics.fullnameOverride, prometheus-node-exporter.fullnameOverride to fixed names.',
        },
      ],
    },
    {
      name: 'a release whose name lacks the chart name, nameOverride does not help, the release name from targetNamespace',
      repo: cluster({
        'loki.yaml': helmRelease('logs', 'loki', '  values:\n    nameOverride: store\n'),
        'grafana.yaml': helmRelease('dashboards', 'grafana', '  targetNamespace: monitoring\n'),
      }),
      findings: [
        {
          messageId: 'prefixed',
          file: 'clusters/home/grafana.yaml',
          line: 4,
          message: 'HelmRelease observability/dashboards (chart grafana, release monitoring-dashboards) names its objects after the release: monitoring-dashboards-grafana; set fullnameOverride to fixed names.',
        },
        { messageId: 'prefixed', file: 'clusters/home/loki.yaml', line: 4 },
      ],
    },
    {
      name: 'a chart from an OCIRepository, release named in spec.releaseName',
      repo: cluster({
        'oci.yaml':
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: kps\n  namespace: observability\nspec:\n  url: oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack\n',
        'kps.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kps\n  namespace: observability\nspec:\n  releaseName: monitoring\n  chartRef:\n    kind: OCIRepository\n    name: kps\n  values:\n' +
          subchartOverrides,
      }),
      findings: [
        {
          messageId: 'prefixed',
          file: 'clusters/home/kps.yaml',
          line: 4,
          message: 'HelmRelease observability/kps (chart kube-prometheus-stack, release monitoring) names its objects after the release: monitoring-kube-prometheus; set fullnameOverride to fixed names.',
        },
      ],
    },
  ],
});
