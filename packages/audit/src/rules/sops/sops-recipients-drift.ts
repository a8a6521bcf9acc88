import { recipientDrift, showRecipient } from '@kustodian/sops';
import { defineRule } from '../../engine/define-rule.js';
import { describeSopsFile, governingRule, sopsFileLocation, sopsFileResource, sopsFiles } from './sops-utils.js';

function recipientList(keys: readonly string[]): string {
  return keys.map(showRecipient).join(', ');
}

export default defineRule({
  id: 'sops-recipients-drift',
  meta: {
    category: 'sops',
    defaultSeverity: 'warning',
    summary: 'An encrypted file whose recipients differ from those its .sops.yaml creation rule lists.',
    rationale:
      'Changing the recipients of a creation rule (a new machine, a new cluster key, a revoked key) changes nothing in the files already encrypted: each keeps the data key wrapped for the recipients it had. Until `sops updatekeys` runs on every file, a new cluster cannot decrypt the files it is missing from, and a revoked key can still open the files that still list it. Age and PGP recipients are compared (they are public keys, so the message names them); other key kinds (KMS, Vault…) are not. A file whose recipients match but are split into a different number of key groups is reported too.',
    fix: 'Run `sops updatekeys` on the file (or `kustodian secrets updatekeys`) with a key that opens it, and commit the result; when a recipient was revoked, also rotate the data key and the values.',
    messages: {
      drift: '{{what}} is encrypted for recipients that differ from creation_rules[{{index}}] of {{config}}: {{difference}}; run `sops updatekeys {{file}}`.',
      groups: '{{what}} has {{fileGroups}} key groups, but creation_rules[{{index}}] of {{config}} has {{ruleGroups}}; run `sops updatekeys {{file}}`.',
    },
    examples: {
      invalid: [
        {
          title: 'A recipient was added to the rule, the file was not updated',
          repo: {
            '.sops.yaml':
              'creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: >-\n      age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p,\n      age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg\n',
            'apps/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'The file has exactly the rule\'s recipients',
          repo: {
            '.sops.yaml': 'creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n',
            'apps/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  age:\n    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n      enc: "-"\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const file of sopsFiles(model)) {
      const governing = governingRule(model, file.path);
      const rule = governing?.rule;
      if (!governing || !rule) continue;
      const { missing, extra, regrouped } = recipientDrift(file.sops, rule);
      const common = { what: describeSopsFile(model, file), index: rule.index, config: governing.configPath, file: file.path };
      if (missing.length > 0 || extra.length > 0) {
        const difference = [missing.length ? `missing ${recipientList(missing)}` : '', extra.length ? `not in the rule: ${recipientList(extra)}` : ''].filter(Boolean).join('; ');
        report({ messageId: 'drift', data: { ...common, difference }, location: sopsFileLocation(file), resource: sopsFileResource(model, file) });
      } else if (regrouped) {
        report({
          messageId: 'groups',
          data: { ...common, fileGroups: file.sops.keyGroupCount, ruleGroups: rule.keyGroups.length },
          location: sopsFileLocation(file),
          resource: sopsFileResource(model, file),
        });
      }
    }
  },
});
