import { RuleTester } from '../../testing/rule-tester.js';
import { deployment, fluxKustomization as fluxKustomizationOf, webApps } from '../../testing/fixtures.js';
import rule from './kustomization-path-missing.js';

const fluxKustomization = (name: string, path: string) => fluxKustomizationOf(name, path, { interval: '10m' });

const fluxRepo = {
  'clusters/home/apps.yaml': fluxKustomization('apps', './apps'),
  ...webApps(),
};

new RuleTester().run(rule, {
  valid: [
    { name: 'every path exists', repo: fluxRepo },
    {
      name: 'a component and a patch file that exist',
      repo: {
        ...fluxRepo,
        'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\ncomponents:\n  - ../../components/common\npatches:\n  - path: patch.yaml\n',
        'apps/web/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
        'components/common/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n  - pairs:\n      team: web\n',
      },
    },
    {
      name: 'a remote resource is not a missing path',
      repo: { ...fluxRepo, 'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - https://github.com/example/manifests//base?ref=v1.0.0\n' },
    },
  ],
  invalid: [
    {
      name: 'a generator whose files are missing is one finding, naming each',
      repo: { ...fluxRepo, 'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: site\n    files:\n      - header.php\n      - footer.php\n' },
      findings: [
        {
          messageId: 'kustomizeEntry',
          file: 'apps/web/kustomization.yaml',
          line: 4,
          message: 'generator source header.php does not exist (apps/web/header.php); generator source footer.php does not exist (apps/web/footer.php); the build of apps/web fails, so Flux applies none of it.',
        },
      ],
    },
    {
      name: 'a broken entry in a kustomization that nothing applies: the same id, as a warning (kustomization-unapplied reports the file too)',
      repo: { ...fluxRepo, 'old/kustomization.yaml': 'resources:\n  - gone.yaml\n' },
      findings: [{ messageId: 'kustomizeEntryUnapplied', file: 'old/kustomization.yaml', line: 2 }],
    },
    {
      name: 'a resources entry whose file was renamed',
      repo: { ...fluxRepo, 'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n' },
      findings: [
        {
          messageId: 'kustomizeEntry',
          file: 'apps/web/kustomization.yaml',
          line: 3,
          column: 5,
          message: 'resource service.yaml does not exist (apps/web/service.yaml); the build of apps/web fails, so Flux applies none of it.',
        },
      ],
    },
    {
      name: 'a resource folder without a kustomization file, and a missing component',
      repo: {
        ...fluxRepo,
        'apps/kustomization.yaml': 'resources:\n  - web\n  - raw\ncomponents:\n  - ../components/missing\n',
        'apps/raw/deployment.yaml': deployment('raw'),
      },
      findings: [
        { messageId: 'kustomizeEntry', file: 'apps/kustomization.yaml', line: 3 },
        { messageId: 'kustomizeEntry', file: 'apps/kustomization.yaml', line: 5 },
      ],
    },
    {
      name: 'a Flux Kustomization whose spec.path was not updated after a move, at the spec.path line',
      repo: { ...fluxRepo, 'clusters/home/infra.yaml': fluxKustomization('infra', './infrastructure/controllers') },
      findings: [
        {
          messageId: 'fluxPath',
          file: 'clusters/home/infra.yaml',
          line: 8,
          message: 'Flux Kustomization flux-system/infra applies ./infrastructure/controllers, which does not exist; the Flux Kustomization fails and applies nothing.',
        },
      ],
    },
  ],
});
