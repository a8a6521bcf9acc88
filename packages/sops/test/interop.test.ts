/**
 * Files we encrypt are read by independent implementations: the npm
 * `sops-age` package, and the `age` command-line tool for the data key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptSops } from 'sops-age';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverDataKey } from '../src/crypto/data-key.js';
import { parseSopsFile } from '../src/format/parse-sops-file.js';
import { decryptSopsFile } from '../src/operations/decrypt.js';
import { encryptSopsFile } from '../src/operations/encrypt.js';
import { newX25519Identity } from './identities.js';
import type { TestIdentity } from './identities.js';

const SECRET_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: apps
  labels:
    app.kubernetes.io/name: db
type: Opaque
stringData:
  password: "s3cr3t: with colon"
  url: postgres://user@db:5432/app?sslmode=require
  multiline: |
    line one
    line two
data:
  token: aHVudGVyMg==
`;

const TYPED_YAML = `string: hello world
int: 42
negative: -7
float: 3.14
big_float: 1.0e+21
bool_true: true
bool_false: false
quoted_number: "123"
nested:
  list:
    - one
    - 2
    - true
    - inner: value
  deeper:
    key_unencrypted: visible
    key: hidden
unicode: "héllo wörld ✓"
`;

const JSON_TEXT = `{
  "name": "app",
  "port": 8080,
  "ratio": 0.25,
  "enabled": true,
  "tags": ["a", "b"],
  "nested": {"z": "last", "a": "first"}
}
`;

const DOTENV_TEXT = 'DB_USER=admin\nDB_PASSWORD=p@ss=word\n# a comment\nMULTI=line1\\nline2\n';

let key: TestIdentity;
const whichAge = (() => {
  try {
    return execFileSync('which', ['age'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

beforeAll(async () => {
  key = await newX25519Identity();
});

async function encrypt(text: string, file: string, selectors: Record<string, string> = {}): Promise<string> {
  return encryptSopsFile(text, { file, rule: { keyGroups: [{ age: [key.identity.recipient] }], selectors } });
}

describe('files we encrypt decrypt with the npm sops-age package', () => {
  it('a Kubernetes Secret with encrypted_regex', async () => {
    const encrypted = await encrypt(SECRET_YAML, 'secret.yaml', { encryptedRegex: '^(data|stringData)$' });
    const theirs = (await decryptSops(encrypted, { secretKey: key.secretKey, fileType: 'yaml' })) as unknown;
    const ours = await decryptSopsFile(encrypted, { identities: [key.identity], file: 'secret.yaml' });
    expect(theirs).toEqual(ours.values[0]);
    expect(theirs).toMatchObject({ stringData: { password: 's3cr3t: with colon', multiline: 'line one\nline two\n' } });
  });

  it('typed values, lists and the default unencrypted suffix', async () => {
    const encrypted = await encrypt(TYPED_YAML, 'typed.yaml');
    expect(encrypted).toContain('key_unencrypted: visible');
    const theirs = (await decryptSops(encrypted, { secretKey: key.secretKey, fileType: 'yaml' })) as Record<string, unknown>;
    const ours = (await decryptSopsFile(encrypted, { identities: [key.identity], file: 'typed.yaml' })).values[0];
    expect(theirs).toEqual(ours);
    expect(theirs).toMatchObject({ int: 42, float: 3.14, big_float: 1e21, bool_false: false, quoted_number: '123' });
  });

  // (sops-age takes an integer-like map key for a list index when it builds the additional
  // data, so such keys are left out here; real sops authenticates them as keys, as we do.)
  it('JSON, keeping key order', async () => {
    const encrypted = await encrypt(JSON_TEXT, 'config.json');
    const theirs = (await decryptSops(encrypted, { secretKey: key.secretKey, fileType: 'json' })) as Record<string, unknown>;
    const ours = await decryptSopsFile(encrypted, { identities: [key.identity], file: 'config.json' });
    expect(theirs).toEqual(ours.values[0]);
    expect(ours.text.indexOf('"z": ')).toBeLessThan(ours.text.indexOf('"a": '));
  });

  it('dotenv', async () => {
    const encrypted = await encrypt(DOTENV_TEXT, 'app.env');
    const theirs = (await decryptSops(encrypted, { secretKey: key.secretKey, fileType: 'env' })) as Record<string, unknown>;
    expect(theirs).toEqual({ DB_USER: 'admin', DB_PASSWORD: 'p@ss=word', MULTI: 'line1\nline2' });
    const ours = await decryptSopsFile(encrypted, { identities: [key.identity], file: 'app.env' });
    expect(ours.text).toBe(DOTENV_TEXT);
  });
});

describe('the age command-line tool unwraps our data key', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  if (!whichAge) {
    it.skip('SKIPPED: the `age` command is not installed (apt-get install age); data keys were not checked with it', () => undefined);
    console.warn('SKIPPED: the `age` command is not installed; `age -d` interop was not checked.');
    return;
  }

  it('age -d gives the 32-byte data key our library recovers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sops-age-cli-'));
    const encrypted = await encrypt(SECRET_YAML, 'secret.yaml', { encryptedRegex: '^(data|stringData)$' });
    const parsed = parseSopsFile(encrypted, 'yaml');
    const stanza = join(dir, 'key.age');
    const identityFile = join(dir, 'keys.txt');
    writeFileSync(stanza, parsed.metadata.keyGroups[0]!.age[0]!.enc);
    writeFileSync(identityFile, `${key.secretKey}\n`, { mode: 0o600 });
    const fromCli = execFileSync(whichAge, ['-d', '-i', identityFile, stanza]);
    const ours = await recoverDataKey(parsed.metadata, [key.identity]);
    expect(fromCli.length).toBe(32);
    expect(Buffer.from(fromCli).equals(Buffer.from(ours))).toBe(true);
  });
});
