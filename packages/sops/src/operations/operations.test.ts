import { beforeAll, describe, expect, it } from 'vitest';
import { newX25519Identity } from '../../test/identities.js';
import type { TestIdentity } from '../../test/identities.js';
import { isSopsError } from '../errors.js';
import { decryptSopsFile } from './decrypt.js';
import { encryptSopsFile } from './encrypt.js';
import type { EncryptionSettings } from './encrypt.js';

let key: TestIdentity;

beforeAll(async () => {
  key = await newX25519Identity();
});

function rule(selectors: EncryptionSettings['selectors'] = {}): EncryptionSettings {
  return { keyGroups: [{ age: [key.identity.recipient] }], selectors };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isSopsError(error) ? error.code : `not a SopsError: ${String(error)}`;
  }
  return undefined;
}

describe('value types', () => {
  it('timestamps are type:time and come back as RFC 3339 text', async () => {
    const encrypted = await encryptSopsFile('when: 2024-01-01\nexact: 2024-05-06T07:08:09.5+02:00\n', { file: 't.yaml', rule: rule() });
    expect(encrypted.match(/type:time\]/g)).toHaveLength(2);
    const result = await decryptSopsFile(encrypted, { identities: [key.identity], file: 't.yaml' });
    expect(result.values[0]).toEqual({ when: '2024-01-01T00:00:00Z', exact: '2024-05-06T07:08:09.5+02:00' });
    expect(result.text).toBe('when: 2024-01-01T00:00:00Z\nexact: 2024-05-06T07:08:09.5+02:00\n');
  });

  it('reads type:bytes (the type is not authenticated; the bytes hash as their raw value)', async () => {
    const encrypted = await encryptSopsFile('blob: hello\n', { file: 'b.yaml', rule: rule() });
    const asBytes = encrypted.replace('type:str]', 'type:bytes]');
    const result = await decryptSopsFile(asBytes, { identities: [key.identity], file: 'b.yaml' });
    expect(result.macVerified).toBe(true);
    const blob = (result.values[0] as { blob: Uint8Array }).blob;
    expect(blob).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(blob).toString()).toBe('hello');
  });

  it('comments are type:comment where the rules encrypt them', async () => {
    const encrypted = await encryptSopsFile('# top\ndata:\n  # inside\n  a: b\nother: c\n', { file: 'c.yaml', rule: rule({ encryptedRegex: '^data$' }) });
    expect(encrypted).toContain('# top\n');
    expect(encrypted).toMatch(/ {4}#ENC\[AES256_GCM,[^\]]+type:comment\]\n/);
    expect((await decryptSopsFile(encrypted, { identities: [key.identity], file: 'c.yaml' })).text).toBe('# top\ndata:\n    # inside\n    a: b\nother: c\n');
  });
});

describe('selectors', () => {
  it('encrypted_suffix encrypts only keys (and what is below them) ending with it', async () => {
    const encrypted = await encryptSopsFile('user: me\npassword_secret: x\nnested_secret:\n  inner: y\n', { file: 's.yaml', rule: rule({ encryptedSuffix: '_secret' }) });
    expect(encrypted).toContain('user: me\n');
    expect(encrypted).toMatch(/password_secret: ENC\[/);
    expect(encrypted).toMatch(/inner: ENC\[/);
  });

  it('encrypted_comment_regex encrypts what follows a matching comment, not the comment itself', async () => {
    const text = 'plain: a\n# sops:enc\nhidden: b\nvisible: c\n';
    const encrypted = await encryptSopsFile(text, { file: 'r.yaml', rule: rule({ encryptedCommentRegex: 'sops:enc' }) });
    expect(encrypted).toContain('plain: a\n# sops:enc\nhidden: ENC[');
    expect(encrypted).toContain('visible: c\n');
    expect((await decryptSopsFile(encrypted, { identities: [key.identity], file: 'r.yaml' })).text).toBe(text);
  });

  it('unencrypted_comment_regex leaves what follows a matching comment in clear', async () => {
    const encrypted = await encryptSopsFile('a: 1\n# keep-clear\nb: 2\n', { file: 'u.yaml', rule: rule({ unencryptedCommentRegex: 'keep-clear' }) });
    expect(encrypted).toMatch(/^a: ENC\[/);
    expect(encrypted).toContain('# keep-clear\nb: 2\n');
  });
});

describe('what Flux needs', () => {
  it.each([
    ['secret.yaml', 'kind: Secret\nstringData:\n    a: b\n', 'mac: ENC['],
    ['config.json', '{"a": "b"}', '"mac": "ENC['],
    ['app.env', 'A=b\n', 'sops_mac=ENC['],
    ['file.txt', 'raw binary content\n', '"mac": "ENC['],
  ])('%s carries the marker Flux looks for before decrypting (%s)', async (file, text, marker) => {
    const encrypted = await encryptSopsFile(text, { file, rule: rule() });
    expect(encrypted).toContain(marker);
    const result = await decryptSopsFile(encrypted, { identities: [key.identity], file });
    expect(result.text.trim()).toBe(file.endsWith('.json') ? '{\n\t"a": "b"\n}' : text.trim());
  });
});

describe('malformed input', () => {
  it('names the problem with a code', async () => {
    const opts = { identities: [] as never[], file: 'x.yaml' };
    expect(await codeOf(decryptSopsFile('a: 1\n', opts))).toBe('SOPS_METADATA_NOT_FOUND');
    expect(await codeOf(decryptSopsFile('a: [1\n', opts))).toBe('SOPS_FILE_MALFORMED');
    expect(await codeOf(decryptSopsFile('a: 1\nsops:\n  lastmodified: "2024-01-01T00:00:00Z"\n  mac: x\n', opts))).toBe('SOPS_METADATA_INVALID');
    expect(await codeOf(decryptSopsFile('a: 1\nsops:\n  age:\n    - recipient: age1x\n      enc: x\n  lastmodified: soon\n', opts))).toBe('SOPS_METADATA_INVALID');
    expect(await codeOf(decryptSopsFile('- a\n', opts))).toBe('SOPS_FILE_MALFORMED');
    expect(await codeOf(encryptSopsFile('a: 1\na: 2\n', { file: 'dup.yaml', rule: rule() }))).toBe('SOPS_FILE_MALFORMED');
    expect(await codeOf(encryptSopsFile('a: 1\n', { file: 'x.ini', rule: rule() }))).toBe('SOPS_UNSUPPORTED');
    expect(await codeOf(encryptSopsFile('a: 1\n', { file: 'x.yaml', rule: { keyGroups: [{ age: ['age1notarecipient'] }] } }))).toBe('SOPS_RECIPIENT_INVALID');
  });

  it('refuses a value in clear where the file rules say it is encrypted, naming the path only', async () => {
    const encrypted = await encryptSopsFile('data:\n  a: b\n', { file: 'x.yaml', rule: rule() });
    const tampered = encrypted.replace('sops:\n', 'extra: plain-text-value\nsops:\n');
    const error = await decryptSopsFile(tampered, { identities: [key.identity], file: 'x.yaml' }).catch((e: unknown) => e);
    expect(isSopsError(error, 'SOPS_VALUE_MALFORMED')).toBe(true);
    expect((error as Error).message).toContain('extra');
    expect((error as Error).message).not.toContain('plain-text-value');
  });

  it('a trailing --- (empty last document) is kept as sops keeps it', async () => {
    const encrypted = await encryptSopsFile('a: b\n---\n', { file: 'x.yaml', rule: rule() });
    const result = await decryptSopsFile(encrypted, { identities: [key.identity], file: 'x.yaml' });
    expect(result.values).toEqual([{ a: 'b' }, {}]);
  });
});
