import { findClearCredentials } from './clear-credentials.js';

const whats = (value: unknown) => findClearCredentials(value).map((c) => `${c.path.join('.')}${c.line ? `:${c.line}` : ''} ${c.what}`);

describe('findClearCredentials', () => {
  it('finds credentials under credential-named fields, in every naming style', () => {
    expect(whats({ auth: { adminPassword: 'Hunter2!x', api_key: 'k-7f3a9b2c', clientSecret: 'cs-123456', token: 'tok-abcdef' }, DB_PASSWORD: 's3cr3t-pw', appSecret: 'Xk9!aa-b' })).toEqual([
      'auth.adminPassword a password',
      'auth.api_key a key',
      'auth.clientSecret a secret',
      'auth.token a token',
      'DB_PASSWORD a password',
      'appSecret a secret',
    ]);
  });

  it('finds the value of a {name, value} env pair named like a credential', () => {
    expect(whats({ env: [{ name: 'POSTGRES_PASSWORD', value: 'pg-pass-99' }, { name: 'POSTGRES_USER', value: 'app' }] })).toEqual(['env.0.value a password']);
  });

  it('finds credentials by their shape whatever the field: keys, hashes, htpasswd lines, tokens, URLs with a password', () => {
    expect(
      whats({
        a: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
        b: '$2y$10$abcdefghijklmnopqrstuuJ0Xw2mW3q1Yk0vQm8fZ3yLQ7a9bC1dE',
        c: 'admin:$apr1$xyz$abcdefghijklmnop',
        d: 'AKIAIOSFODNN7EXAMPLE',
        e: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
        f: 'postgres://app:pg-pass-99@postgres.database.svc:5432/app',
      }),
    ).toEqual(['a a private key', 'b a bcrypt hash', 'c an htpasswd line', 'd an AWS access key', 'e a GitHub token', 'f a URL with a password']);
  });

  it('judges the lines of a config file held in a string', () => {
    expect(whats({ 'app.ini': '[database]\nhost = db\npassword = pg-pass-99\n', 'config.yaml': 'smtp:\n  password: "mail-pass-1"\n  user: me\n' })).toEqual([
      'app.ini:3 a password',
      'config.yaml:2 a password',
    ]);
  });

  it('leaves references and placeholders alone: substitutions, templates, store references, names of Secrets, empty, changeme, <password>', () => {
    expect(
      whats({
        password: '${DB_PASSWORD}',
        adminPassword: '{{ .Values.x }}',
        token: 'op://vault/My Item/token',
        apiKey: 'ref+vault://secret/app#key',
        secretKey: 'vault:secret/data/app#key',
        existingSecret: 'app-credentials',
        passwordSecretRef: 'db-auth',
        passwordKey: 'password',
        githubConfigSecret: 'arc-github-app',
        pullSecret: 'flux-system',
        tokenFile: '/run/secrets/token',
        clientSecret: '',
        pass: 'changeme',
        secret: '<password>',
        DB_PASSWORD: '$(POSTGRES_PASSWORD)',
        url: 'postgres://app:${PASSWORD}@db:5432/app',
        encrypted: { password: 'ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]' },
        enabled: { password: true },
      }),
    ).toEqual([]);
  });
});
