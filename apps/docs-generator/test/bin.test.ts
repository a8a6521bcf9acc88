import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The built command, as npm installs it: the test target depends on the build.
const BIN = resolve(import.meta.dirname, '../dist/bin.js');
const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-docs-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runAt(path: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the kustodian-docs bin runs however it is reached', () => {
  it('the build is there (cli test target depends on build)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  // A folder name with #, %, a space and non-ASCII letters: file URLs escape all of them.
  const odd = join(scratch, 'a #b %20 c ünï');
  mkdirSync(odd, { recursive: true });
  const repo = join(odd, 'repo');
  cpSync(EXAMPLES, repo, { recursive: true });
  const renamed = join(odd, 'kd');
  symlinkSync(BIN, renamed);
  const linkedFolder = join(scratch, 'linked');
  symlinkSync(odd, linkedFolder);

  it.each([
    ['through a symlink with another name, in a folder with # % space and unicode', renamed, repo],
    ['through a symlinked folder', join(linkedFolder, 'kd'), join(linkedFolder, 'repo')],
  ])('%s', (_how, bin, target) => {
    const help = runAt(bin, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: kustodian-docs');
    const check = runAt(bin, 'check', '--repo', target);
    expect(check.err).toBe('');
    expect(check.out).toMatch(/^\d+ docs files are up to date\.$/m);
    expect(check.code).toBe(0);
  });
});
