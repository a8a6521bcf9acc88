import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitFileSystem } from '../src/fs/git-file-system.js';
import { NodeFileSystem } from '../src/fs/node-file-system.js';
import { loadRepository } from '../src/model/load-repository.js';
import { modelToJson } from '../src/model/model-json.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const examples = join(repoRoot, 'examples');
const corpus = resolve(repoRoot, '../shared/corpus');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
}

/** Copy a folder into a fresh git repository and commit it. */
function commitCopy(source: string, dir: string): void {
  cpSync(source, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.name=kustodian-test', '-c', 'user.email=test@kustodian.invalid', 'add', '-A');
  git(dir, '-c', 'user.name=kustodian-test', '-c', 'user.email=test@kustodian.invalid', 'commit', '-q', '-m', 'snapshot');
}

const sources = [
  ['examples', examples],
  ...(existsSync(corpus) ? [['home-ops', join(corpus, 'onedr0p__home-ops')] as const] : []),
] as const;

describe('loading from a git revision', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kustodian-git-parity-'));
    if (!existsSync(corpus)) console.warn(`SKIPPED corpus part of git parity: ${corpus} is absent`);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  if (!existsSync(corpus)) it.skip(`gives the same model as loading the checkout (home-ops): ${corpus} is absent`, () => {});
  for (const [name, source] of sources) {
    it(`gives the same model as loading the checkout (${name})`, () => {
      const dir = join(tmp, name);
      commitCopy(source, dir);
      const fromDisk = modelToJson(loadRepository(new NodeFileSystem(dir)));
      const fromGit = modelToJson(loadRepository(GitFileSystem.open(dir, 'HEAD')));
      expect(fromGit).toEqual(fromDisk);
      expect((fromDisk as { resources: unknown[] }).resources.length).toBeGreaterThan(20);
    });
  }

  it('sees the revision, not the working tree', () => {
    const dir = join(tmp, 'edited');
    commitCopy(examples, dir);
    rmSync(join(dir, 'applications'), { recursive: true });
    const fromGit = loadRepository(GitFileSystem.open(dir, 'HEAD'));
    const fromDisk = loadRepository(new NodeFileSystem(dir));
    expect(fromGit.files.some((f) => f.path.startsWith('applications/'))).toBe(true);
    expect(fromDisk.files.some((f) => f.path.startsWith('applications/'))).toBe(false);
  });
});
