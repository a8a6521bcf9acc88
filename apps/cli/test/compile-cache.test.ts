import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_REPOSITORY, writeTree } from './fixtures.js';

// The bundled program runs through V8's code cache (src/run-cached.ts): started
// as users start it (bin/kustodian.js), with the cache in a folder of its own.
const CLI = resolve(import.meta.dirname, '..');
const BIN = join(CLI, 'bin/kustodian.js');
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-compile-cache-'));
const repo = join(scratch, 'repo');
beforeAll(() => {
  if (!existsSync(join(CLI, 'dist/bundle/kustodian.cjs'))) throw new Error('the CLI bundle is missing: npx nx run cli:bundle (the cli:test target does it)');
  writeTree(repo, SMALL_REPOSITORY);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function audit(env: Record<string, string>) {
  const { KUSTODIAN_CACHE_DIR: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [BIN, 'audit', '--repo', repo, '--format', 'json'], { encoding: 'utf8', timeout: 60_000, env: { ...inherited, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

describe('the code cache of the bundled program', () => {
  it('is written by the first run and read, not rewritten, by the next, which prints the same', () => {
    const dir = join(scratch, 'cache-1');
    const first = audit({ KUSTODIAN_CACHE_DIR: dir });
    expect(first.status).toBe(0);
    expect((JSON.parse(first.stdout) as { summary: { files: number } }).summary.files).toBeGreaterThan(0);
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    const written = statSync(join(dir, files[0]!));
    expect(written.size).toBeGreaterThan(100_000);
    const second = audit({ KUSTODIAN_CACHE_DIR: dir });
    expect(second).toEqual(first);
    expect(statSync(join(dir, files[0]!)).mtimeMs).toBe(written.mtimeMs);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(files);
  });

  it('is replaced when it is corrupt, and the run is the same as without one', () => {
    const dir = join(scratch, 'cache-2');
    const reference = audit({ KUSTODIAN_CACHE_DIR: dir });
    const file = join(dir, cacheFiles(dir)[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const corrupt = audit({ KUSTODIAN_CACHE_DIR: dir });
    expect(corrupt).toEqual(reference);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(statSync(file).size).toBeGreaterThan(100_000);
  });

  it('is not written with KUSTODIAN_NO_COMPILE_CACHE=1, and a folder that cannot be made changes nothing either', () => {
    const dir = join(scratch, 'cache-3');
    const off = audit({ KUSTODIAN_CACHE_DIR: dir, KUSTODIAN_NO_COMPILE_CACHE: '1' });
    expect(off.status).toBe(0);
    expect(off.stdout).toContain('"findings"');
    expect(existsSync(dir)).toBe(false);
    // A file where the cache folder should be: no cache, the same report.
    const blocked = join(scratch, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const unwritable = audit({ KUSTODIAN_CACHE_DIR: join(blocked, 'kustodian') });
    expect(unwritable).toEqual(off);
  });
});
