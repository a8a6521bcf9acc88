import { RuleTester } from '../../testing/rule-tester.js';
import { ENC, sopsBlock } from '../../testing/fixtures.js';
import rule from './secret-value-leak.js';

/** An encrypted Secret; `metadataExtra` lines go after metadata.namespace (line 5), `body` after metadata. */
const encrypted = (metadataExtra: readonly string[], body: readonly string[]) =>
  ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: web-env', '  namespace: web', ...metadataExtra, ...body, ...sopsBlock({ lastmodified: '2025-02-11T18:02:27Z' })].join('\n');

const lastApplied = (json: string) => ['  annotations:', '    kubectl.kubernetes.io/last-applied-configuration: |', `      ${json}`];

new RuleTester().run(rule, {
  valid: [
    { name: 'an encrypted Secret without clear copies', repo: { 'apps/web/secret.sops.yaml': encrypted([], ['data:', `  TOKEN: ${ENC}`]) } },
    {
      name: 'a last-applied annotation without data or stringData',
      repo: { 'apps/web/secret.sops.yaml': encrypted(lastApplied('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"web-env"}}'), ['data:', `  TOKEN: ${ENC}`]) },
    },
    {
      name: 'a clear stringData value that is only a Flux substitution',
      repo: { 'apps/web/secret.sops.yaml': encrypted([], ['data:', `  TOKEN: ${ENC}`, 'stringData:', '  HOST: ${WEB_HOST}']) },
    },
    {
      name: 'a plaintext Secret with a last-applied annotation is the concern of secret-plaintext',
      repo: { 'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: \'{"stringData":{"TOKEN":"example-token-not-real"}}\'\nstringData:\n  TOKEN: example-token-not-real\n' },
    },
  ],
  invalid: [
    {
      name: 'a file made from kubectl get -o yaml keeps the values in last-applied-configuration',
      repo: {
        'apps/web/secret.sops.yaml': encrypted(lastApplied('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"web-env"},"stringData":{"TOKEN":"example-token-not-real","USER":"example-user"}}'), [
          'stringData:',
          `  TOKEN: ${ENC}`,
          `  USER: ${ENC}`,
        ]),
      },
      findings: [
        {
          messageId: 'lastApplied',
          file: 'apps/web/secret.sops.yaml',
          line: 7,
          column: 5,
          message: 'Secret web/web-env is encrypted with sops, but its annotation kubectl.kubernetes.io/last-applied-configuration holds 2 values in clear (stringData.TOKEN, stringData.USER).',
        },
      ],
    },
    {
      name: 'stringData added in clear beside encrypted data, named by key and never by value',
      repo: { 'apps/web/secret.sops.yaml': encrypted([], ['data:', `  TOKEN: ${ENC}`, 'stringData:', '  PASSWORD: example-password-not-real', '  HOST: ${WEB_HOST}']) },
      findings: [
        {
          messageId: 'clearValue',
          file: 'apps/web/secret.sops.yaml',
          line: 9,
          message: 'Secret web/web-env is encrypted with sops, but 1 value is in clear beside the encrypted ones (stringData.PASSWORD).',
        },
      ],
    },
    {
      name: 'both leaks in one document, with the namespace the kustomization gives',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
        'apps/web/kustomization.yaml': 'namespace: web-prod\nresources:\n  - secret.sops.yaml\n',
        'apps/web/secret.sops.yaml': encrypted(lastApplied('{"data":{"TOKEN":"ZXhhbXBsZQ=="}}'), ['data:', `  TOKEN: ${ENC}`, '  EXTRA: ZXhhbXBsZS1ub3QtcmVhbA==']),
      },
      findings: [
        { messageId: 'lastApplied', file: 'apps/web/secret.sops.yaml', line: 7, message: 'Secret web-prod/web-env is encrypted with sops, but its annotation kubectl.kubernetes.io/last-applied-configuration holds 1 value in clear (data.TOKEN).' },
        { messageId: 'clearValue', file: 'apps/web/secret.sops.yaml', line: 11 },
      ],
    },
  ],
});
