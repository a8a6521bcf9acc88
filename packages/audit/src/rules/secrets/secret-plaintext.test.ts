import { RuleTester } from '../../testing/rule-tester.js';
import { ENC, sopsBlock } from '../../testing/fixtures.js';
import rule from './secret-plaintext.js';

/** A Secret whose `values` section starts on line 7 (after a comment line). */
const secret = (section: 'data' | 'stringData', values: Record<string, string>, namespace = 'web') =>
  [
    '# credentials of the web app',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: web-env',
    `  namespace: ${namespace}`,
    `${section}:`,
    ...Object.entries(values).map(([k, v]) => `  ${k}: ${v}`),
    '',
  ].join('\n');

const encrypted = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: web-env',
  '  namespace: web',
  'stringData:',
  `  TOKEN: ${ENC}`,
  ...sopsBlock({ lastmodified: '2025-02-11T18:02:27Z' }),
].join('\n');

const sopsConfig = 'creation_rules:\n  - path_regex: .*\\.sops\\.ya?ml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy\n';

/** A HelmRelease whose values write a Secret object (stringData on line 18) through extraObjects. */
const helmRelease = (token: string) =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: web',
    '  namespace: web',
    'spec:',
    '  chart:',
    '    spec:',
    '      chart: web',
    '  values:',
    '    password: changeme',
    '    extraObjects:',
    '      - apiVersion: v1',
    '        kind: Secret',
    '        metadata:',
    '          name: web-extra',
    '        type: Opaque',
    '        stringData:',
    `          TOKEN: ${token}`,
    '',
  ].join('\n');

new RuleTester().run(rule, {
  valid: [
    {
      name: 'outside Secrets, references and placeholders are not credentials',
      repo: {
        'apps/web/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\ndata:\n  DB_PASSWORD: ${DB_PASSWORD}\n  config.ini: |\n    [db]\n    password = changeme\n',
        'apps/web/helmrelease.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: web\nspec:\n  values:\n    auth:\n      existingSecret: web-auth\n      passwordKey: password\n    token: op://Home Lab/Web App/token\n    githubConfigSecret: arc-github-app\n',
      },
    },
    { name: 'an encrypted Secret', repo: { 'apps/web/secret.sops.yaml': encrypted } },
    { name: 'values that are Flux substitutions', repo: { 'apps/web/secret.yaml': secret('stringData', { TOKEN: '${WEB_TOKEN}', URL: '"${SCHEME}://${HOST}"' }) } },
    { name: 'empty values', repo: { 'apps/web/secret.yaml': secret('stringData', { TOKEN: '""', OTHER: '' }) } },
    {
      name: 'references to a secret store resolved at apply time (1Password, vals, argocd-vault-plugin)',
      repo: { 'bootstrap/secret.yaml': secret('stringData', { A: 'op://kubernetes/web/token', B: 'ref+vault://secret/web#token', C: '<path:secret/data/web#token>' }) },
    },
    { name: 'base64 of a substitution in data', repo: { 'apps/web/secret.yaml': secret('data', { TOKEN: Buffer.from('${WEB_TOKEN}').toString('base64') }) } },
    {
      name: 'a secretGenerator reading a sops-encrypted env file, with a value left in clear on purpose',
      repo: {
        'apps/web/kustomization.yaml': 'secretGenerator:\n  - name: web-env\n    envs:\n      - web.sops.env\n',
        'apps/web/web.sops.env': 'TOKEN=ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nHOST_unencrypted=db.example.test\nsops_mac=ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops_version=3.9.4\nsops_lastmodified=2025-02-11T18:02:27Z\n',
      },
    },
    { name: 'a HelmRelease writing a Secret whose values are substitutions; other values keys are not judged', repo: { 'apps/web/helmrelease.yaml': helmRelease('${WEB_TOKEN}') } },
    {
      name: 'a CA certificate is public material',
      repo: { 'apps/web/secret.yaml': secret('data', { 'ca.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n').toString('base64') }) },
    },
    { name: 'a Secret without data', repo: { 'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: empty\ntype: Opaque\n' } },
  ],
  invalid: [
    {
      name: 'credentials in clear outside Secrets: a ConfigMap config file, Helm values, container env; one finding per object, the others related',
      repo: {
        'apps/web/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\ndata:\n  config.ini: |\n    [smtp]\n    password = mail-pass-77\n',
        'apps/web/helmrelease.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: web\nspec:\n  values:\n    auth:\n      adminPassword: Adm1n-pass\n    database:\n      url: postgres://app:pg-pass-99@postgres.database.svc:5432/app\n',
        'apps/web/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web\n          env:\n            - name: API_TOKEN\n              value: tok-3f9a2b7c\n',
      },
      findings: [
        { messageId: 'clearCredential', file: 'apps/web/configmap.yaml', line: 9, message: 'ConfigMap web/web holds a password in clear at data.config.ini (line 2 of it): only a Secret (encrypted with sops) keeps it out of the repository.' },
        { messageId: 'clearCredential', file: 'apps/web/deployment.yaml', line: 14, message: 'Deployment web/web holds a token in clear at spec.template.spec.containers[0].env[0].value: only a Secret (encrypted with sops) keeps it out of the repository.' },
        {
          messageId: 'clearCredential',
          file: 'apps/web/helmrelease.yaml',
          line: 9,
          message: 'HelmRelease web/web holds a password in clear at spec.values.auth.adminPassword (and 1 more credential): only a Secret (encrypted with sops) keeps it out of the repository.',
          related: ['copy apps/web/helmrelease.yaml:11'],
        },
      ],
    },
    {
      name: 'stringData in clear, at the stringData line',
      repo: { 'apps/web/secret.yaml': secret('stringData', { TOKEN: 'example-token-not-real', USER: 'web', EMPTY: '""' }) },
      findings: [
        {
          messageId: 'plaintext',
          file: 'apps/web/secret.yaml',
          line: 7,
          column: 1,
          message: 'Secret web/web-env is not encrypted: 2 values in stringData are committed in plaintext.',
        },
      ],
    },
    {
      name: 'the applied namespace is named, and a .sops.yaml that would not encrypt the file is mentioned',
      repo: {
        '.sops.yaml': sopsConfig,
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
        'apps/web/kustomization.yaml': 'namespace: web\nresources:\n  - secret.yaml\n',
        'apps/web/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-env\ndata:\n  TOKEN: ZXhhbXBsZS10b2tlbi1ub3QtcmVhbA==\n',
      },
      findings: [
        {
          messageId: 'plaintext',
          file: 'apps/web/secret.yaml',
          line: 5,
          message: 'Secret web/web-env is not encrypted: 1 value in data is committed in plaintext; no creation rule of .sops.yaml matches its path either.',
        },
      ],
    },
    {
      name: 'a decrypted copy next to its encrypted file, in the second document of a file nothing applies',
      repo: {
        '.sops.yaml': sopsConfig,
        'apps/web/secret.sops.yaml': encrypted,
        'apps/web/secret.dec.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  a: b\n---\n${encrypted.split('\nsops:')[0]!.replace(ENC, 'example-token-not-real')}\n`,
      },
      findings: [{ messageId: 'plaintext', file: 'apps/web/secret.dec.yaml', line: 13 }],
    },
    {
      name: 'a TLS Secret: the certificate is public, the private key is not',
      repo: {
        'apps/web/secret.yaml': secret('stringData', {
          'tls.crt': '"-----BEGIN CERTIFICATE-----\\nMIIBexample\\n-----END CERTIFICATE-----"',
          'tls.key': '"-----BEGIN PRIVATE KEY-----\\nMIIEexample\\n-----END PRIVATE KEY-----"',
        }),
      },
      findings: [{ messageId: 'plaintext', file: 'apps/web/secret.yaml', line: 7, message: 'Secret web/web-env is not encrypted: 1 value in stringData is committed in plaintext.' }],
    },
    {
      name: 'secretGenerator literals and a plain env file',
      repo: {
        'apps/web/kustomization.yaml': [
          'secretGenerator:',
          '  - name: web-env',
          '    literals:',
          '      - TOKEN=example-token-not-real',
          '      - URL=${WEB_URL}',
          '  - name: web-db',
          '    envs:',
          '      - db.env',
          '',
        ].join('\n'),
        'apps/web/db.env': '# database\nDB_PASSWORD=example-password-not-real\nDB_HOST=${DB_HOST}\n',
      },
      findings: [
        { messageId: 'generator', file: 'apps/web/kustomization.yaml', line: 3, message: 'secretGenerator web-env in apps/web/kustomization.yaml takes 1 value in plaintext from literals.' },
        { messageId: 'generator', file: 'apps/web/kustomization.yaml', line: 8, message: 'secretGenerator web-db in apps/web/kustomization.yaml takes 1 value in plaintext from apps/web/db.env.' },
      ],
    },
    {
      name: 'a Secret object written into HelmRelease values',
      repo: { 'apps/web/helmrelease.yaml': helmRelease('example-token-not-real') },
      findings: [{ messageId: 'helmValues', file: 'apps/web/helmrelease.yaml', line: 18, message: 'HelmRelease web/web writes a Secret web-extra into spec.values with 1 value in plaintext.' }],
    },
  ],
});
