#!/usr/bin/env node
import { ManifestModelError } from '@kustodian/manifest-model';
import { runAudit } from './commands/audit.js';
import { runModel } from './commands/model.js';
import { runSecrets } from './commands/secrets.js';
import type { Output } from './output.js';
import { EXIT, processOutput } from './output.js';

const HELP = `Usage: kustodian <command> [options]

Commands:
  audit [DIR]     audit a Flux GitOps repository (default: the bundled examples/)
  model [DIR]     print the model Kustodian builds of the repository
  secrets <sub>   list, decrypt, encrypt, set, rotate, updatekeys, import, verify SOPS files

Run 'kustodian <command> --help' for a command's options.
`;

type Command = (argv: readonly string[], io: Output) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  audit: runAudit,
  model: runModel,
  secrets: runSecrets,
};

export async function main(argv: readonly string[], io: Output = processOutput()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`kustodian: unknown command '${name}'\n\n${HELP}`);
    return EXIT.unusable;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof ManifestModelError) {
      io.err(`kustodian ${name}: ${error.message}\n`);
      return EXIT.unusable;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`kustodian ${name}: ${error.message}\n`);
      return EXIT.unusable;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly || process.argv[1]?.endsWith('/kustodian')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kustodian: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.unusable;
    },
  );
}
