import { RuleTester } from '../../testing/rule-tester.js';
import rule from './namespace-forbidden.js';

const entry = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n', 'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n' };
const deployment = (namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  replicas: 1\n`;

new RuleTester().run(rule, {
  valid: [
    {
      name: 'no namespace from anywhere under a policy forbidding default: namespace-implicit reports it, as an error',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n', 'apps/web/deployment.yaml': deployment() },
    },
    { name: 'no forbidden namespaces configured: nothing is reported', repo: { ...entry, 'apps/web/deployment.yaml': deployment('default') } },
    {
      name: 'a resource outside the forbidden namespaces',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default, kube-system]\n', 'apps/web/deployment.yaml': deployment('web') },
    },
    {
      name: 'cluster-scoped kinds have no namespace',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n', 'apps/web/deployment.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n' },
    },
    {
      name: 'a file nothing applies',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n', 'apps/web/deployment.yaml': deployment('web'), 'old/deployment.yaml': deployment('default') },
    },
  ],
  invalid: [
    {
      name: 'an explicit metadata.namespace, at that line',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n', 'apps/web/deployment.yaml': deployment('default') },
      findings: [{ messageId: 'forbidden', file: 'apps/web/deployment.yaml', line: 5, column: 3, message: 'Deployment web is deployed to the forbidden namespace default (its metadata.namespace).' }],
    },
    {
      name: 'a namespace from the kustomization, once at its namespace: line',
      repo: {
        ...entry,
        'kustodian.yaml': 'namespaces:\n  forbidden: [kube-system]\n',
        'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\nnamespace: kube-system\n',
        'apps/web/deployment.yaml': deployment(),
        'apps/web/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
      },
      findings: [{ messageId: 'kustomization', file: 'apps/web/kustomization.yaml', line: 4, column: 1, message: 'This kustomization puts 2 resources in the forbidden namespace kube-system (Deployment web, …).' }],
    },
    {
      name: 'a Flux targetNamespace, once at that field',
      repo: {
        'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n',
        'clusters/home/kustomization.yaml': 'resources:\n  - web.yaml\n',
        'clusters/home/web.yaml':
          'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  path: ./apps/web\n  targetNamespace: default\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
        'apps/web/deployment.yaml': deployment(),
      },
      findings: [{ messageId: 'targetNamespace', file: 'clusters/home/web.yaml', line: 8, column: 3, message: 'The targetNamespace of Flux Kustomization flux-system/web puts 1 resource in the forbidden namespace default (Deployment web).' }],
    },
  ],
});
