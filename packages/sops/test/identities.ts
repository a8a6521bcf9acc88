/** Fresh throwaway age identities for tests. */
import { generateHybridIdentity, generateX25519Identity } from 'age-encryption';
import { AgeIdentity } from '../src/crypto/age.js';

export interface TestIdentity {
  readonly identity: AgeIdentity;
  /** The secret key text, for tools that take it (sops-age, the age CLI). */
  readonly secretKey: string;
}

export async function newX25519Identity(): Promise<TestIdentity> {
  const secretKey = await generateX25519Identity();
  return { identity: await AgeIdentity.fromSecretKey(secretKey, 'test'), secretKey };
}

export async function newHybridIdentity(): Promise<TestIdentity> {
  const secretKey = await generateHybridIdentity();
  return { identity: await AgeIdentity.fromSecretKey(secretKey, 'test'), secretKey };
}
