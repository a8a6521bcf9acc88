import { RuleTester } from '../../testing/rule-tester.js';
import { appliedFolder, ENC, sopsBlock } from '../../testing/fixtures.js';
import rule from './sops-encrypted-regex-breaks-flux.js';

/** A Secret as sops writes it with `selector`; `clear` says which of apiVersion, kind, name, namespace stay in clear. */
const secret = (selector: string, clear: { apiVersion?: boolean; kind?: boolean; meta?: boolean }) =>
  [
    `apiVersion: ${clear.apiVersion ? 'v1' : ENC}`,
    `kind: ${clear.kind ? 'Secret' : ENC}`,
    'metadata:',
    `  name: ${clear.meta ? 'db' : ENC}`,
    `  namespace: ${clear.meta ? 'apps' : ENC}`,
    'stringData:',
    `  password: ${ENC}`,
    ...sopsBlock({ selector }),
  ].join('\n');

const applied = (files: Record<string, string>) => appliedFolder('apps', files);

new RuleTester().run(rule, {
  valid: [
    { name: 'only data and stringData encrypted', repo: applied({ 'db.sops.yaml': secret('encrypted_regex: ^(data|stringData)$', { apiVersion: true, kind: true, meta: true }) }) },
    {
      name: 'a kubeconfig encrypted whole that nothing applies',
      repo: { ...applied({ 'web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n' }), 'bootstrap/kubeconfig.sops.yaml': `apiVersion: ${ENC}\nkind: ${ENC}\nclusters: ${ENC}\n${sopsBlock({ selector: 'unencrypted_suffix: _unencrypted' }).join('\n')}` },
    },
    { name: 'a plaintext Secret is not this rule\'s concern', repo: applied({ 'db.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: example-not-real\n' }) },
  ],
  invalid: [
    {
      name: 'a Secret encrypted whole (the default unencrypted_suffix)',
      repo: applied({ 'db.sops.yaml': secret('unencrypted_suffix: _unencrypted', {}) }),
      findings: [
        {
          messageId: 'structural',
          file: 'apps/db.sops.yaml',
          line: 1,
          column: 1,
          message: 'The object in apps/db.sops.yaml is encrypted with sops including apiVersion, kind, metadata.name, metadata.namespace: kustomize and Flux cannot read the object, so its Flux Kustomization fails to build.',
        },
      ],
    },
    {
      name: 'apiVersion and kind left in clear, but metadata encrypted',
      repo: applied({ 'db.sops.yaml': secret('unencrypted_regex: ^(apiVersion|kind)$', { apiVersion: true, kind: true }) }),
      findings: [
        {
          messageId: 'structural',
          file: 'apps/db.sops.yaml',
          line: 4,
          column: 3,
          message: 'The Secret in apps/db.sops.yaml is encrypted with sops including metadata.name, metadata.namespace: kustomize and Flux cannot read the object, so its Flux Kustomization fails to build.',
        },
      ],
    },
    {
      name: 'the second document of a file, named by its position',
      repo: applied({ 'db.sops.yaml': `${secret('encrypted_regex: ^(data|stringData)$', { apiVersion: true, kind: true, meta: true })}---\n${secret('encrypted_regex: ^(data|stringData|metadata)$', { apiVersion: true, kind: true })}` }),
      findings: [{ messageId: 'structural', file: 'apps/db.sops.yaml', line: 17, message: 'The Secret in apps/db.sops.yaml (document 2) is encrypted with sops including metadata.name, metadata.namespace: kustomize and Flux cannot read the object, so its Flux Kustomization fails to build.' }],
    },
  ],
});
