import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTemps, copyTree, CORPUS, lintProblems, run, snapshot } from './helpers.js';

afterAll(cleanTemps);

const repositories = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory()).sort() : [];
if (repositories.length === 0) console.warn(`corpus tests skipped: no repositories in ${CORPUS}`);

describe.skipIf(repositories.length === 0)('generate on the real repositories of ../shared/corpus', () => {
  it.each(repositories)('%s: generate runs into a copy, check then passes, and the docs pass markdownlint', async (name) => {
    const repo = copyTree(join(CORPUS, name));
    const before = snapshot(repo);
    const generate = await run('generate', '--repo', repo);
    expect(generate.err).toBe('');
    expect(generate.code).toBe(0);
    const after = snapshot(repo);
    const written = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    expect(written).toContain('SECRETS.md');
    // Nothing but the docs changed.
    expect(written.every((path) => path === 'SECRETS.md' || path.endsWith('/README.md'))).toBe(true);
    // The generated docs add no markdownlint problem (a README the repository already had may have its own, outside the markers).
    const withoutLine = (problem: string) => problem.replace(/^([^:]+):\d+ /, '$1 ');
    const had = new Set(lintProblems(Object.fromEntries(written.filter((path) => before.has(path)).map((path) => [path, readFileSync(join(CORPUS, name, path), 'utf8')]))).map(withoutLine));
    expect(lintProblems(Object.fromEntries(written.map((path) => [path, readFileSync(join(repo, path), 'utf8')]))).filter((problem) => !had.has(withoutLine(problem)))).toEqual([]);
    expect((await run('check', '--repo', repo)).code).toBe(0);
    // The SOPS how-to is there exactly when the repository uses SOPS.
    const usesSops = [...before.keys()].some((path) => /(^|\/)\.sops\.ya?ml$/.test(path)) || [...before.values()].some((text) => /^sops:\s*$/m.test(text));
    expect(readFileSync(join(repo, 'SECRETS.md'), 'utf8').includes('## Adding, rotating and re-keying a Secret')).toBe(usesSops);
  });
});
