import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-docs-cmd-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), color: false });
  return { code, out, err };
}

describe('kustodian docs: the same command as kustodian-docs', () => {
  it('checks the docs of a repository, and fails with a diff when one is stale', async () => {
    const repo = join(scratch, 'repo');
    cpSync(EXAMPLES, repo, { recursive: true });
    const clean = await run('docs', 'check', '--repo', repo);
    expect(clean.out).toMatch(/^\d+ docs files are up to date\.$/m);
    expect(clean.code).toBe(0);
    writeFileSync(join(repo, 'SECRETS.md'), '# Secrets\n\n<!-- kustodian:begin summary -->\nstale\n<!-- kustodian:end summary -->\n');
    const stale = await run('docs', 'check', '--repo', repo);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('-stale');
    expect((await run('docs', 'generate', '--repo', repo)).code).toBe(0);
    expect((await run('docs', 'check', '--repo', repo)).code).toBe(0);
  });
});
