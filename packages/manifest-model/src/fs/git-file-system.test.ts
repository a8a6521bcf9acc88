import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManifestModelError } from '../errors.js';
import type { FileSystem } from './file-system.js';
import { GitFileSystem, parseCatFileBatch, parseLsTree } from './git-file-system.js';
import { NodeFileSystem } from './node-file-system.js';

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGit) console.warn('git-file-system tests skipped: the git executable is not on PATH');

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustodian-gitfs-'));
  temps.push(dir);
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function initRepo(): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

function write(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Every file below the root, with its bytes, through the FileSystem interface only. */
function snapshot(fs: FileSystem, skip: ReadonlySet<string> = new Set()): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of fs.list(dir)) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (skip.has(path)) continue;
      if (entry.type === 'directory') visit(path);
      else out.set(path, Buffer.from(fs.readFile(path) ?? new Uint8Array()).toString('base64'));
    }
  };
  visit('');
  return out;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const BINARY = new Uint8Array([0, 1, 2, 0x0a, 0xff, 0xfe, 0x0a, 0, 0x0a, 0x80, 0x7f, 0x0a]);
const UNICODE_NAME = 'apps/grafana dashboards/naïve – übersicht 日本.yaml';

beforeAll(() => {
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
});

afterAll(() => {
  vi.unstubAllEnvs();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGit)('GitFileSystem', () => {
  let repo: string;
  let first: string;
  let second: string;

  beforeAll(() => {
    repo = initRepo();
    write(repo, 'clusters/home/flux-system/gotk-sync.yaml', 'kind: Kustomization\nmetadata:\n  name: flux-system\n');
    write(repo, 'apps/web/deployment.yaml', 'kind: Deployment\nmetadata:\n  name: web\n');
    write(repo, 'apps/web/old-secret.yaml', 'kind: Secret\nmetadata:\n  name: old\n');
    write(repo, 'README.md', '# home\n');
    first = commitAll(repo, 'first');
    write(repo, 'apps/web/deployment.yaml', 'kind: Deployment\nmetadata:\n  name: web\n  labels: {tier: front}\n');
    unlinkSync(join(repo, 'apps/web/old-secret.yaml'));
    write(repo, UNICODE_NAME, 'kind: ConfigMap\n');
    write(repo, 'assets/logo.bin', BINARY);
    write(repo, 'apps/web/copy-of-readme.md', '# home\n');
    write(repo, 'empty.yaml', '');
    second = commitAll(repo, 'second');
  });

  it('lists folders sorted by name and tells files from folders', () => {
    const fs = GitFileSystem.open(repo, 'HEAD');
    expect(fs.list('')).toEqual([
      { name: 'README.md', type: 'file' },
      { name: 'apps', type: 'directory' },
      { name: 'assets', type: 'directory' },
      { name: 'clusters', type: 'directory' },
      { name: 'empty.yaml', type: 'file' },
    ]);
    expect(fs.list('apps/web').map((e) => e.name)).toEqual(['copy-of-readme.md', 'deployment.yaml']);
    expect(fs.list('clusters/home')).toEqual([{ name: 'flux-system', type: 'directory' }]);
    expect(fs.stat('clusters/home/flux-system')).toBe('directory');
    expect(fs.stat('clusters/home/flux-system/gotk-sync.yaml')).toBe('file');
    expect(fs.stat('')).toBe('directory');
    expect(fs.stat('nope')).toBeUndefined();
    expect(fs.list('nope')).toEqual([]);
    expect(fs.list('README.md')).toEqual([]);
  });

  it('reads the bytes of text, binary, empty and unicode-named files', () => {
    const fs = GitFileSystem.open(repo, 'main');
    expect(text(fs.readFile('apps/web/deployment.yaml'))).toBe('kind: Deployment\nmetadata:\n  name: web\n  labels: {tier: front}\n');
    expect(fs.readFile('assets/logo.bin')).toEqual(BINARY);
    expect(fs.readFile('empty.yaml')).toEqual(new Uint8Array());
    expect(text(fs.readFile(UNICODE_NAME))).toBe('kind: ConfigMap\n');
    expect(fs.list('apps/grafana dashboards')).toEqual([{ name: 'naïve – übersicht 日本.yaml', type: 'file' }]);
    // Two files with the same content are one blob; both read it.
    expect(text(fs.readFile('apps/web/copy-of-readme.md'))).toBe('# home\n');
    expect(text(fs.readFile('README.md'))).toBe('# home\n');
  });

  it('normalises paths and refuses paths that leave the root', () => {
    const fs = GitFileSystem.open(repo, 'HEAD');
    expect(text(fs.readFile('./apps/../apps/web//deployment.yaml'))).toContain('tier: front');
    expect(fs.readFile('../README.md')).toBeUndefined();
    expect(fs.stat('apps/..')).toBe('directory');
    expect(fs.readFile('apps/web')).toBeUndefined();
    expect(fs.readFile('apps/web/missing.yaml')).toBeUndefined();
  });

  it('gives a copy that a caller cannot use to change later reads', () => {
    const fs = GitFileSystem.open(repo, 'HEAD');
    const bytes = fs.readFile('README.md')!;
    bytes[0] = 0x21;
    expect(text(fs.readFile('README.md'))).toBe('# home\n');
  });

  it('reads an older revision as it was, including files deleted later', () => {
    for (const revision of [first, 'HEAD~1', 'main^']) {
      const fs = GitFileSystem.open(repo, revision);
      expect(fs.description).toBe(`git:${revision}`);
      expect(fs.commit).toBe(first);
      expect(fs.revision).toBe(revision);
      expect(text(fs.readFile('apps/web/deployment.yaml'))).toBe('kind: Deployment\nmetadata:\n  name: web\n');
      expect(text(fs.readFile('apps/web/old-secret.yaml'))).toBe('kind: Secret\nmetadata:\n  name: old\n');
      expect(fs.stat('assets')).toBeUndefined();
      expect(fs.readFile(UNICODE_NAME)).toBeUndefined();
    }
    const head = GitFileSystem.open(repo, 'HEAD');
    expect(head.commit).toBe(second);
    expect(head.stat('apps/web/old-secret.yaml')).toBeUndefined();
    expect(head.readFile('apps/web/old-secret.yaml')).toBeUndefined();
  });

  it('resolves a tag and an annotated tag to their commit', () => {
    git(repo, 'tag', 'v1', first);
    git(repo, 'tag', '-a', '-m', 'release', 'v1-annotated', first);
    expect(GitFileSystem.open(repo, 'v1').commit).toBe(first);
    expect(GitFileSystem.open(repo, 'v1-annotated').commit).toBe(first);
  });

  it('reads the commit, not the working tree', () => {
    const dir = initRepo();
    write(dir, 'a.yaml', 'committed\n');
    commitAll(dir, 'one');
    write(dir, 'a.yaml', 'edited\n');
    write(dir, 'untracked.yaml', 'x\n');
    const fs = GitFileSystem.open(dir, 'HEAD');
    expect(text(fs.readFile('a.yaml'))).toBe('committed\n');
    expect(fs.stat('untracked.yaml')).toBeUndefined();
  });

  it('reads the same files whether contents are loaded eagerly, lazily or one by one', () => {
    const lazy = snapshot(GitFileSystem.open(repo, 'HEAD'));
    expect(snapshot(GitFileSystem.open(repo, 'HEAD', { eager: true }))).toEqual(lazy);
    // Every non-empty file is "large" here, so each is read with its own git cat-file.
    expect(snapshot(GitFileSystem.open(repo, 'HEAD', { largeFileBytes: 0 }))).toEqual(lazy);
    expect(lazy.size).toBe(7);
  });

  it('reads from the top of the repository when opened from a subfolder', () => {
    const fs = GitFileSystem.open(join(repo, 'apps', 'web'), 'HEAD');
    expect(fs.stat('clusters/home/flux-system/gotk-sync.yaml')).toBe('file');
  });

  it('opens a bare repository', () => {
    const bare = join(tempDir(), 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo, bare], { stdio: 'ignore' });
    const fs = GitFileSystem.open(bare, 'main');
    expect(fs.commit).toBe(second);
    expect(snapshot(fs)).toEqual(snapshot(GitFileSystem.open(repo, 'main')));
  });

  it('lists the same files with the same bytes as NodeFileSystem over the checkout', () => {
    const fromGit = snapshot(GitFileSystem.open(repo, 'HEAD'));
    const fromDisk = snapshot(new NodeFileSystem(repo), new Set(['.git']));
    expect([...fromGit.keys()]).toEqual([...fromDisk.keys()]);
    expect(fromGit).toEqual(fromDisk);
  });

  it('leaves out symbolic links and submodules, and says so', () => {
    const dir = initRepo();
    write(dir, 'real/file.yaml', 'kind: ConfigMap\n');
    symlinkSync('real/file.yaml', join(dir, 'link.yaml'));
    symlinkSync('real', join(dir, 'link-dir'));
    const sub = commitAll(dir, 'with links');
    git(dir, 'update-index', '--add', '--cacheinfo', `160000,${sub},vendor/sub`);
    git(dir, 'commit', '-q', '-m', 'submodule');
    const fs = GitFileSystem.open(dir, 'HEAD');
    expect(fs.skipped).toEqual([
      { path: 'link-dir', reason: 'symlink' },
      { path: 'link.yaml', reason: 'symlink' },
      { path: 'vendor/sub', reason: 'submodule' },
    ]);
    expect(fs.stat('link.yaml')).toBeUndefined();
    expect(fs.readFile('link.yaml')).toBeUndefined();
    expect(fs.stat('link-dir')).toBeUndefined();
    expect(fs.stat('vendor/sub')).toBeUndefined();
    expect(fs.stat('vendor')).toBeUndefined();
    expect(fs.list('').map((e) => e.name)).toEqual(['real']);
    expect(text(fs.readFile('real/file.yaml'))).toBe('kind: ConfigMap\n');
  });

  describe('errors', () => {
    const codeOf = (fn: () => unknown): string | undefined => {
      const error = caught(fn);
      expect(error).toBeInstanceOf(ManifestModelError);
      return (error as ManifestModelError).code;
    };

    it('a revision that names no commit is GIT_REVISION_NOT_FOUND', () => {
      expect(codeOf(() => GitFileSystem.open(repo, 'no-such-branch'))).toBe('GIT_REVISION_NOT_FOUND');
      expect(codeOf(() => GitFileSystem.open(repo, 'HEAD~5'))).toBe('GIT_REVISION_NOT_FOUND');
      expect(codeOf(() => GitFileSystem.open(repo, '0000000000000000000000000000000000000000'))).toBe('GIT_REVISION_NOT_FOUND');
      expect(codeOf(() => GitFileSystem.open(repo, ''))).toBe('GIT_REVISION_NOT_FOUND');
      const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
      expect(codeOf(() => GitFileSystem.open(repo, tree))).toBe('GIT_REVISION_NOT_FOUND');
    });

    it('a revision that looks like an option is not taken as one', () => {
      const target = join(tempDir(), 'written-by-option');
      expect(codeOf(() => GitFileSystem.open(repo, `--output=${target}`))).toBe('GIT_REVISION_NOT_FOUND');
      expect(existsSync(target)).toBe(false);
    });

    it('a repository without commits has no revision', () => {
      expect(codeOf(() => GitFileSystem.open(initRepo(), 'HEAD'))).toBe('GIT_REVISION_NOT_FOUND');
    });

    it('a folder that is no repository is REPOSITORY_NOT_FOUND', () => {
      expect(codeOf(() => GitFileSystem.open(tempDir(), 'HEAD'))).toBe('REPOSITORY_NOT_FOUND');
      expect((caught(() => GitFileSystem.open(tempDir(), 'HEAD')) as Error).message).toMatch(/is not a git repository \(fatal: not a git repository/);
      expect(codeOf(() => GitFileSystem.open(join(tempDir(), 'missing'), 'HEAD'))).toBe('REPOSITORY_NOT_FOUND');
    });

    it('a git that cannot run is GIT_FAILED', () => {
      expect(codeOf(() => GitFileSystem.open(repo, 'HEAD', { gitBinary: join(tempDir(), 'no-git-here') }))).toBe('GIT_FAILED');
    });
  });
});

describe('parseLsTree', () => {
  it('reads mode, type, id, size and a path with spaces and tabs', () => {
    const out = Buffer.from(
      '100644 blob 45b983be36b73c0788dc9cbcb76cbb80fc7bb057       3\ta b\tc.yaml\0' +
        '160000 commit 70c552abf059c284c17dce7a82709da3d31ac431       -\tsub\0',
    );
    expect(parseLsTree(out)).toEqual([
      { mode: '100644', type: 'blob', oid: '45b983be36b73c0788dc9cbcb76cbb80fc7bb057', size: 3, path: 'a b\tc.yaml' },
      { mode: '160000', type: 'commit', oid: '70c552abf059c284c17dce7a82709da3d31ac431', size: undefined, path: 'sub' },
    ]);
  });

  it('rejects output it does not understand', () => {
    const error = caught(() => parseLsTree(Buffer.from('garbage\0')));
    expect(error).toBeInstanceOf(ManifestModelError);
    expect((error as ManifestModelError).code).toBe('GIT_FAILED');
  });
});

describe('parseCatFileBatch', () => {
  const frame = (oid: string, body: Buffer): Buffer => Buffer.concat([Buffer.from(`${oid} blob ${body.length}\n`), body, Buffer.from('\n')]);

  it('splits frames whose contents hold newlines and NUL bytes', () => {
    const a = Buffer.from([0x0a, 0, 0x0a]);
    const b = Buffer.from('hello\n');
    const blobs = parseCatFileBatch(Buffer.concat([frame('aa', a), frame('bb', b), frame('cc', Buffer.alloc(0))]), ['aa', 'bb', 'cc']);
    expect(blobs.get('aa')).toEqual(new Uint8Array(a));
    expect(text(blobs.get('bb'))).toBe('hello\n');
    expect(blobs.get('cc')).toEqual(new Uint8Array());
  });

  it.each([
    ['a missing object', Buffer.from('aa missing\n'), ['aa']],
    ['output cut short', Buffer.from('aa blob 10\nabc'), ['aa']],
    ['frames out of order', Buffer.concat([frame('bb', Buffer.from('x'))]), ['aa']],
    ['no output at all', Buffer.alloc(0), ['aa']],
  ])('rejects %s', (_name, output, oids) => {
    const error = caught(() => parseCatFileBatch(output, oids));
    expect(error).toBeInstanceOf(ManifestModelError);
    expect((error as ManifestModelError).code).toBe('GIT_FAILED');
  });
});
