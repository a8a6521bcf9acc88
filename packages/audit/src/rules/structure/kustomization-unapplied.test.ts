import { RuleTester } from '../../testing/rule-tester.js';
import { deployment, fluxKustomization, gotkSync, webApps } from '../../testing/fixtures.js';
import rule from './kustomization-unapplied.js';

const fluxRepo = {
  'clusters/home/flux-system/gotk-sync.yaml': gotkSync(),
  'clusters/home/apps.yaml': fluxKustomization('apps', './apps'),
  ...webApps(),
};

new RuleTester().run(rule, {
  valid: [
    { name: 'a Flux repository whose every kustomization is reached', repo: fluxRepo },
    {
      name: 'a plain clusters/<name> entry point listing the app folder',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
        'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'apps/web/deployment.yaml': deployment('web'),
      },
    },
    {
      name: 'a folder without kustomization.yaml that a Flux Kustomization applies',
      repo: { ...fluxRepo, 'clusters/home/infra.yaml': fluxKustomization('infra', './infra'), 'infra/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n' },
    },
    {
      name: 'turned off in kustodian.yaml',
      repo: { ...fluxRepo, 'kustodian.yaml': 'rules:\n  kustomization-unapplied: off\n', 'old/kustomization.yaml': 'resources: []\n' },
    },
    {
      name: 'a kustomization kept on purpose, with a suppression comment',
      repo: { ...fluxRepo, 'templates/app/kustomization.yaml': '# kustodian-ignore kustomization-unapplied: template copied for new apps\nresources: []\n' },
    },
    {
      name: 'files in folders that kustodian.yaml ignores',
      repo: { ...fluxRepo, 'kustodian.yaml': 'ignore:\n  - archive/\n', 'archive/old/kustomization.yaml': 'resources: []\n' },
    },
    {
      name: 'a Flux Kustomization in a file that the kustomization.yaml next to it does not list (manifest-unlisted reports it)',
      repo: { ...fluxRepo, 'clusters/home/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n  - apps.yaml\n', 'clusters/home/extra.yaml': fluxKustomization('extra', './apps/web') },
    },
    {
      name: 'kustomizations under bootstrap/, applied before Flux by the bootstrap procedure',
      repo: { ...fluxRepo, 'bootstrap/kustomize/secrets/kustomization.yaml': 'resources:\n  - secret.yaml\n', 'bootstrap/kustomize/secrets/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: flux-system\n' },
    },
  ],
  invalid: [
    {
      name: 'an app whose entry is commented out in the parent: the finding says where, for a folder and for a Flux Kustomization file',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n  # - ../../apps/old\n  #- ../../flux/extra.yaml\n',
        'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'apps/web/deployment.yaml': deployment('web'),
        'apps/old/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'apps/old/deployment.yaml': deployment('old'),
        'flux/extra.yaml': fluxKustomization('extra', './apps/web'),
      },
      findings: [
        {
          messageId: 'kustomizationFile',
          file: 'apps/old/kustomization.yaml',
          line: 1,
          column: 1,
          message: 'apps/old/kustomization.yaml is not applied: no Flux Kustomization reached from an entry point builds apps/old. Its entry is commented out in clusters/home/kustomization.yaml:3 (`# - ../../apps/old`).',
          related: ['parent clusters/home/kustomization.yaml:3'],
        },
        {
          messageId: 'fluxKustomization',
          file: 'flux/extra.yaml',
          line: 1,
          column: 1,
          message: 'Flux Kustomization flux-system/extra is never applied: no entry point reaches flux/extra.yaml, so Flux never creates it. Its entry is commented out in clusters/home/kustomization.yaml:4 (`# - ../../flux/extra.yaml`).',
        },
      ],
    },
    {
      name: 'an app folder that nothing lists',
      repo: { ...fluxRepo, 'apps/old/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'apps/old/deployment.yaml': deployment('old') },
      findings: [
        {
          messageId: 'kustomizationFile',
          file: 'apps/old/kustomization.yaml',
          line: 1,
          column: 1,
          message: 'apps/old/kustomization.yaml is not applied: no Flux Kustomization reached from an entry point builds apps/old.',
          related: ['parent apps/kustomization.yaml:1'],
        },
      ],
    },
    {
      name: 'a file of two never-applied Flux Kustomizations is one finding, and the folders they would build are related, not reported again',
      repo: {
        ...fluxRepo,
        'extra/ks.yaml': `${fluxKustomization('extra', './extra/app')}---\n${fluxKustomization('extra-crds', './extra/crds')}`,
        'extra/app/kustomization.yaml': 'resources: []\n',
        'extra/crds/kustomization.yaml': 'resources: []\n',
      },
      findings: [
        {
          messageId: 'fluxKustomizations',
          file: 'extra/ks.yaml',
          line: 1,
          message: 'Flux Kustomizations flux-system/extra, flux-system/extra-crds are never applied: no entry point reaches extra/ks.yaml, so Flux never creates them.',
          related: ['child extra/app/kustomization.yaml:1', 'child extra/crds/kustomization.yaml:1', 'copy extra/ks.yaml:12'],
        },
      ],
    },
    {
      name: 'a Flux Kustomization in a file no entry point reaches, at its document line',
      repo: { ...fluxRepo, 'flux/extra.yaml': `# not listed anywhere\n${deployment('x')}---\n${fluxKustomization('extra', './apps/web')}` },
      findings: [
        {
          messageId: 'fluxKustomization',
          file: 'flux/extra.yaml',
          line: 8,
          column: 1,
          message: 'Flux Kustomization flux-system/extra is never applied: no entry point reaches flux/extra.yaml, so Flux never creates it.',
        },
      ],
    },
    {
      name: 'only the outermost of nested unapplied kustomizations',
      repo: {
        ...fluxRepo,
        'old/kustomization.yaml': 'resources:\n  - sub\n  - ks.yaml\n',
        'old/ks.yaml': fluxKustomization('old', './old/sub'),
        'old/sub/kustomization.yaml': 'resources: []\n',
      },
      findings: [{ messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 }],
    },
    {
      name: 'a suppression for another rule does not hide it',
      repo: { ...fluxRepo, 'old/kustomization.yaml': '# kustodian-ignore suppression-unused: unrelated\nresources: []\n' },
      findings: [{ messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 }],
    },
    {
      name: 'raised to error in kustodian.yaml, still reported',
      repo: { ...fluxRepo, 'kustodian.yaml': 'rules:\n  kustomization-unapplied: error\n', 'legacy/Kustomization': 'resources: []\n' },
      findings: [{ messageId: 'kustomizationFile', file: 'legacy/Kustomization', line: 1 }],
    },
  ],
});
