/**
 * Byte-for-byte layout against real sops output: setting a value to the
 * value it already has, at the file's own `lastmodified`, must reproduce the
 * file exactly (same ciphertexts through the IV stash, same MAC, same
 * metadata order, indentation, quoting and armor framing).
 */
import { describe, expect, it } from 'vitest';
import { setSopsValue } from '../src/operations/set-key.js';
import type { SopsFormat } from '../src/stores/store.js';
import { HAVE_VECTORS, readVector, vectorIdentities } from './vectors.js';

interface LayoutCase {
  readonly file: string;
  readonly identity: string;
  readonly format: SopsFormat;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly layout: string;
}

const FLUX_KEY = 'flux-kustomize-controller/keys-age.txt';
const CASES: readonly LayoutCase[] = [
  { file: 'flux-kustomize-controller/algorithms-age.yaml', identity: FLUX_KEY, format: 'yaml', path: ['stringData', 'key'], value: 'value', layout: '3.9 YAML, indent 2' },
  { file: 'flux-kustomize-controller/patches-merge1.yaml', identity: FLUX_KEY, format: 'yaml', path: ['stringData', 'key'], value: 'merge1', layout: '3.9 YAML, indent 2' },
  { file: 'flux-kustomize-controller/patches-merge2.yaml', identity: FLUX_KEY, format: 'yaml', path: ['stringData', 'merge2'], value: 'merge2', layout: '3.9 YAML, indent 2' },
  {
    file: 'flux-kustomize-controller/global-secret.yaml',
    identity: 'flux-kustomize-controller/keys-age-global.txt',
    format: 'yaml',
    path: ['stringData', 'key'],
    value: 'global-value',
    layout: '3.10 YAML, empty key lists omitted',
  },
  {
    file: 'flux-kustomize-controller/algorithms-age-pq.yaml',
    identity: 'flux-kustomize-controller/keys-age-pq.txt',
    format: 'yaml',
    path: ['stringData', 'key'],
    value: 'value',
    layout: '3.12 YAML, post-quantum recipient',
  },
  { file: 'flux-kustomize-controller/files-file.txt', identity: FLUX_KEY, format: 'json', path: ['data'], value: 'value', layout: '3.9 JSON, tabs, null lists, no final newline' },
  { file: 'flux-kustomize-controller/envs-env.env', identity: FLUX_KEY, format: 'dotenv', path: ['key'], value: 'value', layout: '3.9 dotenv, flattened metadata' },
  {
    file: 'getty-p5-file-sops/encoding.sops.yaml',
    identity: 'getty-p5-file-sops/encoding.agekey',
    format: 'yaml',
    path: ['ascii', 'plain'],
    value: 'hello',
    layout: '3.13 YAML, sorted metadata, quoted "n" key, UTF-8 keys',
  },
  { file: 'getty-p5-file-sops/inf-bare.sops.yaml', identity: 'getty-p5-file-sops/inf.agekey', format: 'yaml', path: ['keep'], value: 'x', layout: '3.13 YAML, bare .inf' },
  { file: 'getty-p5-file-sops/inf-quoted.sops.yaml', identity: 'getty-p5-file-sops/inf.agekey', format: 'yaml', path: ['keep'], value: 'x', layout: '3.13 YAML, quoted ".inf"' },
  {
    file: 'getty-p5-file-sops/merge-key.sops.yaml',
    identity: 'getty-p5-file-sops/merge-key.agekey',
    format: 'yaml',
    path: ['aa', 'm'],
    value: 2,
    layout: '3.13 YAML, !!merge << key, ints',
  },
];

function lastModifiedOf(text: string): Date {
  const m = /lastmodified["]?[:=] ?"?([0-9TZ:-]+)/.exec(text);
  if (!m) throw new Error('no lastmodified');
  return new Date(m[1]!);
}

describe.skipIf(!HAVE_VECTORS)('output layout matches sops byte for byte', () => {
  it.each(CASES)('$file ($layout)', async (c) => {
    const original = readVector(c.file);
    const rewritten = await setSopsValue(original, c.path, c.value, {
      identities: await vectorIdentities(c.identity),
      file: c.file,
      format: c.format,
      now: lastModifiedOf(original),
    });
    expect(rewritten).toBe(original);
  });
});

/** Ciphertexts and armored age payloads replaced by placeholders, so that structure can be compared. */
function structure(text: string): string {
  return text
    .replace(/ENC\[AES256_GCM,data:[^,]*,iv:[^,]+,tag:[^,]+,type:(\w+)\]/g, 'ENC[…,type:$1]')
    .replace(/(-----BEGIN AGE ENCRYPTED FILE-----)(?:\n\s*[A-Za-z0-9+/=]+)+/g, '$1\n…');
}

describe.skipIf(!HAVE_VECTORS)('new files have the structure sops writes', () => {
  it('sops 3.13 layout (Getty vector)', async () => {
    const { encryptSopsFile } = await import('../src/operations/encrypt.js');
    const vector = readVector('getty-p5-file-sops/encoding.sops.yaml');
    const identity = (await vectorIdentities('getty-p5-file-sops/encoding.agekey'))[0]!;
    const plaintext = 'café:\n  passwörd: hämlich\n  notiz_unencrypted: öffentlich\nキー:\n  value: 値\n  n: 42\nascii:\n  plain: hello\n';
    const encrypted = await encryptSopsFile(plaintext, {
      file: 'encoding.sops.yaml',
      rule: { keyGroups: [{ age: [identity.recipient] }] },
      now: lastModifiedOf(vector),
      version: '3.13.3',
    });
    expect(structure(encrypted)).toBe(structure(vector));
  });

  it('sops 3.9 layout when asked for that version (Flux vector, indent 2)', async () => {
    const { encryptSopsFile } = await import('../src/operations/encrypt.js');
    const vector = readVector('flux-kustomize-controller/algorithms-age.yaml');
    const identity = (await vectorIdentities(FLUX_KEY))[0]!;
    const plaintext = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: age\nstringData:\n  key: value\n';
    const encrypted = await encryptSopsFile(plaintext, {
      file: 'age.yaml',
      rule: { keyGroups: [{ age: [identity.recipient] }], selectors: { encryptedRegex: '^(data|stringData)$' } },
      now: lastModifiedOf(vector),
      version: '3.9.0',
      indent: 2,
    });
    expect(structure(encrypted)).toBe(structure(vector));
  });
});
