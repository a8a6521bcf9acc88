import { RuleTester } from '../../testing/rule-tester.js';
import { appliedFolder } from '../../testing/fixtures.js';
import rule from './namespace-retired.js';

const config = { 'kustodian.yaml': 'namespaces:\n  retired: [monitoring]\n' };
const entry = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/db\n' };

const networkPolicy = [
  'apiVersion: networking.k8s.io/v1', // 1
  'kind: NetworkPolicy', // 2
  'metadata:', // 3
  '  name: postgresql', // 4
  '  namespace: database', // 5
  'spec:', // 6
  '  podSelector: {}', // 7
  '  ingress:', // 8
  '    - from:', // 9
  '        - namespaceSelector:', // 10
  '            matchExpressions:', // 11
  '              - key: kubernetes.io/metadata.name', // 12
  '                operator: In', // 13
  '                values: [auth, monitoring]', // 14
  '    - from:', // 15
  '        - namespaceSelector:', // 16
  '            matchLabels:', // 17
  '              kubernetes.io/metadata.name: monitoring', // 18
  '',
].join('\n');

const helmRelease = [
  'apiVersion: helm.toolkit.fluxcd.io/v2', // 1
  'kind: HelmRelease', // 2
  'metadata:', // 3
  '  name: grafana', // 4
  '  namespace: database', // 5
  'spec:', // 6
  '  chart:', // 7
  '    spec:', // 8
  '      chart: grafana', // 9
  '  values:', // 10
  '    sink:', // 11
  '      kind: loki', // 12
  '      url: http://loki-gateway.monitoring.svc.cluster.local', // 13
  '',
].join('\n');

/** The same URL as a Grafana datasource: datasource-unresolved's finding when the Service does not resolve. */
const datasourceRelease = helmRelease.replace('    sink:\n      kind: loki\n      url:', '    datasources:\n      - name: Loki\n        url:');

const app = (files: Record<string, string>) => appliedFolder('apps/db', files);

new RuleTester().run(rule, {
  valid: [
    {
      name: 'a Grafana datasource pointing into the retired namespace at a Service that is not there: datasource-unresolved reports it, naming the datasource',
      repo: { ...config, ...app({ 'helmrelease.yaml': datasourceRelease }) },
    },
    {
      name: 'no retired namespaces configured: nothing is reported',
      repo: { ...app({ 'networkpolicy.yaml': networkPolicy }), 'scripts/logs.sh': 'kubectl -n monitoring logs deploy/grafana\n' },
    },
    {
      name: 'folder names, object names, labels and other words are not namespaces',
      repo: {
        ...config,
        ...app({
          'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: monitoring\n  namespace: database\n  labels:\n    app.kubernetes.io/part-of: monitoring\ndata:\n  path: platform/monitoring/values.yaml\n  url: http://loki-gateway.observability.svc.cluster.local\n',
        }),
        'scripts/logs.sh': '#!/bin/sh\n# the monitoring stack moved to observability\nkubectl -n observability logs deploy/grafana\nls platform/monitoring/\n',
        'docs/observability.md':
          '# Monitoring\n\nThe monitoring stack is in `platform/monitoring/`; it runs in the `observability` namespace.\nIt moved from the `monitoring` namespace in May; the old `monitoring` namespace is gone.\n\n```sh\nkubectl -n observability get pods\n```\n',
        'CHANGELOG.md': '## 2024-05\n\n- Grafana: the monitoring namespace is now observability.\n',
      },
    },
    {
      name: 'a manifest that nothing applies',
      repo: { ...config, ...app({ 'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: database\n' }), 'old/networkpolicy.yaml': networkPolicy },
    },
    {
      name: 'a namespace from a variable is not guessed',
      repo: { ...config, ...app({ 'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: database\n' }), 'scripts/logs.sh': 'NS=monitoring\nkubectl -n "$NS" logs deploy/grafana\n' },
    },
  ],
  invalid: [
    {
      name: 'namespace selectors of a NetworkPolicy: matchExpressions values and matchLabels',
      repo: { ...config, ...app({ 'networkpolicy.yaml': networkPolicy }) },
      findings: [
        {
          messageId: 'field',
          file: 'apps/db/networkpolicy.yaml',
          line: 14,
          message: 'NetworkPolicy postgresql refers to the retired namespace monitoring in spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values[1].',
        },
        {
          messageId: 'field',
          file: 'apps/db/networkpolicy.yaml',
          line: 18,
          column: 15,
          message: 'NetworkPolicy postgresql refers to the retired namespace monitoring in spec.ingress[1].from[0].namespaceSelector.matchLabels.kubernetes.io/metadata.name.',
        },
      ],
    },
    {
      name: 'a Service URL in HelmRelease values, at the URL',
      repo: { ...config, ...app({ 'helmrelease.yaml': helmRelease }) },
      findings: [
        {
          messageId: 'serviceUrl',
          file: 'apps/db/helmrelease.yaml',
          line: 13,
          message: 'HelmRelease grafana points at http://loki-gateway.monitoring.svc.cluster.local, a Service in the retired namespace monitoring.',
        },
      ],
    },
    {
      name: 'a kustomization namespace:, a Namespace manifest and metadata.namespace',
      repo: {
        ...config,
        ...entry,
        'apps/db/kustomization.yaml': 'namespace: monitoring\nresources:\n  - namespace.yaml\n  - configmap.yaml\n',
        'apps/db/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
        'apps/db/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: monitoring\n',
      },
      findings: [
        { messageId: 'field', file: 'apps/db/configmap.yaml', line: 5, message: 'ConfigMap x refers to the retired namespace monitoring in metadata.namespace.' },
        { messageId: 'kustomization', file: 'apps/db/kustomization.yaml', line: 1, column: 1, message: 'This kustomization sets namespace to the retired namespace monitoring.' },
        { messageId: 'namespace', file: 'apps/db/namespace.yaml', line: 4, message: 'Namespace monitoring is retired but still declared here.' },
      ],
    },
    {
      name: 'a script: -n, --namespace=, helm --namespace, kubens, a URL and a here-document',
      repo: {
        ...config,
        ...app({ 'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: database\n' }),
        'scripts/ops.sh': [
          '#!/usr/bin/env bash', // 1
          'set -euo pipefail', // 2
          'kubectl -n monitoring logs deploy/kube-prometheus-stack-grafana --tail=20', // 3
          'sudo k3s kubectl get pods --namespace=monitoring', // 4
          'helm upgrade loki grafana/loki \\', // 5
          '  --namespace monitoring', // 6
          'kubens monitoring', // 7
          'curl -fsS http://prometheus.monitoring.svc:9090/-/ready', // 8
          'kubectl apply -f - <<EOF', // 9
          'apiVersion: v1', // 10
          'kind: ConfigMap', // 11
          'metadata:', // 12
          '  name: y', // 13
          '  namespace: monitoring', // 14
          'EOF', // 15
          '',
        ].join('\n'),
      },
      findings: [
        { messageId: 'command', file: 'scripts/ops.sh', line: 3, column: 12, message: '`kubectl logs` acts in the retired namespace monitoring (-n monitoring).' },
        { messageId: 'command', file: 'scripts/ops.sh', line: 4, message: '`kubectl get` acts in the retired namespace monitoring (--namespace monitoring).' },
        { messageId: 'command', file: 'scripts/ops.sh', line: 6, message: '`helm upgrade` acts in the retired namespace monitoring (--namespace monitoring).' },
        { messageId: 'command', file: 'scripts/ops.sh', line: 7, message: '`kubens` acts in the retired namespace monitoring (kubens monitoring).' },
        { messageId: 'url', file: 'scripts/ops.sh', line: 8, message: 'http://prometheus.monitoring.svc:9090/-/ready points at a Service in the retired namespace monitoring.' },
        { messageId: 'yaml', file: 'scripts/ops.sh', line: 14, column: 3, message: 'This YAML sets namespace to the retired namespace monitoring.' },
      ],
    },
    {
      name: 'Markdown: a code block command, prose, inline code, a YAML block and a URL',
      repo: {
        ...config,
        ...app({ 'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: database\n' }),
        'docs/observability.md': [
          '# Observability', // 1
          '', // 2
          'Grafana runs in the `monitoring` namespace.', // 3
          '', // 4
          '```sh', // 5
          'kubectl -n monitoring get pods', // 6
          '```', // 7
          '', // 8
          'Or `kubectl get pods --namespace monitoring`, see namespace: monitoring.', // 9
          '', // 10
          '```yaml', // 11
          'metadata:', // 12
          '  namespace: "monitoring"', // 13
          '```', // 14
          '', // 15
          'Loki was at http://loki-gateway.monitoring:3100.', // 16
          '<!-- the monitoring namespace, in a comment -->', // 17
          '',
        ].join('\n'),
      },
      findings: [
        { messageId: 'prose', file: 'docs/observability.md', line: 3, column: 21, message: 'The text names the retired namespace monitoring ("`monitoring` namespace").' },
        { messageId: 'command', file: 'docs/observability.md', line: 6, column: 12, message: '`kubectl get` acts in the retired namespace monitoring (-n monitoring).' },
        { messageId: 'command', file: 'docs/observability.md', line: 9, message: '`kubectl get` acts in the retired namespace monitoring (--namespace monitoring).' },
        { messageId: 'yaml', file: 'docs/observability.md', line: 13, message: 'This YAML sets namespace to the retired namespace monitoring.' },
        { messageId: 'url', file: 'docs/observability.md', line: 16, message: 'http://loki-gateway.monitoring:3100 points at a Service in the retired namespace monitoring.' },
      ],
    },
  ],
});
