import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fluxRepositoryWithTwoCommits, kustodianBin, kustodianDocsBin, WORKSPACE } from './fixtures.js';

// .pre-commit-hooks.yaml against pre-commit's manifest schema (MANIFEST_HOOK_DICT
// in pre_commit/clientlib.py: required and optional keys, their types, languages,
// stages), then by pre-commit itself where it is installed.
const MANIFEST = join(WORKSPACE, '.pre-commit-hooks.yaml');
const hooks = parse(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown>[];
const cliPackage = JSON.parse(readFileSync(join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

/** pre-commit's languages: those of 3.x and those 4.x added (unsupported and unsupported_script replace system and script, which stay accepted). */
const LANGUAGES = [
  'conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl',
  'pygrep', 'python', 'r', 'ruby', 'rust', 'script', 'swift', 'system', 'unsupported', 'unsupported_script',
];
/** Stage names of pre-commit 3.x and their 4.x spellings. */
const STAGES = [
  'commit', 'merge-commit', 'push', 'pre-commit', 'pre-merge-commit', 'pre-push', 'prepare-commit-msg', 'commit-msg',
  'post-commit', 'manual', 'post-checkout', 'post-merge', 'post-rewrite', 'pre-rebase',
];
const STRINGS = ['id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'description', 'language_version', 'log_file', 'minimum_pre_commit_version'];
const STRING_ARRAYS = ['types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'stages'];
const BOOLEANS = ['always_run', 'fail_fast', 'pass_filenames', 'require_serial', 'verbose'];
const REQUIRED = ['id', 'name', 'entry', 'language'];

/** The problems pre-commit's manifest schema finds in a hook (regexes compiled as JavaScript, which agrees with Python's re on these). */
function manifestProblems(hook: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of REQUIRED) if (!(key in hook)) problems.push(`missing ${key}`);
  for (const [key, value] of Object.entries(hook)) {
    if (STRINGS.includes(key)) {
      if (typeof value !== 'string') problems.push(`${key} is not a string`);
    } else if (STRING_ARRAYS.includes(key)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) problems.push(`${key} is not a list of strings`);
    } else if (BOOLEANS.includes(key)) {
      if (typeof value !== 'boolean') problems.push(`${key} is not a boolean`);
    } else problems.push(`unexpected key ${key}`);
  }
  if (typeof hook['language'] === 'string' && !LANGUAGES.includes(hook['language'])) problems.push(`unknown language ${hook['language']}`);
  for (const key of ['files', 'exclude']) {
    if (typeof hook[key] !== 'string') continue;
    try {
      new RegExp(hook[key]);
    } catch {
      problems.push(`${key} is not a regular expression`);
    }
  }
  for (const stage of (hook['stages'] as unknown[] | undefined) ?? []) if (!STAGES.includes(stage as string)) problems.push(`unknown stage ${String(stage)}`);
  return problems;
}

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const havePreCommit = preCommit.status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-pre-commit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('.pre-commit-hooks.yaml', () => {
  it("is a list of hooks that pre-commit's manifest schema accepts, with unique ids", () => {
    expect(Array.isArray(hooks)).toBe(true);
    expect(hooks.map((h) => h['id'])).toEqual(['kustodian-audit', 'kustodian-docs-check']);
    for (const hook of hooks) expect(manifestProblems(hook), String(hook['id'])).toEqual([]);
  });

  it('the schema check rejects what pre-commit rejects', () => {
    expect(manifestProblems({ id: 'x', name: 'x', entry: 'x', language: 'nodejs' })).toEqual(['unknown language nodejs']);
    expect(manifestProblems({ id: 'x', name: 'x', language: 'node', pass_filenames: 'no', files: '(' })).toEqual([
      'missing entry',
      'pass_filenames is not a boolean',
      'files is not a regular expression',
    ]);
    expect(manifestProblems({ id: 'x', name: 'x', entry: 'x', language: 'node', file: 'x' })).toEqual(['unexpected key file']);
  });

  it('both hooks run once per commit (pass_filenames false), when a YAML, shell or Markdown file is staged', () => {
    for (const hook of hooks) {
      expect(hook['pass_filenames'], String(hook['id'])).toBe(false);
      const files = new RegExp(hook['files'] as string);
      for (const path of ['apps/web/deployment.yaml', 'clusters/home/flux.yml', 'scripts/restore.sh', 'SECRETS.md']) expect(files.test(path), path).toBe(true);
      for (const path of ['main.go', 'yaml.txt', 'README.md.orig']) expect(files.test(path), path).toBe(false);
    }
  });

  it('entries are commands of the kustodian package, which is installed at the version of this release', () => {
    expect(cliPackage.name).toBe('kustodian');
    for (const hook of hooks) {
      expect(hook['language']).toBe('node');
      expect(Object.keys(cliPackage.bin)).toContain((hook['entry'] as string).split(' ')[0]);
      expect(hook['additional_dependencies'], 'pre-commit packs the root package, which has no commands').toEqual([`kustodian@${cliPackage.version}`]);
    }
    expect(hooks.map((h) => `${h['entry']} ${(h['args'] as string[]).join(' ')}`)).toEqual(['kustodian audit --repo .', 'kustodian-docs check --repo .']);
  });

  it('the command lines the hooks run work in a repository: the audit fails on a finding, the docs check on stale docs and passes once generated', () => {
    const repo = join(scratch, 'repo');
    fluxRepositoryWithTwoCommits(repo);
    const bins: Record<string, string> = { kustodian: kustodianBin(), 'kustodian-docs': kustodianDocsBin() };
    const runHook = (hook: Record<string, unknown>, replace?: string) => {
      const [command, ...words] = (hook['entry'] as string).split(' ');
      const argv = [...words, ...(hook['args'] as string[])].map((w) => (replace && w === 'check' ? replace : w));
      return spawnSync(process.execPath, [bins[command!]!, ...argv], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    };
    const [audit, docs] = hooks;
    const audited = runHook(audit!);
    expect(audited.status).toBe(1);
    expect(audited.stdout).toContain('secret-undefined');
    expect(runHook(docs!).status).toBe(1);
    expect(runHook(docs!, 'generate').status).toBe(0);
    const checked = runHook(docs!);
    expect(checked.stderr + checked.stdout).not.toContain('stale');
    expect(checked.status).toBe(0);
  });

  it.skipIf(!havePreCommit)(`pre-commit validate-manifest accepts it and rejects a broken copy${havePreCommit ? '' : ' (skipped: pre-commit is not installed; apt-get install pre-commit)'}`, () => {
    const valid = spawnSync('pre-commit', ['validate-manifest', MANIFEST], { encoding: 'utf8', cwd: WORKSPACE });
    expect(valid.stdout + valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    const broken = join(scratch, 'broken-hooks.yaml');
    writeFileSync(broken, readFileSync(MANIFEST, 'utf8').replace('language: node', 'language: nodejs'));
    const invalid = spawnSync('pre-commit', ['validate-manifest', broken], { encoding: 'utf8', cwd: WORKSPACE });
    expect(invalid.status).not.toBe(0);
    expect(invalid.stdout + invalid.stderr).toContain('nodejs');
  });
});
