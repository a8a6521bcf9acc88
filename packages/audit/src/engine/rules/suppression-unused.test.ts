import { allRules } from '../../rules/registry.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './suppression-unused.js';

const entry = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n', 'apps/kustomization.yaml': 'resources: []\n' };

new RuleTester({ rules: allRules }).run(rule, {
  valid: [
    {
      name: 'a comment that hides a finding',
      repo: { ...entry, 'old/kustomization.yaml': '# kustodian-ignore kustomization-unapplied: kept as a template\nresources: []\n' },
    },
    {
      name: 'a suppression of a rule that is off',
      repo: {
        ...entry,
        'kustodian.yaml': 'rules:\n  kustomization-unapplied: off\n',
        'apps/kustomization.yaml': '# kustodian-ignore kustomization-unapplied: not needed while the rule is off\nresources: []\n',
      },
    },
    {
      name: 'a suppression without a reason (suppression-invalid reports it instead)',
      repo: { ...entry, 'apps/kustomization.yaml': '# kustodian-ignore kustomization-unapplied\nresources: []\n' },
    },
  ],
  invalid: [
    {
      name: 'a comment above a kustomization that is applied',
      repo: { ...entry, 'apps/kustomization.yaml': '# kustodian-ignore kustomization-unapplied: left over\nresources: []\n' },
      findings: [
        { messageId: 'unused', file: 'apps/kustomization.yaml', line: 1, column: 1, message: 'Suppression of kustomization-unapplied matched no finding; remove it.' },
      ],
    },
    {
      name: 'an annotation on a resource with no finding',
      repo: {
        ...entry,
        'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n',
        'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    kustodian.io/ignore: "kustomization-unapplied: left over"\n',
      },
      findings: [{ messageId: 'unused', file: 'apps/cm.yaml', line: 7, column: 5 }],
    },
  ],
});
