import { defineRule } from '../../engine/define-rule.js';
import { plural } from '../../report/wording.js';
import { describeSopsFile, governingRule, sopsFileLocation, sopsFileResource, sopsFiles } from './sops-utils.js';

export default defineRule({
  id: 'sops-rule-uncovered',
  meta: {
    category: 'sops',
    defaultSeverity: 'warning',
    summary: 'A SOPS-encrypted file that no .sops.yaml creation rule matches.',
    rationale:
      'The creation rules of .sops.yaml say who can decrypt each file (its age recipients) and which fields are encrypted. A file that no rule matches escapes both: `sops updatekeys` fails on it, so when a key is added or revoked it keeps the old recipients, and nobody can tell from the repository who is supposed to open it. Encrypted files without any .sops.yaml at or above their folder have the same problem (reported once, at the first of them). The nearest .sops.yaml at or above the file is used, as sops does when run from the file\'s folder; .sops.yml is ignored, as sops ignores it. Plaintext Secrets are reported by secret-plaintext, which says when no rule matches them either.',
    fix: 'Add a creation rule whose path_regex matches the file (with the recipients who should open it and encrypted_regex: ^(data|stringData)$ for Kubernetes Secrets), or move the file to a path a rule covers; then run `sops updatekeys` on it.',
    messages: {
      uncovered: '{{what}} is encrypted, but no creation rule of {{config}} matches {{file}}: its recipients follow no rule and `sops updatekeys` fails on it.',
      noConfig: 'The repository has {{files}} with no .sops.yaml at or above {{their}} folder{{hint}}: no creation rule says who should be able to decrypt them.',
      configInvalid: '{{config}} cannot be read ({{reason}}): no creation rule applies to the {{files}} it governs.',
    },
    examples: {
      invalid: [
        {
          title: 'An encrypted Secret outside the paths the rules cover',
          repo: {
            '.sops.yaml': 'creation_rules:\n  - path_regex: ^apps/.*\\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n',
            'infra/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'The rule covers the file',
          repo: {
            '.sops.yaml': 'creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n',
            'infra/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    const files = sopsFiles(model);
    const withoutConfig = files.filter((f) => governingRule(model, f.path) === undefined);
    const first = withoutConfig[0];
    if (first) {
      const yml = model.files.some((f) => f.path === '.sops.yml' || f.path.endsWith('/.sops.yml'));
      report({
        messageId: 'noConfig',
        data: { files: plural(withoutConfig.length, 'SOPS-encrypted file'), their: withoutConfig.length === 1 ? 'its' : 'their', hint: yml ? ' (sops ignores .sops.yml: rename it to .sops.yaml)' : '' },
        location: { file: first.path, line: 1, column: 1 },
      });
    }
    const broken = new Map<string, { reason: string; count: number }>();
    for (const file of files) {
      const governing = governingRule(model, file.path);
      if (!governing || governing.rule) continue;
      if (governing.configError !== undefined) {
        const entry = broken.get(governing.configPath) ?? { reason: governing.configError, count: 0 };
        broken.set(governing.configPath, { ...entry, count: entry.count + 1 });
        continue;
      }
      report({
        messageId: 'uncovered',
        data: { what: describeSopsFile(model, file), config: governing.configPath, file: file.path },
        location: sopsFileLocation(file),
        resource: sopsFileResource(model, file),
      });
    }
    for (const [config, { reason, count }] of broken) {
      report({ messageId: 'configInvalid', data: { config, reason, files: plural(count, 'encrypted file') }, location: { file: config, line: 1, column: 1 } });
    }
  },
});
