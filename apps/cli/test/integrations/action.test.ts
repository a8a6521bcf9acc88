import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fluxRepositoryWithTwoCommits, kustodianBin, WORKSPACE } from './fixtures.js';

// The GitHub Action's script, run for real the way the runner runs it: inputs
// as INPUT_* variables, the event, output and summary files of a runner, in a
// git repository whose head commit adds a defect to a base commit that has one.
const SCRIPT = join(WORKSPACE, 'action/run.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The job summary, '' when nothing was written. */
  readonly summary: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly runnerTemp: string;
}

let runs = 0;

/** The environment of the test run without anything a real runner might have set. */
function cleanEnvironment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|KUSTODIAN_)/.test(e[0])));
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([^\n<]+)<<([^\n]+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return outputs;
}

function runAction(workspace: string, inputs: Record<string, string>, options: { event?: unknown; env?: Record<string, string>; bin?: string | null } = {}): ActionRun {
  const dir = join(scratch, `run-${++runs}`);
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    ...cleanEnvironment(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runnerTemp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/-/g, '_').toUpperCase()}`, v])),
    ...(options.bin === null ? {} : { KUSTODIAN_BIN: options.bin ?? kustodianBin() }),
    ...options.env,
  };
  const result = spawnSync(process.execPath, [SCRIPT], { cwd: workspace, env, encoding: 'utf8', timeout: 240_000 });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    summary: readFileSync(files.summary, 'utf8'),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    runnerTemp,
  };
}

/** The files of the `::error`/`::warning`/`::notice` annotations, unescaped. */
function annotatedFiles(stdout: string): string[] {
  return [...stdout.matchAll(/^::(?:error|warning|notice) file=([^,]*),/gm)].map((m) => decodeURIComponent(m[1]!));
}

function sarifUris(path: string): string[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  return log.runs.flatMap((r) => r.results.flatMap((res) => res.locations.map((l) => l.physicalLocation.artifactLocation.uri)));
}

const pullRequest = (base: string) => ({ pull_request: { number: 7, base: { sha: base }, head: { repo: { fork: false } } } });

describe('the action on a pull request (changed-only by default)', () => {
  const root = join(scratch, 'pr');
  let base = '';
  let run: ActionRun;
  beforeAll(() => {
    base = fluxRepositoryWithTwoCommits(root).base;
    run = runAction(root, { 'fail-on': 'error' }, { event: pullRequest(base) });
  });

  it('exits 1: the changed file has an error finding and fail-on is error', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(1);
    expect(run.outputs['exit-code']).toBe('1');
  });

  it('annotates only the finding in the file the pull request changed', () => {
    expect(annotatedFiles(run.stdout)).toEqual(['apps/shop/deployment.yaml']);
    expect(run.stdout).toMatch(/^::error file=apps\/shop\/deployment\.yaml,line=\d+,col=\d+,title=kustodian secret-undefined::.*shop-token/m);
    expect(run.outputs['changed-since']).toBe(base);
  });

  it('writes the Markdown report of the changed files to the job summary', () => {
    expect(run.summary).toMatch(/^## Kustodian audit\n/);
    expect(run.summary).toContain('| Severity | Findings |');
    expect(run.summary).toContain('<code>apps/shop/deployment.yaml</code>');
    expect(run.summary).not.toContain('apps/web/');
    expect(run.summary).toContain(`changed since \`${base.slice(0, 12)}\``);
  });

  it('writes SARIF 2.1.0 of the whole repository for code scanning, with its category and checkout', () => {
    const file = run.outputs['sarif-file']!;
    expect(file.startsWith(run.runnerTemp)).toBe(true);
    const log = JSON.parse(readFileSync(file, 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver.name).toBe('kustodian');
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['secret-undefined', 'secret-undefined']);
    expect(sarifUris(file).sort()).toEqual(['apps/shop/deployment.yaml', 'apps/web/deployment.yaml']);
    expect(run.outputs['sarif-category']).toBe('kustodian');
    expect(run.outputs['checkout-path']).toBe(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).trim());
  });
});

describe('the action: exit status and inputs', () => {
  const root = join(scratch, 'inputs');
  let base = '';
  beforeAll(() => {
    base = fluxRepositoryWithTwoCommits(root).base;
  });

  it('fail-on never exits 0 and still reports the finding', () => {
    const run = runAction(root, { 'fail-on': 'never' }, { event: pullRequest(base) });
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    expect(annotatedFiles(run.stdout)).toEqual(['apps/shop/deployment.yaml']);
    expect(run.summary).toContain('apps/shop/deployment.yaml');
  });

  it('changed-only false reports the finding of the base commit too', () => {
    const run = runAction(root, { 'changed-only': 'false' }, { event: pullRequest(base) });
    expect(run.status).toBe(1);
    expect(annotatedFiles(run.stdout).sort()).toEqual(['apps/shop/deployment.yaml', 'apps/web/deployment.yaml']);
    expect(run.summary).toContain('apps/web/deployment.yaml');
    expect(run.summary).not.toContain('changed since');
    expect(run.outputs['changed-since']).toBe('');
  });

  it('an event without a pull request (push) audits every file', () => {
    const run = runAction(root, {}, { event: { ref: 'refs/heads/main' } });
    expect(run.status).toBe(1);
    expect(annotatedFiles(run.stdout).sort()).toEqual(['apps/shop/deployment.yaml', 'apps/web/deployment.yaml']);
  });

  it('the base input takes the place of the event base', () => {
    const run = runAction(root, { base }, { event: { ref: 'refs/heads/main' } });
    expect(run.outputs['changed-since']).toBe(base);
    expect(annotatedFiles(run.stdout)).toEqual(['apps/shop/deployment.yaml']);
  });

  it('a path that is not a repository exits 2, whatever fail-on says, and the summary says it could not audit', () => {
    const run = runAction(root, { path: 'no-such-folder', 'fail-on': 'never' }, { event: pullRequest(base) });
    expect(run.status).toBe(2);
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.stderr).toContain('no-such-folder');
    expect(run.summary).toContain('Kustodian could not audit `no-such-folder` (exit 2)');
    expect(run.outputs['sarif-file']).toBeUndefined();
  });

  it('a base commit the checkout does not have exits 2 and says to fetch the history', () => {
    const run = runAction(root, {}, { event: pullRequest('0123456789abcdef0123456789abcdef01234567') });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error title=kustodian::the base revision 0123456789abcdef0123456789abcdef01234567 is not in the checkout .*fetch-depth: 0/m);
  });

  it('an unknown fail-on or changed-only value exits 2', () => {
    expect(runAction(root, { 'fail-on': 'fatal' }).status).toBe(2);
    const run = runAction(root, { 'changed-only': 'yes' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("input changed-only: 'yes' is not one of auto, true, false");
  });

  it('sarif false and summary false write neither', () => {
    const run = runAction(root, { sarif: 'false', summary: 'false' }, { event: pullRequest(base) });
    expect(run.status).toBe(1);
    expect(run.summary).toBe('');
    expect(run.outputs['sarif-file']).toBeUndefined();
  });
});

describe('the action on a repository in a subfolder of the checkout', () => {
  const root = join(scratch, 'subfolder');
  let run: ActionRun;
  beforeAll(() => {
    const { base } = fluxRepositoryWithTwoCommits(root, 'cluster');
    run = runAction(root, { path: 'cluster' }, { event: pullRequest(base) });
  });

  it('annotations and SARIF locations are relative to the checkout, where GitHub resolves them', () => {
    expect(run.status).toBe(1);
    expect(annotatedFiles(run.stdout)).toEqual(['cluster/apps/shop/deployment.yaml']);
    expect(sarifUris(run.outputs['sarif-file']!).sort()).toEqual(['cluster/apps/shop/deployment.yaml', 'cluster/apps/web/deployment.yaml']);
  });

  it('the code scanning category names the folder', () => {
    expect(run.outputs['sarif-category']).toBe('kustodian/cluster');
  });
});

describe('the action installs the CLI with npm', () => {
  const root = join(scratch, 'install');
  let base = '';
  beforeAll(() => {
    base = fluxRepositoryWithTwoCommits(root).base;
  });

  // npm without the registry: a fresh cache, offline.
  const offline = () => ({ npm_config_cache: mkdtempSync(join(scratch, 'npm-cache-')), npm_config_offline: 'true', npm_config_update_notifier: 'false' });

  it('from a packed tarball given as version, then runs the installed kustodian command', () => {
    // A package named kustodian whose command runs the build of this checkout.
    const pkg = join(scratch, 'fake-package');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'kustodian', version: '0.0.0-test', bin: { kustodian: 'kustodian.cjs' } }));
    writeFileSync(
      join(pkg, 'kustodian.cjs'),
      `#!/usr/bin/env node\nconst r = require('node:child_process').spawnSync(process.execPath, [${JSON.stringify(kustodianBin())}, ...process.argv.slice(2)], { stdio: 'inherit' });\nprocess.exitCode = r.status ?? 2;\n`,
    );
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: pkg, encoding: 'utf8', env: { ...process.env, ...offline() } }).trim();
    const run = runAction(root, { version: join(scratch, tarball) }, { event: pullRequest(base), bin: null, env: offline() });
    expect(run.stderr).toBe('');
    expect(existsSync(join(run.runnerTemp, 'kustodian-cli/bin/kustodian'))).toBe(true);
    expect(run.status).toBe(1);
    expect(annotatedFiles(run.stdout)).toEqual(['apps/shop/deployment.yaml']);
  });

  it("without a version, installs kustodian at the version of this checkout's CLI (offline the install fails, naming it, exit 2)", () => {
    const version = (JSON.parse(readFileSync(join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
    const run = runAction(root, {}, { bin: null, env: offline() });
    expect(run.stdout).toContain(`Installing kustodian@${version}`);
    expect(run.stdout).toContain(`::error title=kustodian::npm install kustodian@${version} failed`);
    expect(run.status).toBe(2);
  });
});

describe('action.yml', () => {
  const text = readFileSync(join(WORKSPACE, 'action.yml'), 'utf8');
  const action = parse(text) as {
    name: string;
    description: string;
    branding: { icon: string; color: string };
    inputs: Record<string, { description: string; default?: unknown; required?: boolean }>;
    outputs: Record<string, { description: string; value: string }>;
    runs: { using: string; steps: { id?: string; run?: string; shell?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string>; if?: string }[] };
  };
  const script = readFileSync(SCRIPT, 'utf8');

  it('has a name, a description and branding (a Feather icon name and one of the allowed colours)', () => {
    expect(action.name).toMatch(/\S/);
    expect(action.description).toMatch(/\S/);
    expect(action.branding.icon).toMatch(/^[a-z0-9-]+$/);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(action.branding.color);
  });

  it('every input has a description and a string default; every output a description and a value', () => {
    expect(Object.keys(action.inputs)).toEqual(['path', 'version', 'fail-on', 'changed-only', 'base', 'sarif', 'category', 'summary', 'config']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(typeof input.default, name).toBe('string');
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toMatch(/\S/);
      expect(output.value, name).toMatch(/^\$\{\{ steps\.[a-z-]+\.outputs\.[a-z-]+ \}\}$/);
    }
  });

  it('is a composite action whose run steps all name a shell and take no expression inside the script', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      expect(step.run === undefined ? 0 : 1, JSON.stringify(step)).not.toBe(step.uses === undefined ? 0 : 1);
      if (step.run !== undefined) {
        expect(step.shell, step.run).toBeTruthy();
        expect(step.run, 'inputs reach scripts through env, never interpolated').not.toContain('${{');
      }
    }
  });

  it('uses only inputs it declares, and maps every input to the INPUT_ variable the script reads', () => {
    const used = [...text.matchAll(/\$\{\{[^}]*?\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(action.inputs), name).toContain(name);
    const env = action.runs.steps.find((s) => s.id === 'audit')!.env!;
    for (const name of Object.keys(action.inputs)) expect(env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`], name).toBe(`\${{ inputs.${name} }}`);
    const read = [...script.matchAll(/\b(?:input|choice|flag)\('([a-z_]+)'/g)].map((m) => m[1]!.replace(/_/g, '-'));
    expect([...new Set(read)].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('runs action/run.mjs and reads only step outputs that the script writes', () => {
    const audit = action.runs.steps.find((s) => s.id === 'audit')!;
    expect(audit.run).toBe('node "$GITHUB_ACTION_PATH/action/run.mjs"');
    const written = new Set([...script.matchAll(/outputs\.set\('([a-z-]+)'/g)].map((m) => m[1]!));
    const read = [...text.matchAll(/steps\.([a-z-]+)\.outputs\.([a-z-]+)/g)];
    expect(read.length).toBeGreaterThan(0);
    for (const [, id, name] of read) {
      expect(id).toBe('audit');
      expect([...written], name).toContain(name);
    }
  });

  it('uploads the SARIF file with upload-sarif v3 and a category, also after the audit step failed', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with).toMatchObject({ sarif_file: '${{ steps.audit.outputs.sarif-file }}', category: '${{ steps.audit.outputs.sarif-category }}' });
    expect(upload.if).toContain('!cancelled()');
  });
});
