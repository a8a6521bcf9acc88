import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What `npm publish` would ship, installed the way a user installs it: the
// packed tarballs of every published package, into an empty folder, with
// their dependencies from the registry. Needs the libraries built (the cli
// test target depends on the build of everything it uses).
const WORKSPACE = resolve(import.meta.dirname, '../../..');
const PUBLISHED = ['packages/core', 'packages/sops', 'packages/manifest-model', 'packages/audit', 'packages/docs', 'apps/cli'];
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-pack-'));
const tarballs = join(scratch, 'tarballs');
const project = join(scratch, 'user project');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

interface PackEntry {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

let packed: PackEntry[] = [];

beforeAll(() => {
  mkdirSync(tarballs);
  mkdirSync(project);
  packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tarballs, ...PUBLISHED.flatMap((p) => ['-w', p])], WORKSPACE)) as PackEntry[];
  writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
  npm(['install', '--prefer-offline', '--no-save', ...packed.map((p) => join(tarballs, p.filename))], project);
}, 300_000);

function run(bin: string, args: string[], cwd = project) {
  const result = spawnSync(join(project, 'node_modules/.bin', bin), args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the packed packages install into an empty folder and run', () => {
  it('every published package ships its built dist/, its types, LICENSE and README, and no sources or tests', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(['@kustodian/audit', '@kustodian/core', '@kustodian/docs', '@kustodian/manifest-model', '@kustodian/sops', 'kustodian']);
    for (const p of packed) {
      const paths = p.files.map((f) => f.path);
      expect(paths, p.name).toContain('LICENSE');
      expect(paths, p.name).toContain('package.json');
      expect(paths.some((f) => f.startsWith('dist/') && f.endsWith('.js')), p.name).toBe(true);
      expect(paths.some((f) => f.startsWith('dist/') && f.endsWith('.d.ts')), p.name).toBe(true);
      expect(paths.filter((f) => f.startsWith('src/') || f.includes('.test.') || f.endsWith('.tsbuildinfo')), p.name).toEqual([]);
    }
  });

  it('kustodian --version prints the version of the package', () => {
    const version = (JSON.parse(readFileSync(join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
    const { code, out } = run('kustodian', ['--version']);
    expect(out.trim()).toContain(version);
    expect(code).toBe(0);
  });

  it('kustodian audit audits the repository it is run in, and kustodian-docs checks its docs', () => {
    const repo = join(scratch, 'repo');
    cpSync(join(WORKSPACE, 'examples'), repo, { recursive: true });
    const audit = run('kustodian', ['audit', '--format', 'json'], repo);
    expect(audit.code).toBe(1);
    const report = JSON.parse(audit.out) as { findings: unknown[] };
    expect(report.findings.length).toBeGreaterThan(0);
    const docs = run('kustodian-docs', ['check'], repo);
    expect(docs.err).toBe('');
    expect(docs.out).toMatch(/docs files are up to date/);
    expect(docs.code).toBe(0);
  });

  it('the libraries install beside it, each on its own', () => {
    const scoped = readdirSync(join(project, 'node_modules/@kustodian')).sort();
    expect(scoped).toEqual(['audit', 'core', 'docs', 'manifest-model', 'sops']);
  });
});

describe('the kustodian tarball alone runs through npx, as `npx kustodian` does', () => {
  it('declares no @kustodian/* dependency: the libraries are bundled into it', () => {
    const manifest = JSON.parse(readFileSync(join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@kustodian/'))).toEqual([]);
    const cli = packed.find((p) => p.name === 'kustodian');
    expect(cli?.files.map((f) => f.path)).toContain('dist/bundle/kustodian.js');
  });

  it('bundles its third-party packages too, with their licenses: it depends on ajv alone (loaded to compile a schema the build did not)', () => {
    const manifest = JSON.parse(readFileSync(join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['ajv']);
    const cli = packed.find((p) => p.name === 'kustodian');
    expect(cli?.files.map((f) => f.path)).toContain('dist/bundle/THIRD-PARTY-LICENSES.txt');
    const notices = readFileSync(join(WORKSPACE, 'apps/cli/dist/bundle/THIRD-PARTY-LICENSES.txt'), 'utf8');
    const bundled = Object.keys(manifest.devDependencies ?? {}).filter((d) => !d.startsWith('@kustodian/') && d !== 'tslib');
    for (const name of bundled) expect(notices, name).toMatch(new RegExp(`^${name.replace('/', '\\/')}@\\d`, 'm'));
    // The bundle imports no package at start-up: every import of the entry chunks is a Node built-in or another chunk.
    const bundleDir = join(WORKSPACE, 'apps/cli/dist/bundle');
    let seen = 0;
    for (const file of readdirSync(bundleDir).filter((f) => f.endsWith('.js') || f.endsWith('.cjs'))) {
      const text = readFileSync(join(bundleDir, file), 'utf8');
      const imports = [
        ...text.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm),
        ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      seen += imports.length;
      // ajv is required where a schema is compiled at run time (load-config.ts), never at start-up.
      expect(imports.filter((i) => !i.startsWith('node:') && !builtinModules.includes(i) && !i.startsWith('./') && i !== 'ajv'), file).toEqual([]);
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('npx ./kustodian-<version>.tgz audit audits a repository from an empty folder', () => {
    const cli = packed.find((p) => p.name === 'kustodian');
    if (!cli) throw new Error('kustodian was not packed');
    const empty = join(scratch, 'empty folder');
    const repo = join(scratch, 'npx repo');
    mkdirSync(empty);
    cpSync(join(WORKSPACE, 'examples'), repo, { recursive: true });
    cpSync(join(tarballs, cli.filename), join(empty, cli.filename));
    const result = spawnSync('npx', ['--yes', `./${cli.filename}`, 'audit', '--repo', repo, '--format', 'json'], {
      cwd: empty,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_prefer_offline: 'true' },
    });
    const report = JSON.parse(result.stdout) as { run: { repository: string }; findings: unknown[] };
    expect(report.run.repository).toBe(repo);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(result.status).toBe(1);
  }, 300_000);
});
