import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_FORMATS } from '@kustodian/audit';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../command-table.js';
import { capture } from '../../test/fixtures.js';
import { main } from '../cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'kustodian-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function script(shell: string): Promise<string> {
  const io = capture();
  expect(await main(['completion', shell], io)).toBe(0);
  expect(io.stderr).toBe('');
  const file = join(scratch, `kustodian.${shell}`);
  writeFileSync(file, io.stdout);
  return file;
}

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

/** Runs `body` in a shell; stdout, and fails the test with stderr when the shell fails. */
function sh(shell: string, args: readonly string[]): string {
  const result = spawnSync(shell, args, { encoding: 'utf8', timeout: 30_000 });
  expect(result.stderr, `${shell} stderr`).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** What bash's completion offers for the words (the last one being completed), as `_kustodian` sets COMPREPLY. */
async function bashCompletes(...words: string[]): Promise<string[]> {
  const file = await script('bash');
  const body = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _kustodian; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return sh('bash', ['-c', body, 'bash', file, ...words])
    .split('\n')
    .filter((l) => l !== '');
}

describe('kustodian completion bash', () => {
  it('prints a script that bash parses', async () => {
    const file = await script('bash');
    expect(sh('bash', ['-n', file])).toBe('');
  });

  it('completes commands, subcommands and options', async () => {
    expect(await bashCompletes('kustodian', 'au')).toEqual(['audit']);
    expect(await bashCompletes('kustodian', '')).toEqual(COMMANDS.map((c) => c.name));
    expect(await bashCompletes('kustodian', 'secrets', 'l')).toEqual(['list']);
    expect(await bashCompletes('kustodian', 'docs', '')).toEqual(['generate', 'check']);
    expect(await bashCompletes('kustodian', 'audit', '--fo')).toEqual(['--format']);
    expect(await bashCompletes('kustodian', 'secrets', 'list', '--f')).toEqual(['--format']);
    expect(await bashCompletes('kustodian', '--v')).toEqual(['--version']);
  });

  it('completes option values: formats, levels, rule ids, shells; after an option and its value too', async () => {
    expect(await bashCompletes('kustodian', 'audit', '--format', '')).toEqual([...REPORT_FORMATS]);
    expect(await bashCompletes('kustodian', 'audit', '--repo', 'x', '--fail-on', 'w')).toEqual(['warning']);
    expect(await bashCompletes('kustodian', 'audit', '--skip-rule', 'secret-und')).toEqual(['secret-undefined']);
    expect(await bashCompletes('kustodian', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    // bash splits --format=js at '=' into three words.
    expect(await bashCompletes('kustodian', 'audit', '--format', '=', 'js')).toEqual(['json']);
    // A value that happens to be a command name is not taken for one.
    expect(await bashCompletes('kustodian', 'audit', '--config', 'model', '--fo')).toEqual(['--format']);
  });

  it('completes folders for a folder argument', async () => {
    const file = await script('bash');
    const dir = join(scratch, 'tree');
    spawnSync('mkdir', ['-p', join(dir, 'clusters'), join(dir, 'charts')]);
    writeFileSync(join(dir, 'cluster-notes.txt'), '');
    const body = `source "$1"; cd "$2"; COMP_WORDS=(kustodian audit --repo cl); COMP_CWORD=3; COMPREPLY=(); _kustodian; printf '%s\\n' "\${COMPREPLY[@]}"`;
    expect(sh('bash', ['-c', body, 'bash', file, dir]).split('\n').filter(Boolean)).toEqual(['clusters']);
  });
});

describe.skipIf(!installed('zsh'))(`kustodian completion zsh${installed('zsh') ? '' : ' (skipped: zsh is not installed)'}`, () => {
  it('prints a script that zsh parses', async () => {
    expect(sh('zsh', ['-n', await script('zsh')])).toBe('');
  });

  it('hands compadd the candidates (compadd filters them by the prefix) and _files the file and folder arguments; stubbed, outside a completion widget', async () => {
    const file = await script('zsh');
    const body = `compdef() { :; }; source "$1"; shift; compadd() { shift; print -r -- "\${(P)1}"; }; compset() { :; }; _files() { print -r -- "_files $*"; }; words=("$@"); CURRENT=\${#words}; _kustodian`;
    const zsh = (...words: string[]) => sh('zsh', ['-f', '-c', body, 'zsh', file, ...words]).trim();
    expect(zsh('kustodian', 'au')).toBe(COMMANDS.map((c) => c.name).join(' '));
    expect(zsh('kustodian', 'audit', '--format=js')).toBe(REPORT_FORMATS.join(' '));
    expect(zsh('kustodian', 'audit', '--fail-on', '')).toBe('error warning info never');
    expect(zsh('kustodian', 'audit', '')).toBe('_files -/');
    expect(zsh('kustodian', 'secrets', 'decrypt', '')).toBe('_files');
  });
});

describe.skipIf(!installed('fish'))(`kustodian completion fish${installed('fish') ? '' : ' (skipped: fish is not installed)'}`, () => {
  it('prints a script that fish parses', async () => {
    expect(sh('fish', ['-n', await script('fish')])).toBe('');
  });

  it('completes commands, subcommands, options and values (complete -C)', async () => {
    const file = await script('fish');
    const fish = (line: string) =>
      sh('fish', ['--no-config', '-c', `source $argv[1]; complete -C $argv[2]`, file, line])
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(fish('kustodian au')).toEqual(['audit']);
    expect(fish('kustodian secrets l')).toEqual(['list']);
    expect(fish('kustodian audit --repo x --fo')).toEqual(['--format']);
    expect(fish('kustodian audit --fail-on w')).toEqual(['warning']);
  });
});

describe('kustodian completion', () => {
  it('refuses an unknown shell, or none, with exit 2', async () => {
    const io = capture();
    expect(await main(['completion', 'tcsh'], io)).toBe(2);
    expect(io.stderr).toBe("kustodian completion: unknown shell 'tcsh'; use one of bash, zsh, fish\n");
    expect(await main(['completion'], io)).toBe(2);
  });
});
