import { allRules } from '../../rules/registry.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './suppression-invalid.js';

// The built-in rules run beside it; kustomization-unapplied gives the suppressions something to hide.
const unapplied = { 'clusters/home/kustomization.yaml': 'resources: []\n' };

new RuleTester({ rules: allRules }).run(rule, {
  valid: [
    {
      name: 'a comment suppression with a rule and a reason',
      repo: { ...unapplied, 'old/kustomization.yaml': '# kustodian-ignore kustomization-unapplied: kept as a template\nresources: []\n' },
    },
    {
      name: 'an annotation with two reasoned entries',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - cm.yaml\n',
        'clusters/home/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    kustodian.io/ignore: "kustomization-unapplied: one; suppression-unused: two"\n',
      },
    },
    { name: 'a Markdown comment with a reason', repo: { ...unapplied, 'README.md': '# Home\n\n<!-- kustodian-ignore kustomization-unapplied: docs only -->\n' } },
    { name: 'turned off', repo: { ...unapplied, 'kustodian.yaml': 'rules:\n  suppression-invalid: off\n', 'a.sh': '#!/bin/sh\n# kustodian-ignore kustomization-unapplied\n' } },
  ],
  invalid: [
    {
      name: 'a comment without a reason',
      repo: { ...unapplied, 'old/kustomization.yaml': '# kustodian-ignore kustomization-unapplied\nresources: []\n' },
      findings: [
        {
          messageId: 'missingReason',
          file: 'old/kustomization.yaml',
          line: 1,
          column: 1,
          message: 'Suppression of kustomization-unapplied gives no reason; write "kustomization-unapplied: <why it is acceptable>".',
        },
      ],
    },
    {
      name: 'an annotation entry naming a rule that does not exist',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - cm.yaml\n',
        'clusters/home/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n  annotations:\n    kustodian.io/ignore: "kustomization-unaplied: typo"\n',
      },
      findings: [
        {
          messageId: 'unknownRule',
          file: 'clusters/home/cm.yaml',
          line: 7,
          column: 5,
          message: 'Suppression names "kustomization-unaplied", which is not a Kustodian rule (did you mean kustomization-unapplied?).',
        },
      ],
    },
    {
      name: 'a shell comment naming no rule',
      repo: { ...unapplied, 'scripts/backup.sh': '#!/bin/sh\nset -eu\n# kustodian-ignore: because\nread -r x\n' },
      findings: [{ messageId: 'malformed', file: 'scripts/backup.sh', line: 3, column: 1 }],
    },
    {
      name: 'a Markdown comment without a reason',
      repo: { ...unapplied, 'docs/notes.md': '# Notes\n\n<!-- kustodian-ignore kustomization-unapplied -->\n' },
      findings: [{ messageId: 'missingReason', file: 'docs/notes.md', line: 3, column: 1 }],
    },
  ],
});
