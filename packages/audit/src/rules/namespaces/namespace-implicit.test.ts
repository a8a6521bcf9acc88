import { RuleTester } from '../../testing/rule-tester.js';
import { fluxKustomization } from '../../testing/fixtures.js';
import rule from './namespace-implicit.js';

const pdb = '# evict one at a time\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: redis\nspec:\n  maxUnavailable: 1\n';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'metadata.namespace in the manifest',
      repo: { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/redis\n', 'apps/redis/pdb.yaml': pdb.replace('  name: redis\n', '  name: redis\n  namespace: database\n') },
    },
    {
      name: 'namespace from the kustomization',
      repo: { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/redis\n', 'apps/redis/kustomization.yaml': 'namespace: database\nresources:\n  - pdb.yaml\n', 'apps/redis/pdb.yaml': pdb },
    },
    {
      name: 'namespace from the Flux targetNamespace',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - redis.yaml\n',
        'clusters/home/redis.yaml': fluxKustomization('redis', './apps/redis', { spec: '  targetNamespace: database\n' }),
        'apps/redis/pdb.yaml': pdb,
      },
    },
    {
      name: 'cluster-scoped kinds need no namespace',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../infra\n',
        'infra/classes.yaml': 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: home-critical\nvalue: 1000\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: database\n',
      },
    },
    {
      name: 'a file nothing applies is left to kustomization-unapplied',
      repo: { 'clusters/home/kustomization.yaml': 'resources: []\n', 'old/kustomization.yaml': 'resources:\n  - pdb.yaml\n', 'old/pdb.yaml': pdb },
    },
  ],
  invalid: [
    {
      name: 'a HelmRelease and a CronJob with no namespace from anywhere, under a policy forbidding default: one error each, saying so',
      repo: {
        'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n',
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/jobs\n',
        'apps/jobs/kustomization.yaml': 'resources:\n  - helmrelease.yaml\n  - cronjob.yaml\n',
        'apps/jobs/helmrelease.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: backup\nspec:\n  chart:\n    spec:\n      chart: backup\n',
        'apps/jobs/cronjob.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: prune\nspec:\n  schedule: "0 3 * * *"\n',
      },
      findings: [
        { messageId: 'implicitForbidden', file: 'apps/jobs/cronjob.yaml', line: 4 },
        {
          messageId: 'implicitForbidden',
          file: 'apps/jobs/helmrelease.yaml',
          line: 4,
          message: 'HelmRelease backup gets no namespace from its manifest, a kustomization or the entry point that applies it, so it lands in the default namespace, which kustodian.yaml forbids (namespaces.forbidden).',
        },
      ],
    },
    {
      name: 'a PodDisruptionBudget in a generated Flux folder without targetNamespace, at metadata.name',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - redis.yaml\n',
        'clusters/home/redis.yaml': fluxKustomization('redis', './apps/redis'),
        'apps/redis/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\n  namespace: database\n',
        'apps/redis/pdb.yaml': pdb,
      },
      findings: [
        {
          messageId: 'implicit',
          file: 'apps/redis/pdb.yaml',
          line: 5,
          column: 3,
          message: 'PodDisruptionBudget redis gets no namespace from its manifest, a kustomization or the Flux Kustomization flux-system/redis, so it lands in the default namespace.',
        },
      ],
    },
    {
      name: 'a plain entry point and a generated ConfigMap, at the generator entry',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
        'apps/web/kustomization.yaml': 'resources:\n  - service.yaml\nconfigMapGenerator:\n  - name: web-config\n    literals:\n      - A=1\n',
        'apps/web/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
      },
      findings: [
        { messageId: 'implicit', file: 'apps/web/kustomization.yaml', line: 4, message: 'ConfigMap web-config-89g4tffbfk gets no namespace from its manifest, a kustomization or the entry point that applies it, so it lands in the default namespace.' },
        { messageId: 'implicit', file: 'apps/web/service.yaml', line: 4 },
      ],
    },
  ],
});
