/** What the CLI tests share: a captured Output, small repositories on disk, git. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Output } from '../src/output.js';

/** An Output that keeps what is written. */
export function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', color: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** The gotk-sync.yaml of `flux bootstrap` for clusters/prod. */
export const GOTK_SYNC = `apiVersion: kustomize.toolkit.fluxcd.io/v1
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

/** A bootstrapped clusters/prod and a platform/ kustomization that nothing applies (one kustomization-unapplied warning). */
export const SMALL_REPOSITORY: Readonly<Record<string, string>> = {
  'clusters/prod/flux-system/gotk-sync.yaml': GOTK_SYNC,
  'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n',
  'platform/kustomization.yaml': 'resources: []\n',
};

export function writeTree(root: string, tree: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@kustodian.invalid', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** Makes `dir` a git repository with everything in it committed; returns the commit. */
export function commitAll(dir: string): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  return git(dir, 'rev-parse', 'HEAD').trim();
}
