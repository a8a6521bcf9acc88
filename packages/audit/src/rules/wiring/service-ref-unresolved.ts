import { compareLocations, grafanaDatasourceOf } from '@kustodian/manifest-model';
import { serviceReferences, ServiceResolver, unresolvedServiceReport } from '../../charts/service-resolution.js';
import type { ServiceReference, UnresolvedServiceReport } from '../../charts/service-resolution.js';
import { defineRule } from '../../engine/define-rule.js';
import type { RelatedInput } from '../../engine/finding.js';

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
      namespaceMissing: '{{referrer}} ({{field}}) refers to {{url}}{{more}}, but namespace {{namespace}} does not exist{{hint}}.',
      serviceMissing: '{{referrer}} ({{field}}) refers to {{url}}{{more}}, but nothing creates Service {{service}} in namespace {{namespace}}{{hint}}.',
      unverifiable: '{{referrer}} ({{field}}) refers to {{url}}{{more}}; Service {{service}} in {{namespace}} cannot be verified: {{reason}}.',
    },
    related: {
      consumer: 'Every other place that refers to the same Service (one finding per Service).',
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
    // One root cause, one finding: a Service that does not resolve is reported once, at its first reference, with the others related.
    const groups = new Map<string, { reference: ServiceReference; unresolved: UnresolvedServiceReport }[]>();
    for (const reference of serviceReferences(model)) {
      if (grafanaDatasourceOf(reference.referrer, reference.ref)) continue; // datasource-unresolved
      const unresolved = unresolvedServiceReport(resolver, reference);
      if (!unresolved) continue;
      const key = `${unresolved.data.namespace}/${unresolved.data.service}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push({ reference, unresolved });
    }
    for (const group of groups.values()) {
      const [first, ...others] = [...group].sort((a, b) => compareLocations(a.reference.ref.location, b.reference.ref.location));
      const { reference, unresolved } = first!;
      const more = others.length === 0 ? '' : ` (as do ${others.length} more ${others.length === 1 ? 'place' : 'places'})`;
      const at = {
        location: reference.ref.location,
        resource: reference.referrer,
        related: others.map((o): RelatedInput => ({ role: 'consumer', location: o.reference.ref.location, resource: o.reference.referrer })),
      };
      if (unresolved.messageId === 'unverifiable') report({ ...at, messageId: 'unverifiable', data: { ...unresolved.data, more }, severity: unresolved.severity });
      else report({ ...at, messageId: unresolved.messageId, data: { ...unresolved.data, more } });
    }
  },
});
