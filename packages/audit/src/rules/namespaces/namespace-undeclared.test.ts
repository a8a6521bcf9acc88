import { RuleTester } from '../../testing/rule-tester.js';
import rule from './namespace-undeclared.js';

const entry = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n' };
const app = (namespace: string, extra: Record<string, string> = {}) => ({
  ...entry,
  'apps/web/kustomization.yaml': `resources:\n${['deployment.yaml', 'service.yaml', ...Object.keys(extra)].map((f) => `  - ${f}\n`).join('')}`,
  'apps/web/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${namespace}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: ${namespace}\n`,
  'apps/web/service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}\n`,
  ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`apps/web/${k}`, v])),
});
const namespaceManifest = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const helmRelease = (name: string, namespace: string, spec: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  chart:\n    spec:\n      chart: ${name}\n${spec}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'an applied Namespace manifest declares it', repo: app('web', { 'namespace.yaml': namespaceManifest('web') }) },
    { name: 'the k3s built-in namespaces', repo: app('kube-system') },
    { name: 'listed under namespaces.known', repo: { ...app('longhorn-system'), 'kustodian.yaml': 'namespaces:\n  known: [longhorn-system]\n' } },
    {
      name: 'a HelmRelease with install.createNamespace creates its targetNamespace',
      repo: app('monitoring', { 'helmrelease.yaml': helmRelease('kube-prometheus-stack', 'kube-system', '  targetNamespace: monitoring\n  install:\n    createNamespace: true\n') }),
    },
    {
      name: 'flux-system in a repository that uses Flux',
      repo: {
        ...entry,
        'apps/web/kustomization.yaml': 'resources:\n  - sync.yaml\n',
        'apps/web/sync.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: ssh://git@example.test/home\n',
      },
    },
    { name: 'a bootstrap script creates it with kubectl create namespace', repo: { ...app('web'), 'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create namespace web --dry-run=client -o yaml | kubectl apply -f -\n' } },
    { name: 'a doc installs a chart with helm --create-namespace', repo: { ...app('web'), 'docs/install.md': '```sh\nhelm install web ./chart -n web --create-namespace\n```\n' } },
    { name: 'retired namespaces are left to namespace-retired', repo: { ...app('monitoring'), 'kustodian.yaml': 'namespaces:\n  retired: [monitoring]\n' } },
    {
      name: 'resources nothing applies',
      repo: { ...app('web', { 'namespace.yaml': namespaceManifest('web') }), 'old/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: gone\n' },
    },
  ],
  invalid: [
    {
      name: 'once per namespace, at the first resource, with the first resource of every other file related',
      repo: app('web'),
      findings: [
        {
          messageId: 'undeclared',
          file: 'apps/web/deployment.yaml',
          line: 4,
          column: 3,
          message: 'Namespace web is created by nothing in the repository, but Deployment web (and 2 more in 2 files) is deployed to it: no Namespace manifest, no HelmRelease with install.createNamespace, not in kustodian.yaml namespaces.known.',
          related: ['consumer apps/web/service.yaml:4'],
        },
      ],
    },
    {
      name: 'a Namespace manifest in a file nothing applies does not count, and the finding names it',
      repo: { ...app('web'), 'old/namespace.yaml': namespaceManifest('web'), 'apps/web/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\n' },
      findings: [
        {
          messageId: 'unappliedOnly',
          file: 'apps/web/deployment.yaml',
          line: 4,
          message: 'Namespace web is declared only in old/namespace.yaml, which nothing applies, but Deployment web (and 1 more in this file) is deployed to it.',
          related: ['definition old/namespace.yaml:4'],
        },
      ],
    },
    {
      name: 'a HelmRelease without createNamespace creates nothing',
      repo: app('monitoring', { 'helmrelease.yaml': helmRelease('loki', 'charts', '  targetNamespace: monitoring\n') }),
      findings: [
        { messageId: 'undeclared', file: 'apps/web/deployment.yaml', line: 4 },
        { messageId: 'undeclared', file: 'apps/web/helmrelease.yaml', line: 4, message: 'Namespace charts is created by nothing in the repository, but HelmRelease loki is deployed to it: no Namespace manifest, no HelmRelease with install.createNamespace, not in kustodian.yaml namespaces.known.' },
      ],
    },
  ],
});
