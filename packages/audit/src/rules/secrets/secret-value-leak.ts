import { defineRule } from '../../engine/define-rule.js';
import { dottedPath, plural } from '../../report/wording.js';
import { inspectSecretManifests, isPlaceholderField } from './secrets-utils.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export default defineRule({
  id: 'secret-value-leak',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    summary: 'A SOPS-encrypted Secret also holds its values in clear, outside the encrypted fields.',
    rationale:
      'sops only encrypts the fields its rules select (usually data and stringData). A file made from `kubectl get secret -o yaml` keeps the `kubectl.kubernetes.io/last-applied-configuration` annotation, which holds a second copy of every value in clear; a `stringData` added by hand beside an encrypted `data` is committed as written. The file looks encrypted, so nobody notices that the values are in git for anyone to read. The finding names the field and the keys, never the values.',
    fix: 'Remove the clear copy (the last-applied-configuration annotation, or the clear field) and encrypt the file again with sops; rotate every value that was committed in clear.',
    messages: {
      lastApplied: `Secret {{secret}} is encrypted with sops, but its annotation ${LAST_APPLIED} holds {{values}} in clear ({{keys}}).`,
      clearValue: 'Secret {{secret}} is encrypted with sops, but {{values}} {{verb}} in clear beside the encrypted ones ({{keys}}).',
    },
    examples: {
      invalid: [
        {
          title: 'An encrypted Secret made from kubectl get -o yaml',
          repo: {
            'apps/web/secret.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"web-env","namespace":"web"},"stringData":{"TOKEN":"example-token-not-real"}}\nstringData:\n  TOKEN: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'An encrypted Secret without clear copies',
          repo: {
            'apps/web/secret.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  namespace: web\nstringData:\n  TOKEN: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const secret of inspectSecretManifests(model)) {
      if (secret.result.sops === undefined) continue;
      const at = (line: number | undefined, column: number | undefined) => ({ file: secret.file, line: line ?? secret.result.line ?? 1, column: column ?? 1 });
      for (const leak of secret.result.findings) {
        if (leak.kind !== 'last-applied-configuration-leak') continue;
        const inner = leak.innerPaths ?? [];
        report({
          messageId: 'lastApplied',
          data: { secret: secret.label, values: plural(inner.length, 'value'), keys: inner.map((p) => dottedPath(p)).join(', ') },
          location: at(leak.line, leak.column),
          resource: secret.resource,
        });
      }
      const clear = secret.result.findings.filter((f) => f.kind === 'secret-value-in-clear' && !isPlaceholderField(secret.document, f.path));
      const first = clear[0];
      if (first) {
        report({
          messageId: 'clearValue',
          data: { secret: secret.label, values: plural(clear.length, 'value'), verb: clear.length === 1 ? 'is' : 'are', keys: clear.map((f) => dottedPath(f.path)).join(', ') },
          location: at(first.line, first.column),
          resource: secret.resource,
        });
      }
    }
  },
});
