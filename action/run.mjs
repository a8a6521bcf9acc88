#!/usr/bin/env node
// The Kustodian GitHub Action: install the CLI, audit once per output the job
// needs, and exit with the status of the gating run.
//
// Inputs come from the environment (action.yml maps each input explicitly):
//   INPUT_PATH          folder of the GitOps repository (default .)
//   INPUT_VERSION       CLI version, range or dist-tag to install; or a path to a
//                       packed kustodian-*.tgz; empty: the version of this checkout
//   INPUT_FAIL_ON       error | warning | info | never (default error)
//   INPUT_CHANGED_ONLY  auto | true | false (default auto: true when the event
//                       names a pull request or merge group base)
//   INPUT_BASE          revision to compare against; overrides the event's base
//   INPUT_SARIF         true | false: write SARIF for code scanning (default true)
//   INPUT_CATEGORY      code scanning category (default kustodian, or kustodian/<path>)
//   INPUT_SUMMARY       true | false: Markdown report into $GITHUB_STEP_SUMMARY (default true)
//   INPUT_CONFIG        configuration file, relative to the repository
//   KUSTODIAN_BIN       an installed kustodian (a .js file is run with this node):
//                       skips the installation
// and the runner's GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
//
// Runs of the CLI (it writes one format a run):
//   1. --format github to stdout, with --changed-since and --fail-on: the
//      annotations, and the exit status of the step;
//   2. --format sarif of the whole repository (code scanning compares complete
//      analyses; a partial one would show every other alert as fixed);
//   3. --format markdown with --changed-since, appended to the job summary.
// Exit status: that of run 1 (0 clean, 1 findings at or above fail-on), or 2 when
// the input is unusable or any run could not complete.

import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UNUSABLE = 2;
const CLI_TIMEOUT_MS = 30 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const windows = process.platform === 'win32';

/** Workflow command data, escaped as the runner expects. */
const escapeData = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

class Unusable extends Error {}

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function choice(name, allowed, fallback) {
  const value = input(name, fallback).toLowerCase();
  if (!allowed.includes(value)) throw new Unusable(`input ${name.toLowerCase().replace(/_/g, '-')}: '${value}' is not one of ${allowed.join(', ')}`);
  return value;
}

const flag = (name, fallback) => choice(name, ['true', 'false'], fallback) === 'true';

const outputs = new Map();

function writeOutputs() {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  let text = '';
  for (const [name, value] of outputs) {
    const delimiter = `kustodian_${Math.random().toString(36).slice(2)}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

/** The base revision the event names: the pull request's or the merge group's. */
function eventBase() {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return undefined;
  let event;
  try {
    event = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Unusable(`cannot read the event ${path}: ${error.message}`);
  }
  return event?.pull_request?.base?.sha ?? event?.merge_group?.base_sha ?? undefined;
}

function git(cwd, args) {
  return spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** The repository folder relative to the root of its git checkout ('' when it is the root), with '/'. */
function folderInCheckout(repo) {
  const top = git(repo, ['rev-parse', '--show-toplevel']);
  const root = top.status === 0 ? top.stdout.trim() : (process.env.GITHUB_WORKSPACE ?? process.cwd());
  const checkout = realpathSync(root);
  const rel = relative(checkout, realpathSync(repo));
  if (rel.startsWith('..') || isAbsolute(rel)) return { prefix: '', checkout };
  return { prefix: rel.split(sep).join('/'), checkout };
}

/** The kustodian to run: KUSTODIAN_BIN, or the package installed from the registry or a tarball. */
function installCli() {
  const given = process.env.KUSTODIAN_BIN?.trim();
  if (given) {
    if (!existsSync(given)) throw new Unusable(`KUSTODIAN_BIN ${given} does not exist`);
    return given;
  }
  const version = input('version') || JSON.parse(readFileSync(join(ACTION_ROOT, 'apps/cli/package.json'), 'utf8')).version;
  const isFile = /^(\.{0,2}[/\\]|file:|[A-Za-z]:[/\\])/.test(version) || version.endsWith('.tgz');
  const spec = isFile ? resolve(version.replace(/^file:/, '')) : `kustodian@${version}`;
  const prefix = join(process.env.RUNNER_TEMP || tmpdir(), 'kustodian-cli');
  console.log(`Installing ${spec}`);
  const result = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', spec], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: INSTALL_TIMEOUT_MS,
    shell: windows,
  });
  if (result.status !== 0) throw new Unusable(`npm install ${spec} failed${result.error ? `: ${result.error.message}` : ` (exit ${result.status})`}`);
  const bin = windows ? join(prefix, 'kustodian.cmd') : join(prefix, 'bin', 'kustodian');
  if (!existsSync(bin)) throw new Unusable(`${spec} installed no kustodian command (looked for ${bin})`);
  return bin;
}

function runCli(bin, args, stdout) {
  const script = /\.[cm]?js$/.test(bin);
  const [command, argv] = script ? [process.execPath, [bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    stdio: ['ignore', stdout, 'inherit'],
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    shell: windows && !script,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.error) console.log(`::error::kustodian did not run: ${escapeData(result.error.message)}`);
  return { status: result.status ?? UNUSABLE, stdout: result.stdout ?? '' };
}

/** Annotation paths relative to the checkout: `file=` of each workflow command gets the folder in front. */
function prefixAnnotations(text, prefix) {
  if (!prefix) return text;
  return text.replace(/^(::[a-z]+ file=)/gm, `$1${escapeProperty(`${prefix}/`)}`);
}

/** SARIF locations relative to the checkout, which is what code scanning resolves them against. */
function prefixSarif(text, prefix) {
  if (!prefix) return text;
  const uriPrefix = `${prefix.split('/').map(encodeURIComponent).join('/')}/`;
  const log = JSON.parse(text);
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const location = node.artifactLocation;
      if (location && typeof location.uri === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(location.uri)) location.uri = uriPrefix + location.uri;
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(log.runs);
  return `${JSON.stringify(log, null, 2)}\n`;
}

function main() {
  const path = input('path', '.');
  const repo = resolve(path);
  const failOn = choice('fail_on', ['error', 'warning', 'info', 'never'], 'error');
  const changedOnly = choice('changed_only', ['auto', 'true', 'false'], 'auto');
  const sarif = flag('sarif', 'true');
  const summary = flag('summary', 'true');
  const config = input('config');

  let base;
  if (changedOnly !== 'false') {
    base = input('base') || eventBase();
    if (base === undefined && changedOnly === 'true') console.log('::notice::changed-only: this event names no pull request base (and no base input is set); auditing every file');
  }

  const repoExists = existsSync(repo) && statSync(repo).isDirectory();
  if (base !== undefined && repoExists && git(repo, ['cat-file', '-e', `${base}^{commit}`]).status !== 0) {
    throw new Unusable(`the base revision ${base} is not in the checkout of ${path}: check out with fetch-depth: 0 (actions/checkout), or set changed-only: false`);
  }
  const { prefix, checkout } = repoExists ? folderInCheckout(repo) : { prefix: '', checkout: repo };
  const bin = installCli();

  const common = ['audit', '--repo', repo, ...(config ? ['--config', config] : [])];
  const changed = base !== undefined ? ['--changed-since', base] : [];
  const work = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'kustodian-'));
  outputs.set('changed-since', base ?? '');

  // 1. Annotations, and the status of the step.
  const gate = runCli(bin, [...common, ...changed, '--format', 'github', '--fail-on', failOn], 'pipe');
  process.stdout.write(prefixAnnotations(gate.stdout, prefix));
  outputs.set('exit-code', String(gate.status));
  if (gate.status !== 0 && gate.status !== 1) {
    if (summary && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `## Kustodian audit\n\nKustodian could not audit \`${path}\` (exit ${gate.status}); the log of this step says why.\n`);
    return UNUSABLE;
  }
  let status = gate.status;

  // 2. SARIF of the whole repository, for code scanning.
  if (sarif) {
    const file = join(work, 'kustodian.sarif');
    const run = runCli(bin, [...common, '--format', 'sarif', '--output', file, '--fail-on', 'never'], 'inherit');
    if (run.status !== 0 || !existsSync(file)) {
      console.log(`::error::kustodian audit --format sarif exited ${run.status}`);
      status = UNUSABLE;
    } else {
      writeFileSync(file, prefixSarif(readFileSync(file, 'utf8'), prefix));
      outputs.set('sarif-file', file);
      outputs.set('sarif-category', input('category') || (prefix ? `kustodian/${prefix}` : 'kustodian'));
      outputs.set('checkout-path', checkout);
    }
  }

  // 3. The Markdown report, into the job summary.
  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    const file = join(work, 'kustodian.md');
    const run = runCli(bin, [...common, ...changed, '--format', 'markdown', '--output', file, '--fail-on', 'never'], 'inherit');
    if (run.status !== 0 || !existsSync(file)) {
      console.log(`::error::kustodian audit --format markdown exited ${run.status}`);
      status = UNUSABLE;
    } else {
      const scope = base !== undefined ? `\n_Findings in files changed since \`${base.slice(0, 12)}\` only; code scanning has the whole repository._\n` : '';
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${readFileSync(file, 'utf8')}${scope}\n`);
    }
  }
  return status;
}

let code;
try {
  code = main();
} catch (error) {
  // A crash must not pass for "findings" (1): it is unusable input or a bug, 2 either way.
  const message = error instanceof Unusable ? error.message : `internal error: ${error?.stack ?? error}`;
  console.log(`::error title=kustodian::${escapeData(message)}`);
  code = UNUSABLE;
}
if (!outputs.has('exit-code')) outputs.set('exit-code', String(code));
writeOutputs();
process.exitCode = code;
