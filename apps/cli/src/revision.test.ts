import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git } from '../test/fixtures.js';
import { gitRevision, readHeadCommit } from './revision.js';

describe('the commit an audit reports', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kustodian-revision-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const commit = (dir: string, name: string) => {
    writeFileSync(join(dir, name), name);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', name);
    return git(dir, 'rev-parse', 'HEAD').trim();
  };

  it('reads what git rev-parse HEAD says from the files: a branch, a subfolder, packed refs, a detached HEAD, a linked work tree', () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'clusters', 'home'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    expect(readHeadCommit(repo)).toBeUndefined(); // no commit yet
    expect(gitRevision(repo)).toBeUndefined();
    const first = commit(repo, 'a');
    expect(readHeadCommit(repo)).toBe(first);
    expect(readHeadCommit(join(repo, 'clusters', 'home'))).toBe(first);
    git(repo, 'pack-refs', '--all');
    expect(readHeadCommit(repo)).toBe(first);
    const second = commit(repo, 'b');
    git(repo, 'checkout', '-q', '--detach', first);
    expect(readHeadCommit(repo)).toBe(first);
    git(repo, 'checkout', '-q', 'main');
    const tree = join(root, 'tree');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', tree, first);
    expect(readHeadCommit(tree)).toBe(first);
    expect(gitRevision(tree)).toBe(git(tree, 'rev-parse', 'HEAD').trim());
    expect(gitRevision(repo)).toBe(second);
  });

  it('is undefined outside a checkout', () => {
    expect(gitRevision(root)).toBeUndefined();
  });
});
