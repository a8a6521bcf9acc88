import { RuleTester } from '../../testing/rule-tester.js';
import { deployment, fluxKustomization, webApps } from '../../testing/fixtures.js';
import rule from './manifest-unlisted.js';

const fluxRepo = {
  'clusters/home/kustomization.yaml': 'resources:\n  - apps.yaml\n',
  'clusters/home/apps.yaml': fluxKustomization('apps', './apps'),
  ...webApps(),
};

new RuleTester().run(rule, {
  valid: [
    { name: 'every manifest listed', repo: fluxRepo },
    {
      name: 'files the build reads otherwise: patches, generator sources, components',
      repo: {
        ...fluxRepo,
        'apps/web/kustomization.yaml':
          'resources:\n  - deployment.yaml\ncomponents:\n  - ../../components/probes\npatches:\n  - path: patch-replicas.yaml\nconfigMapGenerator:\n  - name: web-config\n    files:\n      - config.yaml\n',
        'apps/web/patch-replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
        'apps/web/config.yaml': 'apiVersion: example.test/v1\nkind: AppConfig\nlisten: 8080\n',
        'components/probes/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: probe.yaml\n',
        'components/probes/probe.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  minReadySeconds: 5\n',
      },
    },
    {
      name: 'YAML that is not a Kubernetes object: Helm values, kustomize configuration',
      repo: {
        ...fluxRepo,
        'apps/web/values.yaml': 'replicaCount: 2\nimage:\n  tag: 1.2.3\n',
        'apps/web/name-reference.yaml': 'apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: prefix\nprefix: a-\n',
        'apps/web/krm.yaml': 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n',
      },
    },
    {
      name: 'a folder whose kustomization nothing applies (kustomization-unapplied reports it)',
      repo: { ...fluxRepo, 'old/kustomization.yaml': 'resources:\n  - a.yaml\n', 'old/a.yaml': deployment('a'), 'old/b.yaml': deployment('b') },
    },
    {
      name: 'a manifest in a sub-folder without a kustomization file, applied by its own Flux Kustomization',
      repo: {
        ...fluxRepo,
        'clusters/home/kustomization.yaml': 'resources:\n  - apps.yaml\n  - extra.yaml\n',
        'clusters/home/extra.yaml': fluxKustomization('extra', './apps/extra'),
        'apps/extra/deployment.yaml': deployment('extra'),
      },
    },
    {
      name: 'a manifest applied by another Flux Kustomization that points at the file folder without a kustomization.yaml',
      repo: {
        ...fluxRepo,
        'clusters/home/kustomization.yaml': 'resources:\n  - apps.yaml\n  - web-raw.yaml\n',
        'clusters/home/web-raw.yaml': fluxKustomization('web-raw', './raw'),
        'raw/deployment.yaml': deployment('raw'),
      },
    },
    {
      name: 'suppressed with a comment at the top of the file',
      repo: { ...fluxRepo, 'apps/web/old.yaml': `# kustodian-ignore manifest-unlisted: kept as a reference for the migration\n${deployment('old')}` },
    },
  ],
  invalid: [
    {
      name: 'a Flux Kustomization file that clusters/home/kustomization.yaml does not list',
      repo: { ...fluxRepo, 'clusters/home/monitoring.yaml': `# monitoring stack\n${fluxKustomization('monitoring', './monitoring')}`, 'monitoring/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n' },
      findings: [
        {
          messageId: 'unlisted',
          file: 'clusters/home/monitoring.yaml',
          line: 1,
          column: 1,
          message: 'clusters/home/monitoring.yaml is not listed in clusters/home/kustomization.yaml; kustomize leaves it out, so the cluster never gets Flux Kustomization flux-system/monitoring.',
        },
      ],
    },
    {
      name: 'a manifest with several objects next to an app kustomization',
      repo: { ...fluxRepo, 'apps/web/service.yaml': `${deployment('a')}---\n${deployment('b')}---\n${deployment('c')}` },
      findings: [
        {
          messageId: 'unlisted',
          file: 'apps/web/service.yaml',
          line: 1,
          message: 'apps/web/service.yaml is not listed in apps/web/kustomization.yaml; kustomize leaves it out, so the cluster never gets Deployment web/a and 2 more objects.',
        },
      ],
    },
    {
      name: 'a plain clusters/<name> entry point without Flux',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - a.yaml\n',
        'clusters/home/a.yaml': deployment('a'),
        'clusters/home/b.yml': deployment('b'),
      },
      findings: [{ messageId: 'unlisted', file: 'clusters/home/b.yml', line: 1 }],
    },
  ],
});
