import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { parse } from 'yaml';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { SecretsIo } from './secrets-context.js';
import { addKustomizationResource, cleanLiveSecret } from './secrets-import.js';
import { parseKeyPath } from './secrets-set.js';

interface Captured extends SecretsIo {
  stdout: string;
  stderr: string;
}

interface Key {
  readonly recipient: string;
  /** A keys file holding only this identity. */
  readonly file: string;
}

let home: string;
let keyA: Key;
let keyB: Key;

async function newKey(name: string): Promise<Key> {
  const secret = await generateX25519Identity();
  const file = join(home, `${name}.txt`);
  writeFileSync(file, `# test key ${name}\n${secret}\n`);
  return { recipient: await identityToRecipient(secret), file };
}

/** An io whose keys come only from `key` (XDG_CONFIG_HOME points at an empty folder) and whose stdin is `stdin` (undefined: a terminal). */
function capture(key: Key | undefined, stdin?: string): Captured {
  const io: Captured = {
    stdout: '',
    stderr: '',
    color: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    env: { XDG_CONFIG_HOME: join(home, 'xdg'), ...(key ? { SOPS_AGE_KEY_FILE: key.file } : {}) },
    readStdin: async () => stdin,
  };
  return io;
}

function writeTree(root: string, tree: Record<string, string>): void {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Every file below a folder, with its bytes as text. */
function allFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: p, text: readFileSync(p, 'latin1') }));
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function sopsConfig(...recipients: string[]): string {
  return ['creation_rules:', '  - path_regex: \\.sops\\.ya?ml$', '    encrypted_regex: ^(data|stringData)$', `    age: ${recipients.join(',')}`, ''].join('\n');
}

const plainSecret = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: web-env',
  '  namespace: web',
  'type: Opaque',
  'stringData:',
  '  # rotated every quarter',
  '  password: first-password-value',
  '  token: token-value-0001',
  'data:',
  `  key: ${b64('binary-key-value')}`,
  '',
].join('\n');

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kustodian-secrets-keys-'));
  keyA = await newKey('a');
  keyB = await newKey('b');
  return () => rmSync(home, { recursive: true, force: true });
});

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'kustodian-secrets-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const secretFile = () => join(repo, 'apps/web/secret.sops.yaml');

async function encryptedRepo(): Promise<void> {
  writeTree(repo, { '.sops.yaml': sopsConfig(keyA.recipient), 'apps/web/secret.sops.yaml': plainSecret });
  expect(await main(['secrets', 'encrypt', '--repo', repo, 'apps/web/secret.sops.yaml'], capture(undefined))).toBe(0);
}

async function decrypted(key: Key): Promise<Record<string, Record<string, string>>> {
  const io = capture(key);
  expect(await main(['secrets', 'decrypt', '--repo', repo, 'apps/web/secret.sops.yaml'], io), io.stderr).toBe(0);
  return parse(io.stdout) as Record<string, Record<string, string>>;
}

describe('kustodian secrets', () => {
  it('prints its help, and exits 2 on an unknown subcommand', async () => {
    const io = capture(undefined);
    expect(await main(['secrets', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('updatekeys [PATH...]');
    const bad = capture(undefined);
    expect(await main(['secrets', 'frobnicate'], bad)).toBe(2);
    expect(bad.stderr).toContain("unknown subcommand 'frobnicate'");
  });

  it('keeps every value through encrypt, set, rotate, updatekeys and decrypt', async () => {
    await encryptedRepo();
    const encrypted = readFileSync(secretFile(), 'utf8');
    for (const value of ['first-password-value', 'token-value-0001', b64('binary-key-value')]) expect(encrypted).not.toContain(value);
    expect(encrypted).toContain('name: web-env');

    const set = capture(keyA, 'second-password-value\n');
    expect(await main(['secrets', 'set', '--repo', repo, 'apps/web/secret.sops.yaml', 'stringData.password'], set), set.stderr).toBe(0);
    const setData = capture(keyA, 'added-data-value');
    expect(await main(['secrets', 'set', '--repo', repo, 'apps/web/secret.sops.yaml', '["data"]["extra"]'], setData), setData.stderr).toBe(0);
    expect(setData.stdout).toContain('base64-encoded');
    const afterSet = readFileSync(secretFile(), 'utf8');
    for (const value of ['second-password-value', 'added-data-value', b64('added-data-value')]) expect(afterSet).not.toContain(value);

    expect(await main(['secrets', 'rotate', '--repo', repo, 'apps/web/secret.sops.yaml'], capture(keyA))).toBe(0);
    const rotated = readFileSync(secretFile(), 'utf8');
    expect(rotated).not.toBe(afterSet);

    writeFileSync(join(repo, '.sops.yaml'), sopsConfig(keyA.recipient, keyB.recipient));
    const dry = capture(undefined);
    expect(await main(['secrets', 'updatekeys', '--repo', repo, '--dry-run'], dry), dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`apps/web/secret.sops.yaml: would add ${keyB.recipient}`);
    expect(readFileSync(secretFile(), 'utf8')).toBe(rotated);
    const update = capture(keyA);
    expect(await main(['secrets', 'updatekeys', '--repo', repo, 'apps'], update), update.stderr).toBe(0);
    expect(update.stdout).toContain('1 encrypted file, 1 updated');

    // Only the key added by updatekeys opens it now.
    const plain = await decrypted(keyB);
    expect(plain['stringData']).toEqual({ password: 'second-password-value', token: 'token-value-0001' });
    expect(plain['data']).toEqual({ key: b64('binary-key-value'), extra: b64('added-data-value') });
    expect(plain['metadata']).toEqual({ name: 'web-env', namespace: 'web' });
  });

  it('decrypt refuses a file changed after encryption (exit 2, SOPS_MAC_MISMATCH) and prints nothing', async () => {
    await encryptedRepo();
    writeFileSync(secretFile(), readFileSync(secretFile(), 'utf8').replace('name: web-env', 'name: web-env2'));
    const io = capture(keyA);
    expect(await main(['secrets', 'decrypt', '--repo', repo, 'apps/web/secret.sops.yaml'], io)).toBe(2);
    expect(io.stderr).toContain('[SOPS_MAC_MISMATCH]');
    expect(io.stdout).toBe('');
  });

  it('decrypt without a matching key names the error code and no value', async () => {
    await encryptedRepo();
    const io = capture(keyB);
    expect(await main(['secrets', 'decrypt', '--repo', repo, 'apps/web/secret.sops.yaml'], io)).toBe(2);
    expect(io.stderr).toContain('[SOPS_WRONG_KEY]');
    expect(io.stderr).toContain(keyA.recipient);
    expect(io.stdout).toBe('');
  });

  it('encrypt refuses an encrypted file, and a file no creation rule matches', async () => {
    await encryptedRepo();
    const again = capture(undefined);
    expect(await main(['secrets', 'encrypt', '--repo', repo, 'apps/web/secret.sops.yaml'], again)).toBe(2);
    expect(again.stderr).toContain('already encrypted');
    writeTree(repo, { 'apps/web/plain.yaml': plainSecret });
    const norule = capture(undefined);
    expect(await main(['secrets', 'encrypt', '--repo', repo, 'apps/web/plain.yaml'], norule)).toBe(2);
    expect(norule.stderr).toContain('no creation rule of .sops.yaml matches apps/web/plain.yaml');
    expect(readFileSync(join(repo, 'apps/web/plain.yaml'), 'utf8')).toBe(plainSecret);
  });

  it('encrypt warns when the rule encrypts apiVersion, kind and metadata', async () => {
    writeTree(repo, { '.sops.yaml': `creation_rules:\n  - age: ${keyA.recipient}\n`, 'secret.sops.yaml': plainSecret });
    const io = capture(undefined);
    expect(await main(['secrets', 'encrypt', '--repo', repo, 'secret.sops.yaml'], io)).toBe(0);
    expect(io.stderr).toContain('Flux cannot apply it');
  });

  it('set reads the value only from piped stdin: a terminal is refused at once', async () => {
    await encryptedRepo();
    const before = readFileSync(secretFile(), 'utf8');
    const io = capture(keyA, undefined);
    expect(await main(['secrets', 'set', '--repo', repo, 'apps/web/secret.sops.yaml', 'stringData.password'], io)).toBe(2);
    expect(io.stderr).toContain('stdin, which is a terminal');
    expect(readFileSync(secretFile(), 'utf8')).toBe(before);
  });

  it('set refuses a key that the rules would leave in clear, and writes nothing', async () => {
    await encryptedRepo();
    const before = readFileSync(secretFile(), 'utf8');
    const io = capture(keyA, 'would-be-in-clear');
    expect(await main(['secrets', 'set', '--repo', repo, 'apps/web/secret.sops.yaml', 'metadata.labels.password'], io)).toBe(2);
    expect(io.stderr).toContain('leave ["metadata"]["labels"]["password"] in clear');
    expect(io.stderr).not.toContain('would-be-in-clear');
    expect(readFileSync(secretFile(), 'utf8')).toBe(before);
  });

  it('set refuses an empty stdin (cron, ssh -n, CI) and writes nothing', async () => {
    await encryptedRepo();
    const before = readFileSync(secretFile(), 'utf8');
    const io = capture(keyA, '');
    expect(await main(['secrets', 'set', '--repo', repo, 'apps/web/secret.sops.yaml', 'stringData.password'], io)).toBe(2);
    expect(io.stderr).toContain('--allow-empty');
    expect(readFileSync(secretFile(), 'utf8')).toBe(before);
  });

  it('set stores an empty value with --allow-empty, which sops leaves in clear', async () => {
    await encryptedRepo();
    expect(await main(['secrets', 'set', '--repo', repo, '--allow-empty', 'apps/web/secret.sops.yaml', 'stringData.token'], capture(keyA, '\n'))).toBe(0);
    expect((await decrypted(keyA))['stringData']).toEqual({ password: 'first-password-value', token: '' });
  });

  it('unset removes one key', async () => {
    await encryptedRepo();
    expect(await main(['secrets', 'unset', '--repo', repo, 'apps/web/secret.sops.yaml', 'stringData.token'], capture(keyA))).toBe(0);
    expect((await decrypted(keyA))['stringData']).toEqual({ password: 'first-password-value' });
    const missing = capture(keyA);
    expect(await main(['secrets', 'unset', '--repo', repo, 'apps/web/secret.sops.yaml', 'stringData.token'], missing)).toBe(2);
    expect(missing.stderr).toContain('[SOPS_PATH_NOT_FOUND]');
  });

  it('rotate reports a file it cannot open and still rotates the others (exit 2)', async () => {
    await encryptedRepo();
    writeTree(repo, { 'apps/other/secret.sops.yaml': plainSecret });
    expect(await main(['secrets', 'encrypt', '--repo', repo, 'apps/other/secret.sops.yaml'], capture(undefined))).toBe(0);
    const other = readFileSync(join(repo, 'apps/other/secret.sops.yaml'), 'utf8');
    const io = capture(keyA);
    expect(await main(['secrets', 'rotate', '--repo', repo, 'apps/missing.sops.yaml', 'apps/other/secret.sops.yaml'], io)).toBe(2);
    expect(io.stderr).toContain('cannot read apps/missing.sops.yaml');
    expect(readFileSync(join(repo, 'apps/other/secret.sops.yaml'), 'utf8')).not.toBe(other);
  });
});

describe('KEY paths', () => {
  it('reads the sops form, dotted keys, list indices, and one key after data. in a Secret', () => {
    expect(parseKeyPath('["data"]["tls.crt"]', { secret: true, dotenv: false })).toEqual(['data', 'tls.crt']);
    expect(parseKeyPath('data.tls.crt', { secret: true, dotenv: false })).toEqual(['data', 'tls.crt']);
    expect(parseKeyPath('stringData.password', { secret: true, dotenv: false })).toEqual(['stringData', 'password']);
    expect(parseKeyPath('spec.values.0.name', { secret: false, dotenv: false })).toEqual(['spec', 'values', 0, 'name']);
    expect(parseKeyPath('data.tls.crt', { secret: false, dotenv: false })).toEqual(['data', 'tls', 'crt']);
    expect(parseKeyPath('APP.KEY', { secret: false, dotenv: true })).toEqual(['APP.KEY']);
    expect(() => parseKeyPath('a..b', { secret: false, dotenv: false })).toThrow('invalid KEY');
  });
});

describe('kustodian secrets list', () => {
  it('lists each encrypted file with recipients, rule and sops version, without values', async () => {
    await encryptedRepo();
    writeTree(repo, { 'apps/web/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n', '.gitignore': 'local/\n', 'local/secret.sops.yaml': 'sops: {}\n' });
    const io = capture(undefined);
    expect(await main(['secrets', 'list', '--repo', repo, '--format', 'json'], io)).toBe(0);
    const listed = JSON.parse(io.stdout) as { files: Record<string, unknown>[] };
    expect(listed.files).toEqual([
      expect.objectContaining({
        file: 'apps/web/secret.sops.yaml',
        kind: 'Secret',
        namespace: 'web',
        name: 'web-env',
        recipients: [{ type: 'age', id: keyA.recipient, group: 0 }],
        rule: { config: '.sops.yaml', index: 0, pathRegex: '\\.sops\\.ya?ml$' },
        sopsVersion: '3.13.2',
      }),
    ]);
    const text = capture(undefined);
    expect(await main(['secrets', 'list', '--repo', repo], text)).toBe(0);
    expect(text.stdout).toContain('rule: .sops.yaml creation_rules[0] (path_regex \\.sops\\.ya?ml$)');
    expect(text.stdout).not.toContain('first-password-value');
  });

  it('reports an over-large or unreadable file on its own line and still lists the others (exit 1)', async () => {
    const { openSync, ftruncateSync, closeSync, chmodSync } = await import('node:fs');
    await encryptedRepo();
    // Sparse: over the 8 MiB limit without writing 9 MB; it must not be read whole.
    const big = openSync(join(repo, 'apps/web/huge.sops.yaml'), 'w');
    ftruncateSync(big, 9 * 1024 * 1024);
    closeSync(big);
    writeTree(repo, { 'apps/web/locked.sops.yaml': 'sops: {}\n' });
    chmodSync(join(repo, 'apps/web/locked.sops.yaml'), 0o000);
    const io = capture(undefined);
    const status = await main(['secrets', 'list', '--repo', repo], io);
    chmodSync(join(repo, 'apps/web/locked.sops.yaml'), 0o600);
    expect(io.stderr).toContain(`kustodian secrets list: apps/web/huge.sops.yaml: ${9 * 1024 * 1024} bytes, larger than the 8388608-byte limit (limits.maxFileBytes in kustodian.yaml); not read`);
    // As root every file is readable: then only the large one is reported.
    if (process.getuid?.() !== 0) expect(io.stderr).toMatch(/apps\/web\/locked\.sops\.yaml: cannot read .*EACCES/);
    expect(io.stdout).toContain('apps/web/secret.sops.yaml');
    expect(status).toBe(1);
  });

  it('reads files up to limits.maxFileBytes of kustodian.yaml, the model\'s limit', async () => {
    await encryptedRepo();
    writeTree(repo, { 'kustodian.yaml': 'limits:\n  maxFileBytes: 1024\n' });
    const io = capture(undefined);
    expect(await main(['secrets', 'list', '--repo', repo], io)).toBe(1);
    expect(io.stderr).toMatch(/apps\/web\/secret\.sops\.yaml: \d+ bytes, larger than the 1024-byte limit \(limits\.maxFileBytes in kustodian\.yaml\); not read/);
  });
});

describe('kustodian secrets verify', () => {
  it('exits 0 when every file opens and matches its rule', async () => {
    await encryptedRepo();
    const io = capture(keyA);
    expect(await main(['secrets', 'verify', '--repo', repo], io)).toBe(0);
    expect(io.stdout).toContain('ok    apps/web/secret.sops.yaml  (MAC verified)');
  });

  it('says when no key opens a file, and does not count it as a problem', async () => {
    await encryptedRepo();
    const io = capture(keyB);
    expect(await main(['secrets', 'verify', '--repo', repo], io)).toBe(0);
    expect(io.stdout).toContain('MAC not checked: no available key opens the file');
  });

  it('exits 1 on recipient drift, a tampered file and a file no rule covers', async () => {
    await encryptedRepo();
    writeTree(repo, { 'other/secret.sops.yaml': readFileSync(secretFile(), 'utf8').replace('namespace: web', 'namespace: webs') });
    writeFileSync(join(repo, '.sops.yaml'), sopsConfig(keyB.recipient).replace('\\.sops\\.ya?ml$', '^apps/'));
    const io = capture(keyA);
    expect(await main(['secrets', 'verify', '--repo', repo, '--format', 'json'], io)).toBe(1);
    const files = (JSON.parse(io.stdout) as { files: { file: string; problems: string[] }[] }).files;
    expect(files.find((f) => f.file === 'apps/web/secret.sops.yaml')?.problems).toEqual([
      `recipients differ from .sops.yaml creation_rules[0] (path_regex ^apps/): missing ${keyB.recipient}; not in the rule: ${keyA.recipient} (run kustodian secrets updatekeys)`,
    ]);
    expect(files.find((f) => f.file === 'other/secret.sops.yaml')?.problems).toEqual([
      expect.stringContaining('[SOPS_MAC_MISMATCH]'),
      'no creation rule of .sops.yaml matches other/secret.sops.yaml',
    ]);
  });
});

describe('kustodian secrets updatekeys', () => {
  it('exits 2 for a file no rule covers, and updates the others', async () => {
    await encryptedRepo();
    writeTree(repo, { 'other/secret.sops.yaml': readFileSync(secretFile(), 'utf8') });
    writeFileSync(join(repo, '.sops.yaml'), sopsConfig(keyA.recipient, keyB.recipient).replace('\\.sops\\.ya?ml$', '^apps/'));
    const io = capture(keyA);
    expect(await main(['secrets', 'updatekeys', '--repo', repo], io)).toBe(2);
    expect(io.stderr).toContain('other/secret.sops.yaml: no creation rule of .sops.yaml matches other/secret.sops.yaml');
    expect(io.stdout).toContain('apps/web/secret.sops.yaml: updated (add ');
    expect(io.stdout).toContain('2 encrypted files, 1 updated, 1 failed');
  });
});

describe('kustodian secrets import', () => {
  const password = 'correct-horse-battery-staple-42';
  const username = 'admin-user-77';
  const liveSecret = [
    'apiVersion: v1',
    'data:',
    `  password: ${b64(password)}`,
    `  username: ${b64(username)}`,
    'kind: Secret',
    'metadata:',
    '  annotations:',
    '    kubectl.kubernetes.io/last-applied-configuration: |',
    `      {"apiVersion":"v1","data":{"password":"${b64(password)}","username":"${b64(username)}"},"kind":"Secret","metadata":{"annotations":{},"name":"db-credentials","namespace":"database"},"stringData":{"raw":"${password}"},"type":"Opaque"}`,
    '    team.example/owner: databases',
    '  creationTimestamp: "2024-05-01T10:00:00Z"',
    '  managedFields:',
    '  - apiVersion: v1',
    '    fieldsType: FieldsV1',
    '    fieldsV1:',
    '      f:data:',
    '        .: {}',
    '        f:password: {}',
    '        f:username: {}',
    '    manager: kubectl-client-side-apply',
    '    operation: Update',
    '    time: "2024-05-01T10:00:00Z"',
    '  name: db-credentials',
    '  namespace: database',
    '  ownerReferences:',
    '  - apiVersion: v1',
    '    kind: Pod',
    '    name: owner',
    '    uid: 0b7c1d3e-0000-4000-8000-000000000002',
    '  resourceVersion: "123456"',
    '  uid: 0b7c1d3e-0000-4000-8000-000000000001',
    'type: Opaque',
    '',
  ].join('\n');
  const kustomization = '# database apps\nnamespace: database\nresources:\n  - postgres.yaml # the server\n  # - old.yaml\n';

  function databaseRepo(): void {
    writeTree(repo, {
      '.sops.yaml': sopsConfig(keyA.recipient),
      'apps/database/kustomization.yaml': kustomization,
      'apps/database/postgres.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\n',
    });
  }

  it('writes the Secret encrypted, with no trace of its values outside encrypted fields, and lists it', async () => {
    databaseRepo();
    const io = capture(undefined, liveSecret);
    expect(await main(['secrets', 'import', '--repo', repo], io), io.stderr).toBe(0);
    const target = join(repo, 'apps/database/db-credentials.sops.yaml');
    const written = readFileSync(target, 'utf8');
    for (const value of [password, username, b64(password), b64(username)]) {
      for (const file of allFiles(repo)) expect(file.text.includes(value), `${value} found in ${file.path}`).toBe(false);
      expect(io.stdout + io.stderr).not.toContain(value);
    }
    for (const field of ['uid:', 'resourceVersion', 'creationTimestamp', 'managedFields', 'ownerReferences', 'last-applied-configuration']) expect(written).not.toContain(field);
    expect(written).toContain('team.example/owner: databases');
    expect(readFileSync(join(repo, 'apps/database/kustomization.yaml'), 'utf8')).toBe(
      // The comment that closed the list stays at its end.
      '# database apps\nnamespace: database\nresources:\n  - postgres.yaml # the server\n  - db-credentials.sops.yaml\n  # - old.yaml\n',
    );
    const plain = capture(keyA);
    expect(await main(['secrets', 'decrypt', '--repo', repo, target], plain)).toBe(0);
    expect((parse(plain.stdout) as { data: unknown }).data).toEqual({ password: b64(password), username: b64(username) });
    const verify = capture(keyA);
    expect(await main(['secrets', 'verify', '--repo', repo], verify), verify.stdout).toBe(0);
  });

  it('takes --to, and asks for it when no folder is for the namespace', async () => {
    databaseRepo();
    const other = liveSecret.replaceAll('namespace: database', 'namespace: elsewhere');
    const io = capture(undefined, other);
    expect(await main(['secrets', 'import', '--repo', repo], io)).toBe(2);
    expect(io.stderr).toContain('no folder of the repository is for namespace elsewhere: say where to write the Secret with --to FILE');
    const to = capture(undefined, other);
    expect(await main(['secrets', 'import', '--repo', repo, '--to', 'apps/elsewhere/db.sops.yaml'], to), to.stderr).toBe(0);
    expect(to.stdout).toContain('apps/elsewhere has no kustomization.yaml');
    expect(readFileSync(join(repo, 'apps/elsewhere/db.sops.yaml'), 'utf8')).toContain('ENC[AES256_GCM');
  });

  it('writes nothing when the rule would leave data in clear, or the file exists', async () => {
    databaseRepo();
    writeFileSync(join(repo, '.sops.yaml'), sopsConfig(keyA.recipient).replace('^(data|stringData)$', '^stringData$'));
    const io = capture(undefined, liveSecret);
    expect(await main(['secrets', 'import', '--repo', repo], io)).toBe(2);
    expect(io.stderr).toContain('would leave data.password, data.username in clear; nothing was written');
    expect(allFiles(repo).map((f) => f.path.slice(repo.length + 1)).sort()).toEqual(['.sops.yaml', 'apps/database/kustomization.yaml', 'apps/database/postgres.yaml']);
    const exists = capture(undefined, liveSecret);
    expect(await main(['secrets', 'import', '--repo', repo, '--to', 'apps/database/postgres.yaml'], exists)).toBe(2);
    expect(exists.stderr).toContain('apps/database/postgres.yaml exists');
  });

  it('reads kubectl -o json output the same way', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'database', uid: 'u-1', resourceVersion: '7', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      data: { password: b64(password) },
      type: 'Opaque',
    });
    const cleaned = cleanLiveSecret(json);
    expect(cleaned).toMatchObject({ name: 'db', namespace: 'database' });
    expect(parse(cleaned.plaintext)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'database' }, data: { password: b64(password) }, type: 'Opaque' });
    expect(() => cleanLiveSecret(`${json}\n---\n${json}`)).toThrow('expected one Secret on stdin, found 2 YAML documents');
  });

  it('refuses anything but one Secret, and a terminal on stdin', async () => {
    databaseRepo();
    const config = capture(undefined, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    expect(await main(['secrets', 'import', '--repo', repo], config)).toBe(2);
    expect(config.stderr).toContain('expected a v1 Secret on stdin, found ConfigMap');
    const tty = capture(undefined, undefined);
    expect(await main(['secrets', 'import', '--repo', repo], tty)).toBe(2);
    expect(tty.stderr).toContain('stdin, which is a terminal');
  });
});

describe('adding to a kustomization', () => {
  it('keeps the list style, flow lists and comments, and adds nothing twice', () => {
    expect(addKustomizationResource('resources:\n- a.yaml\n', 'b.yaml')).toBe('resources:\n- a.yaml\n- b.yaml\n');
    expect(addKustomizationResource('resources:\n  - a.yaml\n', 'b.yaml')).toBe('resources:\n  - a.yaml\n  - b.yaml\n');
    expect(addKustomizationResource('resources: [a.yaml] # short\n', 'b.yaml')).toBe('resources: [ a.yaml, b.yaml ] # short\n');
    expect(addKustomizationResource('# app\nnamespace: x\n', 'b.yaml')).toBe('# app\nnamespace: x\nresources:\n  - b.yaml\n');
    expect(addKustomizationResource('resources:\n  - ./b.yaml\n', 'b.yaml')).toBeUndefined();
    expect(() => addKustomizationResource('resources: a.yaml\n', 'b.yaml')).toThrow('resources is not a list');
  });
});
