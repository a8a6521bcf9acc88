import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPORT_FORMATS } from '@kustodian/audit';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './command-table.js';
import { capture } from '../test/fixtures.js';
import { main } from './cli.js';

async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = capture();
  const status = await main(argv, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

const VERSION = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-main-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('kustodian', () => {
  it('--version and version print the version of the package, alone', async () => {
    expect(await run('--version')).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(await run('version')).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('--help lists every command that runs and says the repository is the current directory', async () => {
    const { status, stdout } = await run('--help');
    expect(status).toBe(0);
    for (const c of COMMANDS.filter((c) => c.run)) expect(stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    expect(stdout).toContain('current directory');
    expect(stdout).not.toContain('examples');
  });

  it('with no command prints the help on stderr and exits 2', async () => {
    const { status, stdout, stderr } = await run();
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: kustodian <command>');
  });

  it('help COMMAND prints the help of the command', async () => {
    expect((await run('help', 'audit')).stdout).toBe((await run('audit', '--help')).stdout);
  });

  it('refuses an unknown command in one line, with the nearest command, exit 2', async () => {
    expect(await run('audti')).toEqual({ status: 2, stdout: '', stderr: "kustodian: unknown command 'audti'; did you mean 'audit'? Run 'kustodian --help'.\n" });
    expect(await run('xyzzy')).toEqual({ status: 2, stdout: '', stderr: "kustodian: unknown command 'xyzzy'. Run 'kustodian --help'.\n" });
    expect((await run('secrets', 'lst')).stderr).toBe("kustodian secrets: unknown subcommand 'lst'; did you mean 'list'? Run 'kustodian secrets --help'.\n");
    expect((await run('--verison')).stderr).toBe('kustodian: unknown option --verison; did you mean --version?\n');
  });
});

describe('options of every command', () => {
  it('an unknown option is one line with the nearest option, exit 2, and never parseArgs text', async () => {
    const cases = [
      [['audit', '--formt', 'json'], 'kustodian audit: unknown option --formt; did you mean --format?'],
      [['model', '--rpeo', '.'], 'kustodian model: unknown option --rpeo; did you mean --repo?'],
      [['rules', '--fromat=json'], 'kustodian rules: unknown option --fromat; did you mean --format?'],
      [['secrets', 'list', '--formt', 'json'], 'kustodian secrets list: unknown option --formt; did you mean --format?'],
      [['secrets', 'updatekeys', '--dryrun'], 'kustodian secrets updatekeys: unknown option --dryrun; did you mean --dry-run?'],
      [['audit', '--zzzzzzzz'], "kustodian audit: unknown option --zzzzzzzz; run 'kustodian audit --help' for the options"],
      [['audit', '-x'], "kustodian audit: unknown option -x; run 'kustodian audit --help' for the options"],
    ] as const;
    for (const [argv, line] of cases) {
      const { status, stdout, stderr } = await run(...argv);
      expect(stderr, argv.join(' ')).toBe(`${line}\n`);
      expect(stdout).toBe('');
      expect(status).toBe(2);
    }
  });

  it('an option without its value, a flag with one, and a surplus argument are said so', async () => {
    expect((await run('audit', '--format')).stderr).toBe('kustodian audit: option --format needs a value\n');
    expect((await run('audit', '--repo', '--quiet')).stderr).toBe("kustodian audit: option --repo needs a value (a value that starts with '-' is given as --repo=--quiet)\n");
    expect((await run('audit', '--quiet=yes')).stderr).toBe('kustodian audit: option --quiet takes no value\n');
    expect((await run('audit', 'a', 'b')).stderr).toBe("kustodian audit: unexpected argument 'b'; run 'kustodian audit --help' for the usage\n");
    expect((await run('audit', '--repo', 'a', 'b')).stderr).toBe('kustodian audit: the repository is given twice (--repo a and b); give one\n');
    for (const argv of [['audit', '--format'], ['audit', '--quiet=yes'], ['audit', 'a', 'b']]) expect((await run(...argv)).status).toBe(2);
  });

  it('a repository that does not exist is named as the user gave it, never as .', async () => {
    const missing = join(scratch, 'no-such-repo');
    const commands = [['audit'], ['model'], ['secrets', 'list'], ['secrets', 'verify'], ['secrets', 'updatekeys'], ['secrets', 'decrypt', 'x.yaml']];
    for (const command of commands) {
      const { status, stderr } = await run(...command, '--repo', missing);
      expect(stderr, command.join(' ')).toBe(`kustodian ${command.slice(0, command[0] === 'secrets' ? 2 : 1).join(' ')}: ${missing}: no such folder\n`);
      expect(status).toBe(2);
    }
    expect((await run('audit', 'relative/nope')).stderr).toBe('kustodian audit: relative/nope: no such folder\n');
  });

  it('audit --help names every report format and the new options', async () => {
    const { stdout } = await run('audit', '--help');
    for (const format of REPORT_FORMATS) expect(stdout).toContain(format);
    for (const option of ['--rule ID', '--skip-rule ID', '--quiet', '--verbose', '--repo DIR']) expect(stdout).toContain(option);
    expect(stdout).toContain('default: the current directory');
  });
});

describe('errors thrown on purpose', () => {
  it('every package error class is a KustodianError, so main maps it to one line and exit 2', async () => {
    const { exitStatusOf, FileWriteError } = await import('@kustodian/core');
    const { SopsError } = await import('@kustodian/sops');
    const { ConfigError, ManifestModelError } = await import('@kustodian/manifest-model');
    const { AuditError, EntryPointNotFoundError, UnknownRuleError } = await import('@kustodian/audit');
    const { UsageError } = await import('./args.js');
    const { SecretsInputError } = await import('./commands/secrets-context.js');
    const errors = [
      new SopsError('SOPS_WRONG_KEY', 'x'),
      new ManifestModelError('PATH_NOT_FOUND', 'x'),
      new AuditError('BASELINE_INVALID', 'x'),
      new ConfigError('kustodian.yaml', [{ key: 'rules', message: 'x', line: 1, column: 1 }]),
      new UnknownRuleError('nope', 'only', undefined),
      new EntryPointNotFoundError('x', 'missing'),
      new UsageError('x'),
      new SecretsInputError('x'),
      new FileWriteError('/x', new Error('x')),
    ];
    for (const error of errors) expect([error.name, exitStatusOf(error)]).toEqual([error.name, 2]);
    expect(new Set(errors.map((e) => e.code)).size).toBe(errors.length);
  });
});
