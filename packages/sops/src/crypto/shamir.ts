/**
 * Shamir's secret sharing over GF(2^8) with the AES polynomial, in the part
 * format sops uses (HashiCorp Vault's): the y bytes of each secret byte,
 * then the part's x coordinate as the last byte.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { SopsError } from '../errors.js';

function mul(a: number, b: number): number {
  let result = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) result ^= x;
    x = (x << 1) ^ (x & 0x80 ? 0x11b : 0);
    y >>= 1;
  }
  return result & 0xff;
}

function inverse(a: number): number {
  // a^254 = a^-1 in GF(2^8).
  let result = 1;
  let base = a;
  let exp = 254;
  while (exp > 0) {
    if (exp & 1) result = mul(result, base);
    base = mul(base, base);
    exp >>= 1;
  }
  return result;
}

/** Splits `secret` into `parts` shares, any `threshold` of which recover it. */
export function shamirSplit(secret: Uint8Array, parts: number, threshold: number): Uint8Array[] {
  if (parts < 2 || parts > 255 || threshold < 2 || threshold > parts || secret.length === 0) {
    throw new SopsError('SOPS_UNSUPPORTED', `cannot split a key into ${parts} parts with threshold ${threshold}`);
  }
  const xs: number[] = [];
  while (xs.length < parts) {
    const x = randomInt(1, 256);
    if (!xs.includes(x)) xs.push(x);
  }
  const shares = xs.map((x) => {
    const share = new Uint8Array(secret.length + 1);
    share[secret.length] = x;
    return share;
  });
  secret.forEach((byte, i) => {
    const coefficients = [byte, ...randomBytes(threshold - 1)];
    xs.forEach((x, p) => {
      // Horner's rule.
      let y = 0;
      for (let c = coefficients.length - 1; c >= 0; c--) y = mul(y, x) ^ coefficients[c]!;
      shares[p]![i] = y;
    });
  });
  return shares;
}

/** Recovers the secret from shares made by {@link shamirSplit} (or by sops). */
export function shamirCombine(shares: readonly Uint8Array[]): Uint8Array {
  const length = shares[0]?.length ?? 0;
  if (shares.length < 2 || length < 2 || shares.some((s) => s.length !== length)) {
    throw new SopsError('SOPS_METADATA_INVALID', 'the Shamir key parts are inconsistent');
  }
  const xs = shares.map((s) => s[length - 1]!);
  if (new Set(xs).size !== xs.length) throw new SopsError('SOPS_METADATA_INVALID', 'two Shamir key parts have the same x coordinate');
  const secret = new Uint8Array(length - 1);
  for (let i = 0; i < secret.length; i++) {
    let value = 0;
    xs.forEach((xi, a) => {
      let basis = 1;
      xs.forEach((xj, b) => {
        if (a !== b) basis = mul(basis, mul(xj, inverse(xi ^ xj)));
      });
      value ^= mul(shares[a]![i]!, basis);
    });
    secret[i] = value;
  }
  return secret;
}
