import { RuleTester } from '../../testing/rule-tester.js';
import { ENC, sopsBlock } from '../../testing/fixtures.js';
import rule from './sops-rule-uncovered.js';

const AGE = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

/** An encrypted Secret; metadata.name is on line 4. */
const secret = (name: string) =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    '  namespace: apps',
    'stringData:',
    `  password: ${ENC}`,
    ...sopsBlock({ age: [AGE] }),
  ].join('\n');

const config = (pathRegex: string) => `creation_rules:\n  - path_regex: ${pathRegex}\n    encrypted_regex: ^(data|stringData)$\n    age: ${AGE}\n`;

const dotenv = `PASSWORD=${ENC}\nsops_age__list_0__map_recipient=${AGE}\nsops_lastmodified=2025-01-01T00:00:00Z\nsops_mac=${ENC}\nsops_version=3.9.4\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'a rule whose path_regex matches the file', repo: { '.sops.yaml': config('\\.sops\\.yaml$'), 'apps/db.sops.yaml': secret('db') } },
    { name: 'a rule without path_regex matches every file', repo: { '.sops.yaml': `creation_rules:\n  - age: ${AGE}\n`, 'apps/db.sops.yaml': secret('db') } },
    {
      name: 'the nearest .sops.yaml decides, and path_regex is relative to its folder',
      repo: { '.sops.yaml': config('^infra/'), 'apps/.sops.yaml': config('^db\\.sops\\.yaml$'), 'apps/db.sops.yaml': secret('db') },
    },
    {
      name: 'a plaintext Secret no rule matches is left to secret-plaintext',
      repo: { '.sops.yaml': config('^infra/'), 'apps/db.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: example-not-real\n' },
    },
    { name: 'a repository without encrypted files or .sops.yaml', repo: { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n' } },
    { name: 'a sops: section that is not SOPS metadata', repo: { 'apps/values.yaml': 'sops:\n  enabled: true\n  keyFile: /etc/keys.txt\n' } },
  ],
  invalid: [
    {
      name: 'an encrypted Secret outside the paths of every rule',
      repo: { '.sops.yaml': config('^infra/'), 'apps/db.sops.yaml': secret('db') },
      findings: [
        {
          messageId: 'uncovered',
          file: 'apps/db.sops.yaml',
          line: 4,
          column: 3,
          message: 'Secret apps/db is encrypted, but no creation rule of .sops.yaml matches apps/db.sops.yaml: its recipients follow no rule and `sops updatekeys` fails on it.',
        },
      ],
    },
    {
      name: 'a nested .sops.yaml without a matching rule hides the root one',
      repo: { '.sops.yaml': config('\\.sops\\.yaml$'), 'apps/.sops.yaml': config('^other/'), 'apps/db.sops.yaml': secret('db'), 'infra/db.sops.yaml': secret('infra-db') },
      findings: [{ messageId: 'uncovered', file: 'apps/db.sops.yaml', line: 4, message: 'Secret apps/db is encrypted, but no creation rule of apps/.sops.yaml matches apps/db.sops.yaml: its recipients follow no rule and `sops updatekeys` fails on it.' }],
    },
    {
      name: 'an encrypted dotenv file is named by its path, at line 1',
      repo: { '.sops.yaml': config('\\.sops\\.yaml$'), 'apps/app.env': dotenv },
      findings: [{ messageId: 'uncovered', file: 'apps/app.env', line: 1, message: 'apps/app.env is encrypted, but no creation rule of .sops.yaml matches apps/app.env: its recipients follow no rule and `sops updatekeys` fails on it.' }],
    },
    {
      name: 'encrypted files but no .sops.yaml: one finding for the repository',
      repo: { 'apps/db.sops.yaml': secret('db'), 'infra/db.sops.yaml': secret('infra-db') },
      findings: [{ messageId: 'noConfig', file: 'apps/db.sops.yaml', line: 1, message: 'The repository has 2 SOPS-encrypted files with no .sops.yaml at or above their folder: no creation rule says who should be able to decrypt them.' }],
    },
    {
      name: 'a .sops.yaml in another folder does not cover these files',
      repo: { 'infra/.sops.yaml': config('\\.sops\\.yaml$'), 'infra/db.sops.yaml': secret('infra-db'), 'apps/db.sops.yaml': secret('db') },
      findings: [{ messageId: 'noConfig', file: 'apps/db.sops.yaml', line: 1, message: 'The repository has 1 SOPS-encrypted file with no .sops.yaml at or above its folder: no creation rule says who should be able to decrypt them.' }],
    },
    {
      name: 'a .sops.yml is ignored, as sops ignores it',
      repo: { '.sops.yml': config('\\.sops\\.yaml$'), 'apps/db.sops.yaml': secret('db') },
      findings: [
        {
          messageId: 'noConfig',
          file: 'apps/db.sops.yaml',
          line: 1,
          message: 'The repository has 1 SOPS-encrypted file with no .sops.yaml at or above its folder (sops ignores .sops.yml: rename it to .sops.yaml): no creation rule says who should be able to decrypt them.',
        },
      ],
    },
    {
      name: 'a .sops.yaml that does not parse',
      repo: { '.sops.yaml': 'creation_rules:\n  - path_regex: [\n', 'apps/db.sops.yaml': secret('db'), 'apps/web.sops.yaml': secret('web') },
      findings: [{ messageId: 'configInvalid', file: '.sops.yaml', line: 1 }],
    },
  ],
});
