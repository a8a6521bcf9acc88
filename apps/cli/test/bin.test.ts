import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOTK_SYNC, SMALL_REPOSITORY, writeTree } from './fixtures.js';

// The built CLI as its package ships it (bin/ and the bundle in dist/bundle;
// the cli test target depends on the bundle), started the ways users start it: by a path with '#', '%', spaces and
// unicode, through npm's renamed bin link, through a symlinked folder, and
// with its output piped into `head`.
const CLI = resolve(import.meta.dirname, '..');
const WORKSPACE = resolve(CLI, '../..');
const BUILT = join(CLI, 'dist/bundle/kustodian.js');
const VERSION = (JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as { version: string }).version;

const scratch = mkdtempSync(join(tmpdir(), 'kustodian-bin-'));
/** A folder name with everything the old "am I main" check broke on. */
const awkward = join(scratch, 'ci #1 %41 ünïcødé space');
/** The package as npm installs it, in node_modules of that folder. */
const installed = join(awkward, 'node_modules/kustodian');
const renamedLink = join(awkward, 'node_modules/.bin/kustodian-renamed');
const linkedFolder = join(scratch, 'linked');
const repo = join(scratch, 'repo');

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build the CLI first (npx nx run cli:bundle; the cli:test target does it)`);
  // A copy, not a link: the module's own URL then holds '#' and '%'.
  mkdirSync(installed, { recursive: true });
  cpSync(join(CLI, 'dist/bundle'), join(installed, 'dist/bundle'), { recursive: true });
  cpSync(join(CLI, 'bin'), join(installed, 'bin'), { recursive: true });
  cpSync(join(CLI, 'package.json'), join(installed, 'package.json'));
  chmodSync(join(installed, 'bin/kustodian.js'), 0o755);
  const dependencies = Object.keys((JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const dep of dependencies) {
    mkdirSync(dirname(join(awkward, 'node_modules', dep)), { recursive: true });
    symlinkSync(realpathSync(join(WORKSPACE, 'node_modules', dep)), join(awkward, 'node_modules', dep));
  }
  // What npm writes for a bin, here under another name: a relative link to the program.
  mkdirSync(dirname(renamedLink), { recursive: true });
  symlinkSync('../kustodian/bin/kustodian.js', renamedLink);
  symlinkSync(awkward, linkedFolder);
  writeTree(repo, SMALL_REPOSITORY);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd = scratch): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const starts: readonly (readonly [string, (args: readonly string[], cwd?: string) => Run])[] = [
  ['by a path with #, %, spaces and unicode', (args, cwd) => run(process.execPath, [join(installed, 'bin/kustodian.js'), ...args], cwd)],
  ["through npm's bin link under another name, run as a program", (args, cwd) => run(renamedLink, args, cwd)],
  ['through a symlinked folder', (args, cwd) => run(process.execPath, [join(linkedFolder, 'node_modules/kustodian/bin/kustodian.js'), ...args], cwd)],
];

describe.each(starts)('the built kustodian started %s', (_how, kustodian) => {
  it('prints its version', () => {
    const { status, stdout, stderr } = kustodian(['--version']);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${VERSION}\n`);
    expect(status).toBe(0);
  });

  it('audits a repository: findings on stdout, what it read on stderr, the exit status of --fail-on', () => {
    const { status, stdout, stderr } = kustodian(['audit', '--repo', repo, '--fail-on', 'warning']);
    expect(stdout).toContain('kustomization-unapplied');
    expect(stdout).toContain('platform/kustomization.yaml');
    expect(stderr).toBe(`kustodian ${VERSION}: auditing ${repo} (entry points: clusters/prod)\n`);
    expect(status).toBe(1);
    expect(kustodian(['audit', '--repo', repo]).status).toBe(0);
  });

  it('audits the current directory when no repository is given', () => {
    const { status, stdout, stderr } = kustodian(['audit', '--format', 'json', '--fail-on', 'warning'], repo);
    expect((JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('kustomization-unapplied');
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  it('prints the model of the current directory when no repository is given', () => {
    const { status, stdout } = kustodian(['model', '--format', 'json'], repo);
    expect((JSON.parse(stdout) as { entryPoints: { path: string }[] }).entryPoints.map((e) => e.path)).toEqual(['clusters/prod']);
    expect(status).toBe(0);
  });

  it('refuses an unknown command with one line and exit 2', () => {
    const { status, stdout, stderr } = kustodian(['audti']);
    expect(stdout).toBe('');
    expect(stderr).toBe("kustodian: unknown command 'audti'; did you mean 'audit'? Run 'kustodian --help'.\n");
    expect(status).toBe(2);
  });
});

/** The built CLI with its stdout piped into `head -c 100`: its own exit status and stderr. */
function pipedIntoHead(args: readonly string[]): Promise<{ status: number | null; stderr: string; head: string }> {
  return new Promise((done, fail) => {
    const head = spawn('head', ['-c', '100'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const cli = spawn(process.execPath, [BUILT, ...args], { cwd: scratch, stdio: ['ignore', head.stdin, 'pipe'] });
    // Only head holds the pipe's read end and only the CLI its write end: when head exits, the CLI's writes fail with EPIPE.
    head.stdin.destroy();
    let stderr = '';
    let headOut = '';
    cli.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    head.stdout.setEncoding('utf8').on('data', (t: string) => (headOut += t));
    cli.on('error', fail);
    cli.on('close', (status) => done({ status, stderr, head: headOut }));
  });
}

describe('output piped into head', () => {
  const big = join(scratch, 'big');
  beforeAll(() => {
    // 600 kustomization files nothing applies: 600 findings, far more than a pipe's 64 KiB buffer as JSON.
    const tree: Record<string, string> = {
      'clusters/prod/flux-system/gotk-sync.yaml': GOTK_SYNC,
      'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n',
    };
    for (let i = 0; i < 600; i++) tree[`unapplied/app-${i}/kustomization.yaml`] = 'resources: []\n';
    writeTree(big, tree);
  });

  it.each([
    ['model --format json (exit 0)', ['model', '--repo', join(WORKSPACE, 'examples'), '--format', 'json']],
    ['audit --format json with findings (exit 1)', ['audit', '--repo', big, '--format', 'json', '--fail-on', 'warning']],
    ['audit --format json --fail-on never (exit 0)', ['audit', '--repo', big, '--format', 'json', '--fail-on', 'never']],
  ] as const)('%s ends quietly with the status of the run', async (_name, args) => {
    const whole = run(process.execPath, [BUILT, ...args]);
    expect(whole.stdout.length).toBeGreaterThan(64 * 1024);
    const piped = await pipedIntoHead(args);
    expect(piped.head).toBe(whole.stdout.slice(0, 100));
    expect(piped.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
    expect(piped.stderr).toBe(whole.stderr);
    expect(piped.status).toBe(whole.status);
  });
});
