import { RuleTester } from '../../testing/rule-tester.js';
import { ENC, sopsBlock } from '../../testing/fixtures.js';
import rule from './sops-recipients-drift.js';

const A = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const B = 'age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg';
const FP = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';

/** An encrypted Secret for the given age recipients (one key group); metadata.name is on line 4. */
const secret = (recipients: readonly string[], pgp: readonly string[] = []) =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    'stringData:',
    `  password: ${ENC}`,
    ...sopsBlock({ age: recipients, pgp }),
  ].join('\n');

const rule1 = (age: string, extra = '') => `creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${age}\n${extra}`;

/** A Flux Kustomization applying apps/ with targetNamespace db. */
const fluxKustomization =
  'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  targetNamespace: db\n  decryption:\n    provider: sops\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';

new RuleTester().run(rule, {
  valid: [
    { name: 'the file has exactly the recipients of its rule', repo: { '.sops.yaml': rule1(A), 'apps/db.sops.yaml': secret([A]) } },
    { name: 'the same recipients in another order', repo: { '.sops.yaml': rule1(`${B},${A}`), 'apps/db.sops.yaml': secret([A, B]) } },
    { name: 'the same age and PGP keys', repo: { '.sops.yaml': rule1(A, `    pgp: ${FP}\n`), 'apps/db.sops.yaml': secret([A], [FP]) } },
    { name: 'a file no rule matches is left to sops-rule-uncovered', repo: { '.sops.yaml': rule1(B).replace('\\.sops\\.yaml$', '^infra/'), 'apps/db.sops.yaml': secret([A]) } },
    {
      name: 'recipients given as key_groups, one group',
      repo: { '.sops.yaml': `creation_rules:\n  - path_regex: apps/\n    key_groups:\n      - age:\n          - ${A}\n          - ${B}\n`, 'apps/db.sops.yaml': secret([A, B]) },
    },
  ],
  invalid: [
    {
      name: 'a recipient added to the rule but not to the file',
      repo: { '.sops.yaml': rule1(`${A},${B}`), 'apps/db.sops.yaml': secret([A]) },
      findings: [
        {
          messageId: 'drift',
          file: 'apps/db.sops.yaml',
          line: 4,
          column: 3,
          message: `Secret db is encrypted for recipients that differ from creation_rules[0] of .sops.yaml: missing ${B}; run \`sops updatekeys apps/db.sops.yaml\`.`,
        },
      ],
    },
    {
      name: 'a revoked recipient still in the file, named with the namespace the file is applied in',
      repo: { 'clusters/home/apps.yaml': fluxKustomization, '.sops.yaml': rule1(A), 'apps/db.sops.yaml': secret([A, B]) },
      findings: [
        {
          messageId: 'drift',
          file: 'apps/db.sops.yaml',
          line: 4,
          message: `Secret db/db is encrypted for recipients that differ from creation_rules[0] of .sops.yaml: not in the rule: ${B}; run \`sops updatekeys apps/db.sops.yaml\`.`,
        },
      ],
    },
    {
      name: 'a PGP key replaced by an age key',
      repo: { '.sops.yaml': rule1(`${A},${B}`), 'apps/db.sops.yaml': secret([A], [FP]) },
      findings: [
        {
          messageId: 'drift',
          file: 'apps/db.sops.yaml',
          line: 4,
          message: `Secret db is encrypted for recipients that differ from creation_rules[0] of .sops.yaml: missing ${B}; not in the rule: pgp ${FP}; run \`sops updatekeys apps/db.sops.yaml\`.`,
        },
      ],
    },
    {
      name: 'the same recipients, but the rule splits them into two key groups',
      repo: { '.sops.yaml': `creation_rules:\n  - path_regex: apps/\n    shamir_threshold: 2\n    key_groups:\n      - age: [${A}]\n      - age: [${B}]\n`, 'apps/db.sops.yaml': secret([A, B]) },
      findings: [{ messageId: 'groups', file: 'apps/db.sops.yaml', line: 4, message: 'Secret db has 1 key groups, but creation_rules[0] of .sops.yaml has 2; run `sops updatekeys apps/db.sops.yaml`.' }],
    },
  ],
});
