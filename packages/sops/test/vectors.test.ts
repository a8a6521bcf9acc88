import { describe, expect, it } from 'vitest';
import { AgeIdentity, AgeUnwrapper } from '../src/crypto/age.js';
import { recoverDataKey } from '../src/crypto/data-key.js';
import { ValueCipher } from '../src/crypto/value-cipher.js';
import { isSopsError } from '../src/errors.js';
import { parseSopsFile } from '../src/format/parse-sops-file.js';
import { macAad } from '../src/operations/open-sops-file.js';
import { decryptSopsFile } from '../src/operations/decrypt.js';
import type { SopsFormat } from '../src/stores/store.js';
import { parseYamlDocuments } from '../src/stores/yaml-store.js';
import { treeToPlain } from '../src/tree/plain-value.js';
import { HAVE_VECTORS, readVector, vectorEntries, vectorIdentities } from './vectors.js';
import type { VectorEntry } from './vectors.js';

const STORE_FORMATS: Record<string, SopsFormat> = { yaml: 'yaml', json: 'json', dotenv: 'dotenv' };
const sopsVectors = vectorEntries().filter((e) => e.format in STORE_FORMATS);

function expectedPlaintext(entry: VectorEntry): unknown {
  if (entry.plaintext_file) return JSON.parse(readVector(entry.plaintext_file));
  return entry.plaintext;
}

async function decryptVector(entry: VectorEntry, text = readVector(entry.file), verifyMac = true) {
  return decryptSopsFile(text, {
    identities: await vectorIdentities(entry.identity),
    file: entry.file,
    format: STORE_FORMATS[entry.format]!,
    verifyMac,
  });
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => isSopsError(error) && error.code === code);
}

/** Flips one bit of the base64 `data:` of the first ENC value whose text starts at or after `from`. */
function flipCiphertext(text: string, from = 0): string {
  const m = /ENC\[AES256_GCM,data:([^,]+),/.exec(text.slice(from));
  if (!m) throw new Error('no ENC value');
  const bytes = Buffer.from(m[1]!, 'base64');
  bytes[0]! ^= 0x01;
  const start = from + m.index + 'ENC[AES256_GCM,data:'.length;
  return text.slice(0, start) + bytes.toString('base64') + text.slice(start + m[1]!.length);
}

function macOffset(text: string): number {
  const m = /(mac: |"mac": "|sops_mac=)ENC\[/.exec(text);
  if (!m) throw new Error('no mac');
  return m.index;
}

/** Edits of a value that is stored in clear but covered by the MAC. */
const UNENCRYPTED_EDITS: Record<string, [string, string]> = {
  'flux-kustomize-controller/algorithms-age.yaml': ['  name: age\n', '  name: agf\n'],
  'flux-kustomize-controller/patches-merge1.yaml': ['  name: secret\n', '  name: secreT\n'],
  'flux-kustomize-controller/patches-merge2.yaml': ['  name: secret\n', '  name: secreT\n'],
  'flux-kustomize-controller/global-secret.yaml': ['  namespace: default\n', '  namespace: kube-system\n'],
  'flux-kustomize-controller/algorithms-age-pq.yaml': ['  name: age-pq\n', '  name: age-pr\n'],
  'getty-p5-file-sops/encoding.sops.yaml': ['notiz_unencrypted: öffentlich', 'notiz_unencrypted: privat'],
  'getty-p5-file-sops/inf-bare.sops.yaml': ['v_unencrypted: .inf', 'v_unencrypted: .nan'],
  'getty-p5-file-sops/inf-quoted.sops.yaml': ['v_unencrypted: ".inf"', 'v_unencrypted: ".INF"'],
  'getty-p5-file-sops/merge-key.sops.yaml': ['note_unencrypted: hello', 'note_unencrypted: hallo'],
};

/** Vectors whose every value is encrypted (no clear value to tamper with). */
const ALL_ENCRYPTED = new Set([
  'flux-kustomize-controller/files-file.txt',
  'flux-kustomize-controller/envs-env.env',
  'humphd-sops-age/secret.enc.yaml',
  'humphd-sops-age/secret.enc.json',
  'humphd-sops-age/secret.enc.env',
]);

describe.skipIf(!HAVE_VECTORS)('vectors written by real sops', () => {
  it('covers every vector listed in expected.json', () => {
    expect(sopsVectors.length).toBeGreaterThanOrEqual(14);
    for (const entry of sopsVectors) expect(entry.file in UNENCRYPTED_EDITS || ALL_ENCRYPTED.has(entry.file)).toBe(true);
  });

  describe.each(sopsVectors)('$file (sops $sops_version)', (entry) => {
    it('decrypts to the expected plaintext with a verified MAC', async () => {
      const result = await decryptVector(entry);
      expect(result.macVerified).toBe(true);
      const value = result.values[0] as Record<string, unknown>;
      if (entry.file.endsWith('inf-bare.sops.yaml')) {
        expect(value).toEqual({ keep: 'x', v_unencrypted: Infinity });
      } else {
        expect(value).toEqual(expectedPlaintext(entry));
      }
    });

    it('rejects a flipped ciphertext byte with SOPS_VALUE_DECRYPT_FAILED', async () => {
      await expectCode(decryptVector(entry, flipCiphertext(readVector(entry.file))), 'SOPS_VALUE_DECRYPT_FAILED');
    });

    it('rejects a changed MAC with SOPS_MAC_MISMATCH', async () => {
      const text = readVector(entry.file);
      await expectCode(decryptVector(entry, flipCiphertext(text, macOffset(text))), 'SOPS_MAC_MISMATCH');
    });

    it('rejects a validly encrypted but wrong MAC with SOPS_MAC_MISMATCH', async () => {
      const text = readVector(entry.file);
      const parsed = parseSopsFile(text, STORE_FORMATS[entry.format]!, entry.file);
      const key = await recoverDataKey(parsed.metadata, await vectorIdentities(entry.identity));
      const forged = new ValueCipher(key).encrypt('0'.repeat(128), macAad(parsed.metadata));
      const tampered = text.replace(parsed.metadata.mac, forged);
      expect(tampered).not.toBe(text);
      await expectCode(decryptVector(entry, tampered), 'SOPS_MAC_MISMATCH');
    });

    it('rejects a changed lastmodified with SOPS_MAC_MISMATCH', async () => {
      const text = readVector(entry.file);
      const tampered = text.replace(/(lastmodified["]?[:=] ?"?)(\d{4})/, (_, p: string, year: string) => `${p}${Number(year) - 1}`);
      expect(tampered).not.toBe(text);
      await expectCode(decryptVector(entry, tampered), 'SOPS_MAC_MISMATCH');
    });

    it.skipIf(!(entry.file in UNENCRYPTED_EDITS))('rejects a changed clear value covered by the MAC, unless verifyMac is false', async () => {
      const [from, to] = UNENCRYPTED_EDITS[entry.file]!;
      const text = readVector(entry.file);
      const tampered = text.replace(from, to);
      expect(tampered).not.toBe(text);
      await expectCode(decryptVector(entry, tampered), 'SOPS_MAC_MISMATCH');
      const unchecked = await decryptVector(entry, tampered, false);
      expect(unchecked.macVerified).toBe(false);
      expect(unchecked.text).toContain(to.trim().split(': ')[1]!.replaceAll('"', ''));
    });
  });

  it('names the recipients the file expects when the key is wrong', async () => {
    const entry = sopsVectors.find((e) => e.file === 'humphd-sops-age/secret.enc.yaml')!;
    const other = await vectorIdentities('getty-p5-file-sops/inf.agekey');
    const error = await decryptSopsFile(readVector(entry.file), { identities: other, file: entry.file }).catch((e: unknown) => e);
    expect(isSopsError(error, 'SOPS_WRONG_KEY')).toBe(true);
    const message = (error as Error).message;
    for (const r of ['age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvr', 'age13runq29jhy9kfpaegczrzttykerswh0qprq59msgd754yermtfmsa3hwg2']) {
      expect(message).toContain(r);
    }
    expect(message).toContain(other[0]!.recipient);
    expect(message).not.toMatch(/AGE-SECRET-KEY/);
  });

  it('reports SOPS_NO_IDENTITY with the expected recipients when no key is given', async () => {
    const entry = sopsVectors.find((e) => e.file === 'flux-kustomize-controller/algorithms-age.yaml')!;
    const error = await decryptSopsFile(readVector(entry.file), { identities: [], file: entry.file }).catch((e: unknown) => e);
    expect(isSopsError(error, 'SOPS_NO_IDENTITY')).toBe(true);
    expect((error as Error).message).toContain('age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29');
  });

  it('decrypts the sops JSON document Flux finds base64-encoded in a plain Secret', async () => {
    const entry = vectorEntries().find((e) => e.file === 'flux-kustomize-controller/inside-secret.yaml')!;
    const secret = treeToPlain(parseYamlDocuments(readVector(entry.file))[0]!) as { data: { key: string } };
    const inner = Buffer.from(secret.data.key, 'base64').toString('utf8');
    const result = await decryptSopsFile(inner, { identities: await vectorIdentities(entry.identity), format: 'json' });
    expect(result.macVerified).toBe(true);
    expect({ inner: result.values[0] }).toEqual(entry.plaintext);
  });

  it('opens the armored age file from the sops unit tests', async () => {
    const entry = vectorEntries().find((e) => e.file === 'getsops-sops/mock-encrypted-key.age')!;
    const unwrapper = new AgeUnwrapper(await vectorIdentities(entry.identity));
    const plain = await unwrapper.unwrap(readVector(entry.file), entry.file);
    expect(Buffer.from(plain!).toString('utf8')).toBe(entry.plaintext);
    const stranger = new AgeUnwrapper([await AgeIdentity.fromSecretKey(readVector('getty-p5-file-sops/inf.agekey'))]);
    expect(await stranger.unwrap(readVector(entry.file), entry.file)).toBeUndefined();
  });
});
