import { runRuleTestCase, RuleTester } from '../../testing/rule-tester.js';
import { deployment as deploymentOf, fluxKustomization as fluxKustomizationOf } from '../../testing/fixtures.js';
import rule from './patch-target-missing.js';

/** A Flux Kustomization applying ./apps/<name>, with a patch whose target is given as YAML lines. */
const fluxKustomization = (name: string, target?: string) =>
  fluxKustomizationOf(name, `./apps/${name}`, {
    spec: target
      ? ['  patches:', '    - patch: |', '        - op: add', '          path: /metadata/labels/patched', '          value: "true"', '      target:', ...target.split('\n').map((l) => `        ${l}`), ''].join('\n')
      : '',
  });

const deployment = (name: string) => deploymentOf(name, 'spec:\n  replicas: 1\n');
const jsonPatch = (target: string) => `  - target:\n${target}    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: 3\n`;

const repo = {
  'clusters/home/web.yaml': fluxKustomization('web'),
  'apps/web/kustomization.yaml': `resources:\n  - deployment.yaml\npatches:\n${jsonPatch('      kind: Deployment\n      name: web\n')}`,
  'apps/web/deployment.yaml': deployment('web'),
};

const strategicMerge = {
  ...repo,
  'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\npatches:\n  - path: replicas.yaml\n',
  'apps/web/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: website\nspec:\n  replicas: 3\n',
};

new RuleTester().run(rule, {
  valid: [
    { name: 'the patch targets the Deployment the folder builds', repo },
    {
      name: 'a Flux Kustomization patch by kind only, for a folder without that kind',
      repo: { ...repo, 'clusters/home/web.yaml': fluxKustomization('web', 'group: helm.toolkit.fluxcd.io\nkind: HelmRelease') },
    },
    {
      name: 'a Component patch by kind only, used by a folder without that kind',
      repo: {
        ...repo,
        'apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\ncomponents:\n  - ../../components/helm-defaults\n',
        'components/helm-defaults/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n${jsonPatch('      kind: HelmRelease\n')}`,
      },
    },
    {
      name: 'patches of Flux controllers next to a placeholder gotk-components.yaml',
      repo: {
        ...repo,
        'clusters/home/flux-system/kustomization.yaml': `resources:\n  - gotk-components.yaml\npatches:\n${jsonPatch('      kind: Deployment\n      name: kustomize-controller\n')}`,
        'clusters/home/flux-system/gotk-components.yaml': '# This file will be generated automatically by flux bootstrap.\n',
      },
    },
    {
      name: 'a broken patch in a kustomization that nothing applies (kustomization-unapplied reports the file)',
      repo: { ...repo, 'old/kustomization.yaml': `resources:\n  - deployment.yaml\npatches:\n${jsonPatch('      kind: Deployment\n      name: gone\n')}`, 'old/deployment.yaml': deployment('old') },
    },
  ],
  invalid: [
    {
      name: 'a patch that still names the Deployment by its old name',
      repo: { ...repo, 'apps/web/kustomization.yaml': `resources:\n  - deployment.yaml\npatches:\n${jsonPatch('      kind: Deployment\n      name: website\n')}` },
      findings: [
        {
          messageId: 'noMatch',
          file: 'apps/web/kustomization.yaml',
          line: 4,
          column: 5,
          message: 'Patch target (kind=Deployment, name=website) matches no object that this kustomization builds, so the patch changes nothing.',
        },
      ],
    },
    {
      name: 'a kind-only patch in the folder own kustomization',
      repo: { ...repo, 'apps/web/kustomization.yaml': `resources:\n  - deployment.yaml\npatches:\n${jsonPatch('      kind: StatefulSet\n')}` },
      findings: [{ messageId: 'noMatch', file: 'apps/web/kustomization.yaml', line: 4 }],
    },
    {
      name: 'a named Flux Kustomization patch target, at its target line',
      repo: { ...repo, 'clusters/home/web.yaml': fluxKustomization('web', 'kind: Deployment\nname: website') },
      findings: [
        {
          messageId: 'fluxNoMatch',
          file: 'clusters/home/web.yaml',
          line: 16,
          message: 'Patch target (kind=Deployment, name=website) of Flux Kustomization flux-system/web matches no object it applies, so the patch changes nothing.',
        },
      ],
    },
    {
      name: 'a strategic merge patch without target that matches nothing stops the build',
      repo: strategicMerge,
      findings: [
        {
          messageId: 'buildStops',
          file: 'apps/web/kustomization.yaml',
          line: 4,
          message: 'no object matches the strategic merge patch for Deployment website; kustomize stops the build; Flux applies nothing of apps/web.',
        },
      ],
    },
  ],
});

describe('patch-target-missing severities', () => {
  it('reports a patch that stops the build as an error and a patch that does nothing as a warning', () => {
    expect(runRuleTestCase(rule, { name: 'strategic merge', repo: strategicMerge }).map((f) => f.severity)).toEqual(['error']);
    const noop = { ...repo, 'apps/web/kustomization.yaml': `resources:\n  - deployment.yaml\npatches:\n${jsonPatch('      kind: Deployment\n      name: website\n')}` };
    expect(runRuleTestCase(rule, { name: 'no-op', repo: noop }).map((f) => f.severity)).toEqual(['warning']);
  });
});
