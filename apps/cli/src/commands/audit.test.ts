import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { Output } from '../output.js';

function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', color: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const gotkSync = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  path: ./clusters/prod
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

function writeTree(root: string, tree: Record<string, string>): void {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@kustodian.invalid', ...args], { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

describe('kustodian audit', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'kustodian-cli-audit-'));
    writeTree(repo, {
      'clusters/prod/flux-system/gotk-sync.yaml': gotkSync,
      'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n',
      'platform/kustomization.yaml': 'resources: []\n',
    });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('prints the documented JSON and exits by --fail-on', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.stdout);
    expect(report.version).toBe(1);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'kustomization-unapplied', file: 'platform/kustomization.yaml', line: 1, severity: 'warning' }));
    expect(await main(['audit', '--repo', repo, '--fail-on', 'warning'], capture())).toBe(1);
  });

  it('writes a baseline and then reports nothing that is in it', async () => {
    const baseline = join(repo, '..', `${repo.split('/').pop()}-baseline.json`);
    try {
      expect(await main(['audit', '--repo', repo, '--write-baseline', baseline], capture())).toBe(0);
      expect(readFileSync(baseline, 'utf8')).toContain('kustomization-unapplied');
      const io = capture();
      expect(await main(['audit', '--repo', repo, '--baseline', baseline, '--format', 'json', '--fail-on', 'warning'], io)).toBe(0);
      expect(JSON.parse(io.stdout).findings).toEqual([]);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('with --changed-since, reports only findings in files changed since the revision', async () => {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    writeTree(repo, { 'apps/kustomization.yaml': 'resources: []\n' });
    const io = capture();
    await main(['audit', '--repo', repo, '--changed-since', 'HEAD', '--format', 'json'], io);
    const files = JSON.parse(io.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['apps/kustomization.yaml']);
    const bad = capture();
    expect(await main(['audit', '--repo', repo, '--changed-since', 'no-such-revision'], bad)).toBe(2);
    expect(bad.stderr).toContain('no-such-revision');
  });

  it('exits 2 naming the key of a bad kustodian.yaml', async () => {
    writeTree(repo, { 'kustodian.yaml': 'namespaces:\n  retird: [monitoring]\n' });
    const io = capture();
    expect(await main(['audit', '--repo', repo], io)).toBe(2);
    expect(io.stderr).toContain('kustodian.yaml:2');
    expect(io.stderr).toContain('retird');
  });

  it('exits 2 for a repository that does not exist, and for an unknown format', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', join(repo, 'nope')], io)).toBe(2);
    expect(io.stderr).toContain('nope');
    expect(await main(['audit', '--repo', repo, '--format', 'yaml'], capture())).toBe(2);
  });

  it('writes the report to --output atomically', async () => {
    const out = join(repo, 'report.sarif');
    expect(await main(['audit', '--repo', repo, '--format', 'sarif', '--output', out], capture())).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('never takes --changed-since for a git option', async () => {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    const target = join(repo, '..', `${repo.split('/').pop()}-pwned`);
    const io = capture();
    expect(await main(['audit', '--repo', repo, `--changed-since=--output=${target}`], io)).toBe(2);
    expect(() => readFileSync(target)).toThrow();
  });

  it('exits 2, without a stack trace, when --output or --write-baseline cannot be written', async () => {
    for (const flag of ['--output', '--write-baseline']) {
      const io = capture();
      expect(await main(['audit', '--repo', repo, flag, join(repo, 'no/such/folder/x.json')], io)).toBe(2);
      expect(io.stderr).toContain('cannot write');
      expect(io.stderr).not.toContain('    at ');
    }
  });

  it('exits 2 when a configuration named with --config does not exist', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--config', 'other.yaml'], io)).toBe(2);
    expect(io.stderr).toContain('other.yaml');
  });

  it('exits 2 for a folder with no manifests at all (a mistyped --repo is not a clean repository)', async () => {
    const empty = join(repo, 'docs-only');
    writeTree(empty, { 'README.md': '# notes\n' });
    const io = capture();
    expect(await main(['audit', '--repo', empty], io)).toBe(2);
    expect(io.stderr).toContain('no Kubernetes manifests');
  });
});

