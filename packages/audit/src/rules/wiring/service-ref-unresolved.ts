import { grafanaDatasourceOf } from '@kustodian/manifest-model';
import { serviceReferences, ServiceResolver, unresolvedServiceReport } from '../../charts/service-resolution.js';
import { defineRule } from '../../engine/define-rule.js';

const ingressRoute = (service: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: grafana\n  namespace: observability\nspec:\n  routes:\n    - match: Host(\`grafana.example.test\`)\n      kind: Rule\n      services:\n        - name: ${service}\n          port: 80\n`;
const kubePrometheusStack =
  'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kube-prometheus-stack\n  namespace: observability\nspec:\n  chart:\n    spec:\n      chart: kube-prometheus-stack\n      sourceRef:\n        kind: HelmRepository\n        name: prometheus-community\n  values:\n    grafana:\n      fullnameOverride: grafana\n';

export default defineRule({
  id: 'service-ref-unresolved',
  meta: {
    category: 'wiring',
    defaultSeverity: 'warning',
    summary: 'An in-cluster URL, Ingress or IngressRoute names a Service that nothing in the repository creates.',
    rationale:
      'A URL such as `http://redis.database.svc.cluster.local:6379` in an env var, Helm values, a ConfigMap or a Traefik forward-auth address, or the backend Service of an Ingress or IngressRoute, fails only when it is used: the app logs connection errors, the route answers 404 or 503, and nothing in Flux turns red. The usual cause is a rename (a chart fullname, a namespace move). A Service counts as existing when a manifest defines it, or when a HelmRelease or operator in that namespace creates it by the naming conventions of well-known charts and operators (see datasource-unresolved, which checks Grafana datasources the same way). Where the namespace exists but what creates its Services is unknown, the finding is only informational ("cannot verify").',
    fix: 'Use the Service name and namespace as they are now (<service>.<namespace>.svc.cluster.local; for a chart, its fullname: set `fullnameOverride` to keep it stable), or create the Service.',
    messages: {
      namespaceMissing: '{{referrer}} ({{field}}) refers to {{url}}, but namespace {{namespace}} does not exist{{hint}}.',
      serviceMissing: '{{referrer}} ({{field}}) refers to {{url}}, but nothing creates Service {{service}} in namespace {{namespace}}{{hint}}.',
      unverifiable: '{{referrer}} ({{field}}) refers to {{url}}; Service {{service}} in {{namespace}} cannot be verified: {{reason}}.',
    },
    examples: {
      invalid: [
        {
          title: 'An IngressRoute to the Grafana Service under its name from before fullnameOverride',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - kube-prometheus-stack.yaml\n  - ingressroute.yaml\n',
            'clusters/home/kube-prometheus-stack.yaml': kubePrometheusStack,
            'clusters/home/ingressroute.yaml': ingressRoute('kube-prometheus-stack-grafana'),
          },
        },
      ],
      valid: [
        {
          title: 'The IngressRoute follows the fullnameOverride',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - kube-prometheus-stack.yaml\n  - ingressroute.yaml\n',
            'clusters/home/kube-prometheus-stack.yaml': kubePrometheusStack,
            'clusters/home/ingressroute.yaml': ingressRoute('grafana'),
          },
        },
      ],
    },
  },
  check({ model, config, report }) {
    const resolver = new ServiceResolver(model, config);
    for (const reference of serviceReferences(model)) {
      if (grafanaDatasourceOf(reference.referrer, reference.ref)) continue; // datasource-unresolved
      const unresolved = unresolvedServiceReport(resolver, reference);
      if (!unresolved) continue;
      const at = { location: reference.ref.location, resource: reference.referrer };
      if (unresolved.messageId === 'unverifiable') report({ ...at, messageId: 'unverifiable', data: unresolved.data, severity: unresolved.severity });
      else report({ ...at, messageId: unresolved.messageId, data: unresolved.data });
    }
  },
});
