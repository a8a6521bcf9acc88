/**
 * encrypt → set → unset → rotate → updatekeys → decrypt keeps every value,
 * touches only what each operation is meant to touch, and works for
 * post-quantum recipients and Shamir key groups.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isSopsError } from '../src/errors.js';
import { parseSopsFile } from '../src/format/parse-sops-file.js';
import { parseSopsConfig } from '../src/creation-rules.js';
import { decryptSopsFile } from '../src/operations/decrypt.js';
import { encryptSopsFile } from '../src/operations/encrypt.js';
import { rotateSopsFile } from '../src/operations/rotate.js';
import { setSopsValue, unsetSopsValue } from '../src/operations/set-key.js';
import { updateSopsRecipients } from '../src/operations/update-recipients.js';
import { newHybridIdentity, newX25519Identity } from './identities.js';
import type { TestIdentity } from './identities.js';

const MULTI_DOC = `# database credentials
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  # the admin account
  username: admin
  password: correct horse
  "1": integer-like key
data:
  token: dG9rZW4=
---
apiVersion: v1
kind: Secret
metadata:
  name: api
stringData:
  key: abc123
`;

let alice: TestIdentity;
let bob: TestIdentity;
let carol: TestIdentity;

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([newX25519Identity(), newX25519Identity(), newX25519Identity()]);
});

function encValues(text: string): Map<string, string> {
  // value key → ENC text, for the `key: ENC[...]` lines of the data (not the MAC).
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s+("?[\w-]+"?): (ENC\[[^\]]+\])$/gm)) if (m[1] !== 'mac') out.set(`${m[1]}#${out.size}`, m[2]!);
  return out;
}

function lastModified(text: string): string {
  return /lastmodified: "([^"]+)"/.exec(text)![1]!;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((e: unknown) => isSopsError(e) && e.code === code);
}

describe('round trips', () => {
  it('keeps every value through set, unset, rotate and updatekeys', async () => {
    const rule = { keyGroups: [{ age: [alice.identity.recipient] }], selectors: { encryptedRegex: '^(data|stringData)$' } };
    const t0 = await encryptSopsFile(MULTI_DOC, { file: 'secret.yaml', rule, now: new Date('2026-01-01T00:00:00Z') });
    const plain0 = await decryptSopsFile(t0, { identities: [alice.identity], file: 'secret.yaml' });
    expect(plain0.values).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { username: 'admin', password: 'correct horse', '1': 'integer-like key' }, data: { token: 'dG9rZW4=' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api' }, stringData: { key: 'abc123' } },
    ]);
    // Comments survive, every document carries the sops block.
    expect(plain0.text).toContain('# the admin account');
    expect(t0.match(/^sops:$/gm)).toHaveLength(2);

    // set: only the new value is new ciphertext; MAC and lastmodified renewed.
    const t1 = await setSopsValue(t0, ['stringData', 'port'], 5432, { identities: [alice.identity], file: 'secret.yaml', now: new Date('2026-02-01T00:00:00Z') });
    const before = [...encValues(t0).values()];
    const after = [...encValues(t1).values()];
    expect(after.filter((v) => !before.includes(v))).toHaveLength(1);
    expect(before.every((v) => after.includes(v))).toBe(true);
    expect(lastModified(t1)).toBe('2026-02-01T00:00:00Z');
    expect(parseSopsFile(t1, 'yaml').metadata.mac).not.toBe(parseSopsFile(t0, 'yaml').metadata.mac);
    expect(parseSopsFile(t1, 'yaml').metadata.keyGroups).toEqual(parseSopsFile(t0, 'yaml').metadata.keyGroups);
    expect(t1).toContain('type:int]');

    // unset removes one key and nothing else.
    const t2 = await unsetSopsValue(t1, ['stringData', 'username'], { identities: [alice.identity], file: 'secret.yaml' });
    await expectCode(unsetSopsValue(t2, ['stringData', 'username'], { identities: [alice.identity], file: 'secret.yaml' }), 'SOPS_PATH_NOT_FOUND');

    // rotate: new data key, every value re-encrypted, same plaintext.
    const t3 = await rotateSopsFile(t2, { identities: [alice.identity], file: 'secret.yaml' });
    const encBefore = [...encValues(t2).values()];
    expect([...encValues(t3).values()].some((v) => encBefore.includes(v))).toBe(false);
    expect(parseSopsFile(t3, 'yaml').metadata.keyGroups[0]!.age[0]!.enc).not.toBe(parseSopsFile(t2, 'yaml').metadata.keyGroups[0]!.age[0]!.enc);

    // updatekeys: the rule now names bob instead of alice; values, MAC and lastmodified untouched.
    const update = await updateSopsRecipients(t3, {
      identities: [alice.identity],
      file: 'secret.yaml',
      rule: { keyGroups: [{ age: [bob.identity.recipient] }] },
    });
    expect(update).toMatchObject({ changed: true, added: [bob.identity.recipient], removed: [alice.identity.recipient] });
    const t4 = update.text;
    expect([...encValues(t4).values()]).toEqual([...encValues(t3).values()]);
    expect(lastModified(t4)).toBe(lastModified(t3));
    expect(parseSopsFile(t4, 'yaml').metadata.mac).toBe(parseSopsFile(t3, 'yaml').metadata.mac);
    await expectCode(decryptSopsFile(t4, { identities: [alice.identity], file: 'secret.yaml' }), 'SOPS_WRONG_KEY');

    const final = await decryptSopsFile(t4, { identities: [bob.identity], file: 'secret.yaml' });
    expect(final.macVerified).toBe(true);
    expect(final.values).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'correct horse', '1': 'integer-like key', port: 5432 }, data: { token: 'dG9rZW4=' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api' }, stringData: { key: 'abc123' } },
    ]);

    // updatekeys with nothing to change returns the text as it is.
    const again = await updateSopsRecipients(t4, { identities: [bob.identity], rule: { keyGroups: [{ age: [bob.identity.recipient] }] } });
    expect(again).toEqual({ text: t4, changed: false, added: [], removed: [] });
  });

  it('rotate can add and remove recipients', async () => {
    const t0 = await encryptSopsFile('a: 1\n', { file: 'x.yaml', rule: { keyGroups: [{ age: [alice.identity.recipient, bob.identity.recipient] }] } });
    const t1 = await rotateSopsFile(t0, {
      identities: [alice.identity],
      file: 'x.yaml',
      addRecipients: [carol.identity.recipient],
      removeRecipients: [bob.identity.recipient],
    });
    expect((await decryptSopsFile(t1, { identities: [carol.identity], file: 'x.yaml' })).values[0]).toEqual({ a: 1 });
    await expectCode(decryptSopsFile(t1, { identities: [bob.identity], file: 'x.yaml' }), 'SOPS_WRONG_KEY');
  });

  it('post-quantum (age1pq1) recipients', async () => {
    const pq = await newHybridIdentity();
    expect(pq.identity.recipient.startsWith('age1pq1')).toBe(true);
    const encrypted = await encryptSopsFile('secret: value\n', { file: 'pq.yaml', rule: { keyGroups: [{ age: [pq.identity.recipient] }] } });
    const result = await decryptSopsFile(encrypted, { identities: [alice.identity, pq.identity], file: 'pq.yaml' });
    expect(result.values[0]).toEqual({ secret: 'value' });
  });

  it('Shamir key groups: any threshold of groups opens the file, fewer do not', async () => {
    const rule = {
      keyGroups: [{ age: [alice.identity.recipient] }, { age: [bob.identity.recipient] }, { age: [carol.identity.recipient] }],
      shamirThreshold: 2,
    };
    const encrypted = await encryptSopsFile('k: v\n', { file: 's.yaml', rule });
    const metadata = parseSopsFile(encrypted, 'yaml').metadata;
    expect(metadata.keyGroups).toHaveLength(3);
    expect(metadata.shamirThreshold).toBe(2);
    expect(encrypted).toMatch(/key_groups:\n {8}- age:\n/);
    for (const pair of [[alice, bob], [bob, carol], [alice, carol]]) {
      const result = await decryptSopsFile(encrypted, { identities: pair.map((p) => p!.identity), file: 's.yaml' });
      expect(result.values[0]).toEqual({ k: 'v' });
    }
    await expectCode(decryptSopsFile(encrypted, { identities: [carol.identity], file: 's.yaml' }), 'SOPS_WRONG_KEY');
    const rotated = await rotateSopsFile(encrypted, { identities: [alice.identity, carol.identity], file: 's.yaml' });
    expect((await decryptSopsFile(rotated, { identities: [bob.identity, carol.identity], file: 's.yaml' })).values[0]).toEqual({ k: 'v' });
  });

  it('mac_only_encrypted: clear values are outside the MAC, encrypted ones inside', async () => {
    const rule = { keyGroups: [{ age: [alice.identity.recipient] }], selectors: { encryptedRegex: '^secret$' }, macOnlyEncrypted: true };
    const encrypted = await encryptSopsFile('public: one\nsecret: two\n', { file: 'm.yaml', rule });
    expect(encrypted).toContain('mac_only_encrypted: true');
    const editedClear = encrypted.replace('public: one', 'public: changed');
    expect((await decryptSopsFile(editedClear, { identities: [alice.identity], file: 'm.yaml' })).values[0]).toEqual({ public: 'changed', secret: 'two' });
    const withoutFlag = encrypted.replace('    mac_only_encrypted: true\n', '');
    await expectCode(decryptSopsFile(withoutFlag, { identities: [alice.identity], file: 'm.yaml' }), 'SOPS_MAC_MISMATCH');
  });

  it('encrypts with the first matching creation rule of a .sops.yaml', async () => {
    const config = parseSopsConfig(
      `creation_rules:
  - path_regex: \\.env$
    age: ${bob.identity.recipient}
  - path_regex: clusters/.*\\.ya?ml$
    encrypted_regex: ^(data|stringData)$
    age: >-
      ${alice.identity.recipient},
      ${carol.identity.recipient}
stores:
  yaml:
    indent: 2
`,
      { directory: '/repo' },
    );
    const encrypted = await encryptSopsFile('kind: Secret\nstringData:\n  a: b\n', { file: '/repo/clusters/prod/secret.yaml', config });
    const metadata = parseSopsFile(encrypted, 'yaml').metadata;
    expect(metadata.keyGroups[0]!.age.map((a) => a.recipient)).toEqual([alice.identity.recipient, carol.identity.recipient]);
    expect(metadata.selectors).toEqual({ encryptedRegex: '^(data|stringData)$' });
    expect(encrypted).toContain('kind: Secret\nstringData:\n  a: ENC[');
    await expectCode(encryptSopsFile('a: b\n', { file: '/repo/apps/x.yaml', config }), 'SOPS_NO_CREATION_RULE');
  });

  it('refuses to encrypt a file twice, and non-age keys it cannot write', async () => {
    const once = await encryptSopsFile('a: b\n', { file: 'a.yaml', rule: { keyGroups: [{ age: [alice.identity.recipient] }] } });
    await expectCode(encryptSopsFile(once, { file: 'a.yaml', rule: { keyGroups: [{ age: [alice.identity.recipient] }] } }), 'SOPS_ALREADY_ENCRYPTED');
    const config = parseSopsConfig('creation_rules:\n  - pgp: 35C1A64CD7FC0AB6EB66756B2445463C3234ECE1\n', { directory: '/repo' });
    await expectCode(encryptSopsFile('a: b\n', { file: '/repo/a.yaml', config }), 'SOPS_UNSUPPORTED');
  });
});
