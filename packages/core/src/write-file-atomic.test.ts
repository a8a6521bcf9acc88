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

describe('writeFileAtomic on what is not a regular file', () => {
  it('writes to a FIFO directly instead of replacing it with a file', async () => {
    const { spawnSync, spawn } = await import('node:child_process');
    const fifo = join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return expect.fail('mkfifo is needed for this test');
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (c: Buffer) => (read += c.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    await writeFileAtomic(fifo, 'report\n');
    await closed;
    expect(read).toBe('report\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a symbolic link whose target is inside `within`, keeping the link', async () => {
    const { symlinkSync, lstatSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'repo'));
    writeFileSync(join(dir, 'repo/real.md'), 'old\n');
    symlinkSync('real.md', join(dir, 'repo/link.md'));
    await writeFileAtomic(join(dir, 'repo/link.md'), 'new\n', { within: join(dir, 'repo') });
    expect(lstatSync(join(dir, 'repo/link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'repo/real.md'), 'utf8')).toBe('new\n');
  });

  it('refuses a symbolic link that leaves `within`, and any link without it, naming the file and where it points', async () => {
    const { symlinkSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'repo'));
    writeFileSync(join(dir, 'outside.md'), 'mine\n');
    symlinkSync('../outside.md', join(dir, 'repo/README.md'));
    const error = await writeFileAtomic(join(dir, 'repo/README.md'), 'generated\n', { within: join(dir, 'repo') }).catch((e: unknown) => e);
    expect(isKustodianError(error, 'WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/README\.md: it is a symbolic link to .*outside\.md, outside .*repo; not written through/);
    expect(readFileSync(join(dir, 'outside.md'), 'utf8')).toBe('mine\n');
    expect(isKustodianError(await writeFileAtomic(join(dir, 'repo/README.md'), 'x').catch((e: unknown) => e), 'WRITE_FAILED')).toBe(true);
  });

  it('removes temporary files a killed run left beside the file, and only old ones of ours', async () => {
    const { utimesSync } = await import('node:fs');
    const path = join(dir, 's.sops.yaml');
    writeFileSync(path, 'old\n');
    const stale = join(dir, '.s.sops.yaml.kustodian-abcdef012345.tmp');
    const fresh = join(dir, '.s.sops.yaml.kustodian-0123456789ab.tmp');
    const other = join(dir, '.s.sops.yaml.other.tmp');
    for (const f of [stale, fresh, other]) writeFileSync(f, 'ciphertext');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(stale, old, old);
    utimesSync(other, old, old);
    await writeFileAtomic(path, 'new\n');
    expect(readdirSync(dir).sort()).toEqual(['.s.sops.yaml.kustodian-0123456789ab.tmp', '.s.sops.yaml.other.tmp', 's.sops.yaml']);
  });
});
