import { RuleTester } from '../../testing/rule-tester.js';
import rule from './namespace-forbidden.js';

const entry = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n', 'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n' };
const deployment = (namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  replicas: 1\n`;

new RuleTester().run(rule, {
  valid: [
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
      findings: [{ messageId: 'forbidden', file: 'apps/web/deployment.yaml', line: 5, column: 3, message: 'Deployment web is deployed to the forbidden namespace default (by its metadata.namespace).' }],
    },
    {
      name: 'an implicit default namespace, at metadata.name',
      repo: { ...entry, 'kustodian.yaml': 'namespaces:\n  forbidden: [default]\n', 'apps/web/deployment.yaml': deployment() },
      findings: [{ messageId: 'forbidden', file: 'apps/web/deployment.yaml', line: 4, message: 'Deployment web is deployed to the forbidden namespace default (by no namespace set anywhere).' }],
    },
    {
      name: 'a namespace from the kustomization',
      repo: {
        ...entry,
        'kustodian.yaml': 'namespaces:\n  forbidden: [kube-system]\n',
        'apps/web/kustomization.yaml': 'namespace: kube-system\nresources:\n  - deployment.yaml\n',
        'apps/web/deployment.yaml': deployment(),
      },
      findings: [{ messageId: 'forbidden', file: 'apps/web/deployment.yaml', line: 4, message: 'Deployment web is deployed to the forbidden namespace kube-system (by the namespace: of a kustomization).' }],
    },
  ],
});
