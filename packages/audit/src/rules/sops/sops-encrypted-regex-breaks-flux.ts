import { defineRule } from '../../engine/define-rule.js';
import { sopsFiles } from './sops-utils.js';

export default defineRule({
  id: 'sops-encrypted-regex-breaks-flux',
  meta: {
    category: 'sops',
    defaultSeverity: 'error',
    summary: 'A SOPS-encrypted manifest that Flux applies has its apiVersion, kind or metadata encrypted.',
    rationale:
      'Without `encrypted_regex` (or another selector) sops encrypts every value of the file, including `apiVersion`, `kind` and `metadata.name`. kustomize-controller builds the folder before it decrypts anything, and kustomize cannot place an object whose kind and name are ciphertext: the build fails and the whole Flux Kustomization stops reconciling. Files that no Flux Kustomization applies are not reported (an encrypted kubeconfig or talos secret may be encrypted whole on purpose).',
    fix: 'Decrypt the file and encrypt it again with a creation rule that encrypts only the secret fields (`encrypted_regex: ^(data|stringData)$` for Kubernetes Secrets).',
    messages: {
      structural: '{{what}} is encrypted with sops including {{fields}}: kustomize and Flux cannot read the object, so its Flux Kustomization fails to build.',
    },
    examples: {
      invalid: [
        {
          title: 'A Secret encrypted whole (no encrypted_regex) in an applied folder',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n',
            'apps/kustomization.yaml': 'resources:\n  - db.sops.yaml\n',
            'apps/db.sops.yaml':
              'apiVersion: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nkind: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nmetadata:\n  name: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  unencrypted_suffix: _unencrypted\n  version: 3.9.4\n',
          },
        },
      ],
      valid: [
        {
          title: 'Only data and stringData are encrypted',
          repo: {
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n',
            'apps/kustomization.yaml': 'resources:\n  - db.sops.yaml\n',
            'apps/db.sops.yaml':
              'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.4\n',
          },
        },
      ],
    },
  },
  check({ model, report }) {
    for (const file of sopsFiles(model)) {
      if ((model.fileAppliedBy.get(file.path)?.length ?? 0) === 0) continue;
      for (const doc of file.documents) {
        const structural = doc.findings.filter((f) => f.kind === 'structural-field-encrypted');
        const first = structural[0];
        if (!first) continue;
        const where = `${file.path}${file.documents.length > 1 ? ` (document ${doc.documentIndex + 1})` : ''}`;
        const object = doc.kind && doc.name ? `${doc.kind} ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name}` : doc.kind ? `The ${doc.kind} in ${where}` : `The object in ${where}`;
        report({
          messageId: 'structural',
          data: { what: object, fields: structural.map((f) => f.path.join('.')).join(', ') },
          location: { file: file.path, line: first.line ?? doc.line ?? 1, column: first.column ?? 1 },
        });
      }
    }
  },
});
