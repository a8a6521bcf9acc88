import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const WORKSPACE = resolve(import.meta.dirname, '../../../..');

/** The first of `candidates` (paths in the workspace) that exists; `override` (an environment variable) wins. */
function built(override: string, candidates: readonly string[]): string {
  const given = process.env[override];
  if (given) return given;
  const paths = candidates.map((p) => join(WORKSPACE, p));
  const found = paths.find((p) => existsSync(p));
  if (!found) throw new Error(`not built (${paths.join(', ')}): run npx nx run cli:build, or set ${override}`);
  return found;
}

/** The built kustodian: KUSTODIAN_BIN, else dist/bin.js (the entry point that always runs). */
export const kustodianBin = (): string => built('KUSTODIAN_BIN', ['apps/cli/dist/bin.js']);

/** The built kustodian-docs: KUSTODIAN_DOCS_BIN, else the CLI package's second command. */
export const kustodianDocsBin = (): string => built('KUSTODIAN_DOCS_BIN', ['apps/cli/dist/docs-bin.js']);

export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();
}

const fluxKustomization = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

/** An app folder whose Deployment reads a Secret that nothing defines (secret-undefined, an error). */
export function appWithUndefinedSecret(name: string, secret: string): Record<string, string> {
  return {
    [`apps/${name}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${name}
resources:
  - namespace.yaml
  - deployment.yaml
`,
    [`apps/${name}/namespace.yaml`]: `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`,
    [`apps/${name}/deployment.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: nginx
          envFrom:
            - secretRef:
                name: ${secret}
`,
  };
}

const appsKustomization = (apps: readonly string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
${apps.map((a) => `  - ${a}`).join('\n')}
`;

/**
 * A git repository holding a Flux repository in `folder` ('' for the root):
 * the base commit has app `web` reading the undefined Secret `web-credentials`;
 * the head commit adds app `shop` reading the undefined Secret `shop-token`.
 */
export function fluxRepositoryWithTwoCommits(root: string, folder = ''): { base: string; head: string; repo: string } {
  const repo = folder ? join(root, folder) : root;
  mkdirSync(repo, { recursive: true });
  git(root, 'init', '--quiet', '--initial-branch=main');
  writeFiles(repo, { 'clusters/home/apps.yaml': fluxKustomization, 'apps/kustomization.yaml': appsKustomization(['web']), ...appWithUndefinedSecret('web', 'web-credentials') });
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', 'base: web');
  const base = git(root, 'rev-parse', 'HEAD');
  writeFiles(repo, { 'apps/kustomization.yaml': appsKustomization(['web', 'shop']), ...appWithUndefinedSecret('shop', 'shop-token') });
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', 'head: shop');
  return { base, head: git(root, 'rev-parse', 'HEAD'), repo };
}
