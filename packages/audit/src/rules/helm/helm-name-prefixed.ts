import { helmReleaseCharts, locateResourceField, mayBeOverridden, prefixedComponents, standardNamedChart } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';

const kubePrometheusStack = (values: string) => ({
  'clusters/home/kustomization.yaml': 'resources:\n  - kube-prometheus-stack.yaml\n',
  'clusters/home/kube-prometheus-stack.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kube-prometheus-stack\n  namespace: observability\nspec:\n  chart:\n    spec:\n      chart: kube-prometheus-stack\n      sourceRef:\n        kind: HelmRepository\n        name: prometheus-community\n${values}`,
});

export default defineRule({
  id: 'helm-name-prefixed',
  meta: {
    category: 'helm',
    defaultSeverity: 'warning',
    summary: 'A HelmRelease of a well-known chart names its objects <release>-<chart> because no fullnameOverride is set.',
    rationale:
      'Most charts name every object after a "fullname": the release name when it contains the chart name, else <release>-<chart>, unless `fullnameOverride` is set; subcharts do the same with their own name, which is how kube-prometheus-stack produces `kube-prometheus-stack-grafana` and `kube-prometheus-stack-kube-state-metrics`. Such names leak into Ingress backends, datasource URLs, scripts and dashboards, and they change whenever the release is renamed or moved, taking PersistentVolumeClaims (and their data) with them. `nameOverride` only replaces the chart part. Only charts whose naming Kustodian knows are checked (see packages/manifest-model/src/charts/chart-naming.ts), and not when values from a Secret may set the override.',
    fix: 'Set `fullnameOverride` in the HelmRelease values (for subcharts under their key: `grafana.fullnameOverride`, `kube-state-metrics.fullnameOverride`, `prometheus-node-exporter.fullnameOverride`), and update what refers to the old names. On an installed release this renames its objects, PersistentVolumeClaims included: move or back up their data first.',
    messages: {
      prefixed: 'HelmRelease {{name}} (chart {{chart}}, release {{release}}) names its objects after the release: {{names}}; set {{paths}} to fixed names.',
    },
    examples: {
      invalid: [{ title: 'kube-prometheus-stack without overrides: kube-prometheus-stack-grafana and friends', repo: kubePrometheusStack('') }],
      valid: [
        {
          title: 'Subchart names fixed with fullnameOverride',
          repo: kubePrometheusStack(
            '  values:\n    grafana:\n      fullnameOverride: grafana\n    kube-state-metrics:\n      fullnameOverride: kube-state-metrics\n    prometheus-node-exporter:\n      fullnameOverride: node-exporter\n',
          ),
        },
      ],
    },
  },
  check({ model, report }) {
    for (const hr of helmReleaseCharts(model)) {
      const naming = standardNamedChart(hr.chart);
      if (!naming || hr.release === undefined) continue;
      const release = hr.release;
      const prefixed = prefixedComponents(naming, release, hr.values).filter(
        (c) => !mayBeOverridden(hr, c.overridePath) && !mayBeOverridden(hr, c.overridePath.replace(/fullnameOverride$/, 'nameOverride')),
      );
      if (prefixed.length === 0) continue;
      report({
        messageId: 'prefixed',
        data: {
          name: `${hr.resource.namespace}/${hr.resource.name}`,
          chart: naming.chart,
          release,
          names: prefixed.map((c) => c.fullname).join(', '),
          paths: prefixed.map((c) => c.overridePath).join(', '),
        },
        location: locateResourceField(hr.resource, ['metadata', 'name']),
        resource: hr.resource,
      });
    }
  },
});
