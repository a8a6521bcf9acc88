/**
 * The kustodian command as a function: `main(argv, io)` runs one command
 * line and returns its exit status. No side effects on import; bin.ts is
 * the executable.
 */
import { exitStatusOf } from '@kustodian/core';
import { didYouMean, unknownCommand, UsageError } from './args.js';
import { commandList } from './command-spec.js';
import { COMMANDS, ROOT_OPTIONS } from './command-table.js';
import type { Output } from './output.js';
import { EXIT, processOutput } from './output.js';
import { cliVersion } from './version.js';

export const HELP = `Usage: kustodian <command> [options]

Kustodian audits a Flux GitOps repository: by default the one in the current
directory (give another with --repo DIR).

Commands:
${commandList(COMMANDS)}

Options:
  --version    print the version
  -h, --help   this help

Run 'kustodian <command> --help' for a command's options.
Exit status: 0 clean, 1 findings at or above --fail-on, 2 unusable input.
`;

const rootFlags = Object.entries(ROOT_OPTIONS).flatMap(([name, o]) => [`--${name}`, ...('short' in o ? [`-${o.short}`] : [])]);

async function dispatch(argv: readonly string[], io: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(HELP);
    return EXIT.unusable;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    // `kustodian help audit` is `kustodian audit --help`.
    if (name === 'help' && rest[0] !== undefined) return dispatch([rest[0], '--help'], io);
    io.out(HELP);
    return EXIT.ok;
  }
  if (name === '--version') {
    io.out(`${cliVersion()}\n`);
    return EXIT.ok;
  }
  if (name.startsWith('-')) throw new UsageError(`kustodian: unknown option ${name}${didYouMean(name, rootFlags) || "; run 'kustodian --help' for the commands"}`);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw unknownCommand('kustodian', 'command', name, COMMANDS.filter((c) => c.run).map((c) => c.name));
  if (!command.run) throw new UsageError(`kustodian ${name}: not part of this version of kustodian`);
  return command.run(rest, io);
}

/** Runs one command line; what cannot be used is one line on stderr and exit status 2. */
export async function main(argv: readonly string[], io: Output = processOutput()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // One mapping for every command: an error thrown on purpose is one line and exit 2; anything else is a bug.
    const status = exitStatusOf(error);
    if (status === undefined) throw error;
    io.err(error instanceof UsageError ? `${(error as Error).message}\n` : `kustodian ${argv[0] ?? ''}: ${(error as Error).message}\n`);
    return status;
  }
}
