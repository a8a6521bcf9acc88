import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shamirCombine, shamirSplit } from './shamir.js';

describe('Shamir secret sharing', () => {
  it('recovers the secret from any threshold-sized subset, in the Vault part format', () => {
    const secret = new Uint8Array(randomBytes(32));
    const parts = shamirSplit(secret, 5, 3);
    expect(parts.every((p) => p.length === 33)).toBe(true);
    expect(new Set(parts.map((p) => p[32])).size).toBe(5);
    for (const subset of [[0, 1, 2], [2, 3, 4], [0, 2, 4], [1, 2, 3, 4]]) {
      expect(shamirCombine(subset.map((i) => parts[i]!))).toEqual(secret);
    }
  });

  it('fewer parts than the threshold give something else', () => {
    const secret = new Uint8Array(randomBytes(32));
    const parts = shamirSplit(secret, 3, 3);
    expect(shamirCombine([parts[0]!, parts[1]!])).not.toEqual(secret);
  });

  it('combines a hand-computed share set (f(x) = 0x2A + 0x05·x over GF(2^8))', () => {
    // y = 0x2A ^ mul(0x05, x): x=1 → 0x2F, x=2 → 0x2A ^ 0x0A = 0x20.
    expect(shamirCombine([Uint8Array.of(0x2f, 1), Uint8Array.of(0x20, 2)])).toEqual(Uint8Array.of(0x2a));
    // With reduction by the AES polynomial 0x11b: 0x80·2 = 0x1b, so f(x) = 0x2A + 0x80·x gives 0xAA and 0x31.
    expect(shamirCombine([Uint8Array.of(0xaa, 1), Uint8Array.of(0x31, 2)])).toEqual(Uint8Array.of(0x2a));
  });
});
