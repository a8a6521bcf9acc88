/**
 * Decrypts 100 SOPS-encrypted Kubernetes Secrets with this library and with
 * the npm `sops-age` package in the same run; vitest prints the ratio.
 * Run: cd packages/sops && npx vitest bench --run
 * Note: this library also verifies every MAC; sops-age does not.
 */
import { generateX25519Identity } from 'age-encryption';
import { decryptSops } from 'sops-age';
import { bench, describe } from 'vitest';
import { AgeIdentity } from '../src/crypto/age.js';
import { decryptSopsFile } from '../src/operations/decrypt.js';
import { encryptSopsFile } from '../src/operations/encrypt.js';

const FILES = 100;
const secretKey = await generateX25519Identity();
const identity = await AgeIdentity.fromSecretKey(secretKey, 'bench');

function secret(i: number): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: app-${i}
  namespace: apps
type: Opaque
stringData:
  username: user-${i}
  password: ${'p'.repeat(24)}${i}
  url: postgres://user-${i}@db:5432/app
data:
  token: ${Buffer.from(`token-${i}`).toString('base64')}
  cert: ${Buffer.from('x'.repeat(600)).toString('base64')}
`;
}

const files = await Promise.all(
  Array.from({ length: FILES }, (_, i) =>
    encryptSopsFile(secret(i), {
      format: 'yaml',
      rule: { keyGroups: [{ age: [identity.recipient] }], selectors: { encryptedRegex: '^(data|stringData)$' } },
    }),
  ),
);

describe(`decrypt ${FILES} Secret files`, () => {
  bench('@kustodian/sops (MAC verified)', async () => {
    for (const file of files) await decryptSopsFile(file, { identities: [identity], format: 'yaml' });
  });

  bench('sops-age (no MAC check)', async () => {
    for (const file of files) await decryptSops(file, { secretKey, fileType: 'yaml' });
  });
});
