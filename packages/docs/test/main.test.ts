import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ruleDocFiles } from '@kustodian/audit';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTemps, copyTree, EXAMPLES, run } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'kustodian-docs-main-'));
afterAll(() => {
  cleanTemps();
  rmSync(scratch, { recursive: true, force: true });
});

describe('kustodian-docs', () => {
  it('prints its help and exits 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: kustodian-docs <generate | check>');
  });

  it.each([
    [[], 'no command given'],
    [['publish'], "unknown command 'publish'"],
    [['check', 'examples'], "unexpected argument 'examples'"],
    [['check', '--repo', '/nonexistent/repo'], '/nonexistent/repo is not a folder'],
    [['check', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on unusable input: %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('exits 2 with file:line when kustodian.yaml is invalid, and writes nothing', async () => {
    const repo = copyTree(EXAMPLES);
    writeFileSync(join(repo, 'kustodian.yaml'), 'docs:\n  roots: 5\n');
    const secrets = readFileSync(join(repo, 'SECRETS.md'), 'utf8');
    const { code, err } = await run('generate', '--repo', repo);
    expect(code).toBe(2);
    expect(err).toMatch(/invalid configuration kustodian\.yaml\n {2}kustodian\.yaml:2:\d+ {2}docs\.roots: /);
    expect(readFileSync(join(repo, 'SECRETS.md'), 'utf8')).toBe(secrets);
  });

  it('documents the current folder when given no repository, like every linter', async () => {
    const repo = copyTree(EXAMPLES);
    const before = process.cwd();
    process.chdir(repo);
    try {
      const { code, out } = await run('check');
      expect(code).toBe(0);
      expect(out).toMatch(/^\d+ docs files are up to date\.$/m);
    } finally {
      process.chdir(before);
    }
  });

  it('checks and regenerates the rule reference of a workspace with --rule-reference', async () => {
    const repo = copyTree(EXAMPLES);
    const workspace = join(scratch, 'workspace');
    for (const page of ruleDocFiles()) {
      mkdirSync(dirname(join(workspace, page.path)), { recursive: true });
      writeFileSync(join(workspace, page.path), page.content);
    }
    const [page] = ruleDocFiles();
    writeFileSync(join(workspace, page!.path), page!.content.replace('## Why it matters', '## Why it matters (edited)'));
    writeFileSync(join(workspace, 'docs/rules/gone-rule.md'), '<!-- DO NOT EDIT: generated -->\n# gone-rule\n');

    const check = await run('check', '--repo', repo, '--rule-reference', workspace);
    expect(check.code).toBe(1);
    expect(check.out).toContain(`+++ b/${workspace.slice(1)}/${page!.path}`);
    expect(check.out).toContain('-## Why it matters (edited)');
    expect(check.out).toContain('+++ /dev/null');
    expect(check.err).toContain('2 of');

    expect((await run('generate', '--repo', repo, '--rule-reference', workspace)).code).toBe(0);
    expect(readFileSync(join(workspace, page!.path), 'utf8')).toBe(page!.content);
    expect(() => readFileSync(join(workspace, 'docs/rules/gone-rule.md'))).toThrow();
    expect((await run('check', '--repo', repo, '--rule-reference', workspace)).code).toBe(0);
  });
});
