import { describe, expect, it } from 'vitest';
import { isPlaceholderValue, secretMaterialKeys } from './secret-values.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('isPlaceholderValue', () => {
  it('takes empty values, substitutions, templates and secret-store references as holding no secret', () => {
    for (const v of [undefined, null, '', '  ', '${DB_PASSWORD}', '${SCHEME}://${HOST}:${PORT}', '{{ .password }}', 'op://kubernetes/cloudflare/TUNNEL_ID', 'op://Home Lab/Cloudflare Tunnel/credentials file', 'ref+vault://secret/app#token', '<path:kv/data/app#token>']) {
      expect(isPlaceholderValue(v), String(v)).toBe(true);
    }
  });

  it('takes a public certificate as no secret, and a private key as one', () => {
    expect(isPlaceholderValue('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).toBe(true);
    expect(isPlaceholderValue('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n')).toBe(false);
  });

  it('takes anything else as secret material, with text around a substitution counting', () => {
    for (const v of ['hunter2', 'postgres://app:pw@${HOST}/db', 'op://with space', 42]) expect(isPlaceholderValue(v), String(v)).toBe(false);
  });

  it('judges a data value by its base64-decoded text', () => {
    expect(isPlaceholderValue(b64('${TOKEN}'), true)).toBe(true);
    expect(isPlaceholderValue(b64('${TOKEN}'), false)).toBe(false);
    expect(isPlaceholderValue(b64('s3cr3t-value'), true)).toBe(false);
  });
});

describe('secretMaterialKeys', () => {
  it('lists the data and stringData keys that hold secret material', () => {
    const body = { kind: 'Secret', data: { a: b64('${A}'), b: b64('real') }, stringData: { c: 'op://v/i/f', d: 'clear' } };
    expect(secretMaterialKeys(body)).toEqual(['b', 'd']);
    expect(secretMaterialKeys({ kind: 'Secret', type: 'kubernetes.io/service-account-token' })).toEqual([]);
  });
});
