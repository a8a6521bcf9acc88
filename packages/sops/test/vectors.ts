/**
 * Access to the shared SOPS test vectors (files written by real sops
 * 3.8 – 3.13 with public test keys), found relative to the repository root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAgeIdentities } from '../src/crypto/age.js';
import type { AgeIdentity } from '../src/crypto/age.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (packages/sops/test → ../../..). */
export const REPO_ROOT = resolve(here, '../../..');
export const VECTORS_DIR = resolve(REPO_ROOT, '../shared/vectors/sops');
export const HAVE_VECTORS = existsSync(join(VECTORS_DIR, 'expected.json'));

if (!HAVE_VECTORS) {
  console.warn(`SKIPPED: SOPS test vectors not found at ${VECTORS_DIR}; vector tests do not run.`);
}

export interface VectorEntry {
  readonly file: string;
  readonly identity: string;
  readonly format: string;
  readonly sops_version: string;
  readonly mac_verified: boolean;
  readonly notes?: string;
  readonly plaintext?: unknown;
  readonly plaintext_file?: string;
}

export function readVector(name: string): string {
  return readFileSync(join(VECTORS_DIR, name), 'utf8');
}

export function vectorEntries(): VectorEntry[] {
  return HAVE_VECTORS ? (JSON.parse(readVector('expected.json')) as VectorEntry[]) : [];
}

export async function vectorIdentities(name: string): Promise<AgeIdentity[]> {
  return (await parseAgeIdentities(readVector(name), name)).identities;
}
