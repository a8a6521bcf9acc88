import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKustodianError } from './errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kustodian-write-'));
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

  it('reports WRITE_FAILED, naming the file, when the folder does not exist', async () => {
    const error = await writeFileAtomic(join(dir, 'missing', 'x.yaml'), 'x').catch((e: unknown) => e);
    expect(isKustodianError(error, 'WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(join(dir, 'missing', 'x.yaml'));
  });
});
