import { runRuleTestCase, RuleTester } from '../../testing/rule-tester.js';
import { clusterHome as cluster, helmRelease as helmReleaseOf } from '../../testing/fixtures.js';
import rule from './service-ref-unresolved.js';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const service = (name: string, ns: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n    - port: 80\n`;
const ingressRoute = (ns: string, target: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  routes:\n    - match: Host(\`web.example.test\`)\n      kind: Rule\n      services:\n        - name: ${target}\n          port: 80\n`;
const deployment = (ns: string, url: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: example/app:1.0\n          env:\n            - name: CACHE_URL\n              value: ${url}\n`;
const helmRelease = (name: string, ns: string, chart: string, values = '') => helmReleaseOf(name, chart, { namespace: ns, values });
/** An app-template release from an OCIRepository, as bjw-s users write it. */
const appTemplate = (name: string, ns: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  url: oci://ghcr.io/bjw-s-labs/helm/app-template\n  ref:\n    tag: 4.2.0\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n  values:\n    service:\n      app:\n        ports:\n          http:\n            port: 80\n`;

const kubeSystemAuth = cluster({
  'ns.yaml': namespace('web'),
  'middleware.yaml':
    'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: auth\n  namespace: web\nspec:\n  forwardAuth:\n    address: http://oauth2-proxy.kube-system.svc.cluster.local:4180/oauth2/auth\n',
});

new RuleTester().run(rule, {
  valid: [
    {
      name: 'a Dragonfly serves through a Service of its name',
      repo: cluster({
        'ns.yaml': `${namespace('web')}---\n${namespace('databases')}`,
        'dragonfly.yaml': 'apiVersion: dragonflydb.io/v1alpha1\nkind: Dragonfly\nmetadata:\n  name: dragonfly\n  namespace: databases\nspec:\n  replicas: 1\n',
        'app.yaml': deployment('web', 'redis://dragonfly.databases.svc.cluster.local:6379'),
      }),
    },
    { name: 'an IngressRoute to a Service manifest of its namespace', repo: cluster({ 'ns.yaml': namespace('web'), 'svc.yaml': service('web', 'web'), 'route.yaml': ingressRoute('web', 'web') }) },
    {
      name: 'an env URL to an app-template release of another namespace (chart from an OCIRepository)',
      repo: cluster({ 'ns.yaml': `${namespace('web')}---\n${namespace('cache')}`, 'redis.yaml': appTemplate('redis', 'cache'), 'app.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379') }),
    },
    {
      name: 'an Ingress backend to the Service of a traefik release, and a route to the grafana subchart of kube-prometheus-stack',
      repo: cluster({
        'ns.yaml': `${namespace('traefik')}---\n${namespace('observability')}`,
        'traefik.yaml': helmRelease('traefik', 'traefik', 'traefik'),
        'kps.yaml': helmRelease('kube-prometheus-stack', 'observability', 'kube-prometheus-stack'),
        'route.yaml': ingressRoute('observability', 'kube-prometheus-stack-grafana'),
        'ingress.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: dashboard\n  namespace: traefik\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: traefik\n                port:\n                  number: 9000\n',
      }),
    },
    {
      name: 'a Grafana datasource URL (datasource-unresolved reports it)',
      repo: cluster({
        'ns.yaml': namespace('observability'),
        'grafana.yaml': helmRelease('grafana', 'observability', 'grafana', '    datasources:\n      datasources.yaml:\n        datasources:\n          - name: Loki\n            url: http://loki.monitoring.svc:3100\n'),
      }),
    },
    {
      name: 'a reference from a file that nothing applies',
      repo: { ...cluster({ 'ns.yaml': namespace('web') }), 'old/route.yaml': ingressRoute('web', 'gone') },
    },
    { name: 'the Kubernetes API Service', repo: cluster({ 'ns.yaml': namespace('web'), 'app.yaml': deployment('web', 'https://kubernetes.default.svc:443') }) },
  ],
  invalid: [
    {
      name: 'one missing Service that three places use is one finding, with the other two related',
      repo: cluster({
        'ns.yaml': `${namespace('web')}---\n${namespace('cache')}`,
        'a.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379'),
        'b.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379/1').replace('name: app\n', 'name: worker\n'),
        'c.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379/2').replace('name: app\n', 'name: cron\n'),
      }),
      findings: [
        {
          messageId: 'serviceMissing',
          file: 'clusters/home/a.yaml',
          line: 14,
          message: 'Deployment web/app (spec.template.spec.containers[0].env[0].value) refers to redis://redis.cache.svc.cluster.local:6379 (as do 2 more places), but nothing creates Service redis in namespace cache.',
          related: ['consumer clusters/home/b.yaml:14', 'consumer clusters/home/c.yaml:14'],
        },
      ],
    },
    {
      name: 'a custom resource of an unknown operator whose name has nothing to do with the Service does not excuse it',
      repo: cluster({
        'ns.yaml': `${namespace('web')}---\n${namespace('cache')}`,
        'policy.yaml': 'apiVersion: example.io/v1\nkind: Quota\nmetadata:\n  name: limits\n  namespace: cache\nspec: {}\n',
        'app.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379'),
      }),
      findings: [{ messageId: 'serviceMissing', file: 'clusters/home/app.yaml', line: 14 }],
    },
    {
      name: 'an IngressRoute to the Grafana of kube-prometheus-stack under its name from before fullnameOverride',
      repo: cluster({
        'ns.yaml': namespace('observability'),
        'kps.yaml': helmRelease('kube-prometheus-stack', 'observability', 'kube-prometheus-stack', '    grafana:\n      fullnameOverride: grafana\n'),
        'route.yaml': ingressRoute('observability', 'kube-prometheus-stack-grafana'),
      }),
      findings: [
        {
          messageId: 'serviceMissing',
          file: 'clusters/home/route.yaml',
          line: 11,
          message:
            'IngressRoute observability/web (spec.routes[0].services[0].name) refers to kube-prometheus-stack-grafana.observability, but nothing creates Service kube-prometheus-stack-grafana in namespace observability.',
        },
      ],
    },
    {
      name: 'an env URL to a namespace that nothing creates',
      repo: cluster({ 'ns.yaml': namespace('web'), 'app.yaml': deployment('web', 'redis://redis.cache.svc.cluster.local:6379') }),
      findings: [
        {
          messageId: 'namespaceMissing',
          file: 'clusters/home/app.yaml',
          line: 14,
          message: 'Deployment web/app (spec.template.spec.containers[0].env[0].value) refers to redis://redis.cache.svc.cluster.local:6379, but namespace cache does not exist.',
        },
      ],
    },
    {
      name: 'a namespace that kustodian.yaml lists as created outside git: cannot verify',
      repo: {
        ...cluster({ 'ns.yaml': namespace('web'), 'app.yaml': deployment('web', 'http://vault.secrets.svc:8200') }),
        'kustodian.yaml': 'namespaces:\n  known: [secrets]\n',
      },
      findings: [{ messageId: 'unverifiable', file: 'clusters/home/app.yaml', line: 14 }],
    },
    {
      name: 'a forward-auth address in kube-system: cannot verify',
      repo: kubeSystemAuth,
      findings: [{ messageId: 'unverifiable', file: 'clusters/home/middleware.yaml', line: 8 }],
    },
  ],
});

describe('service-ref-unresolved severities', () => {
  it('reports "cannot verify" as info', () => {
    expect(runRuleTestCase(rule, { name: 'kube-system', repo: kubeSystemAuth }).map((f) => `${f.severity} ${f.message}`)).toEqual([
      'info Middleware web/auth (spec.forwardAuth.address) refers to http://oauth2-proxy.kube-system.svc.cluster.local:4180/oauth2/auth; Service oauth2-proxy in kube-system cannot be verified: namespace kube-system holds Services created outside the repository.',
    ]);
  });
});
