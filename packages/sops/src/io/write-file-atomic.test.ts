import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSopsError } from '../errors.js';
import { findSopsConfig } from './find-sops-config.js';
import { writeFileAtomic } from './write-file-atomic.js';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sops-io-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates new files with mode 0600 and leaves no temporary file', async () => {
    const path = join(dir, 'secret.yaml');
    await writeFileAtomic(path, 'a: 1\n');
    expect(readFileSync(path, 'utf8')).toBe('a: 1\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secret.yaml']);
  });

  it('replaces an existing file and keeps its mode', async () => {
    const path = join(dir, 'existing.yaml');
    writeFileSync(path, 'old\n', { mode: 0o640 });
    await writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('reports SOPS_WRITE_FAILED when the folder does not exist', async () => {
    const error = await writeFileAtomic(join(dir, 'missing', 'x.yaml'), 'x').catch((e: unknown) => e);
    expect(isSopsError(error, 'SOPS_WRITE_FAILED')).toBe(true);
  });
});

describe('findSopsConfig', () => {
  it('walks up from the start folder and ignores .sops.yml with a warning', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', '.sops.yml'), 'creation_rules: []\n');
    writeFileSync(join(dir, '.sops.yaml'), 'creation_rules:\n  - age: age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29\n');
    const found = await findSopsConfig(join(dir, 'a', 'b'));
    expect(found?.path).toBe(join(dir, '.sops.yaml'));
    expect(found?.config.directory).toBe(dir);
    expect(found?.config.creationRules).toHaveLength(1);
    expect(found?.warnings[0]).toContain('.sops.yml');
  });
});
