import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTemps, copyTree, EXAMPLES, run } from './helpers.js';

const outside = mkdtempSync(join(tmpdir(), 'kustodian-docs-outside-'));
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  cleanTemps();
});

describe('kustodian-docs and symbolic links that leave the repository', () => {
  it('neither reads nor rewrites a README or SECRETS.md linked to a file elsewhere, says so, and writes the others', async () => {
    const repo = copyTree(EXAMPLES);
    const mine = join(outside, 'notes.md');
    writeFileSync(mine, 'private notes, not to be shown or rewritten\n');
    rmSync(join(repo, 'SECRETS.md'), { force: true });
    symlinkSync(mine, join(repo, 'SECRETS.md'));
    const { code, out, err } = await run('generate', '--repo', repo);
    expect(readFileSync(mine, 'utf8')).toBe('private notes, not to be shown or rewritten\n');
    expect(lstatSync(join(repo, 'SECRETS.md')).isSymbolicLink()).toBe(true);
    expect(err).toMatch(/SECRETS\.md: it is a symbolic link to .*notes\.md, outside .*; not written through; the file is left unchanged/);
    expect(out).toMatch(/1 refused\./);
    expect(out + err).not.toContain('private notes');
    expect(code).toBe(1);
    const check = await run('check', '--repo', repo);
    expect(check.out + check.err).not.toContain('private notes');
  });
});
