/**
 * `kustodian secrets <subcommand>`: SOPS/age secrets of a repository, one
 * module per subcommand. Only `decrypt` writes plaintext, and only to stdout.
 */
import type { OptionsConfig } from '../args.js';
import { unknownCommand, UsageError } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { commandList } from '../command-spec.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { COMMON_OPTIONS } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import { runSecretsDecrypt, SECRETS_DECRYPT } from './secrets-decrypt.js';
import { runSecretsEncrypt, SECRETS_ENCRYPT } from './secrets-encrypt.js';
import { runSecretsImport, SECRETS_IMPORT } from './secrets-import.js';
import { runSecretsList, SECRETS_LIST } from './secrets-list.js';
import { runSecretsRotate, SECRETS_ROTATE } from './secrets-rotate.js';
import { runSecretsSet, runSecretsUnset, SECRETS_SET, SECRETS_UNSET } from './secrets-set.js';
import { runSecretsUpdatekeys, SECRETS_UPDATEKEYS } from './secrets-updatekeys.js';
import { runSecretsVerify, SECRETS_VERIFY } from './secrets-verify.js';

/** What a subcommand's shape tells help and completion: its name, options and option values. */
function shapeOf(shape: SubcommandShape<OptionsConfig>): Pick<CommandSpec, 'name' | 'options' | 'values'> {
  return { name: shape.command, options: { ...COMMON_OPTIONS, ...shape.options }, ...(shape.values ? { values: shape.values } : {}) };
}

/** The subcommands: what runs, and what help and shell completion offer. */
export const SECRETS_COMMANDS: readonly CommandSpec[] = [
  { args: '[PATH...]', summary: 'every encrypted file: recipients, creation rule, last change', ...shapeOf(SECRETS_LIST), positional: 'file', run: runSecretsList },
  { args: 'FILE', summary: 'print the decrypted file on stdout (MAC checked)', ...shapeOf(SECRETS_DECRYPT), positional: 'file', run: runSecretsDecrypt },
  { args: 'FILE', summary: 'encrypt a plaintext file in place with its .sops.yaml rule', ...shapeOf(SECRETS_ENCRYPT), positional: 'file', run: runSecretsEncrypt },
  { args: 'FILE KEY', summary: 'set one value, read from piped stdin', ...shapeOf(SECRETS_SET), positional: 'file', run: runSecretsSet },
  { args: 'FILE KEY', summary: 'remove one value', ...shapeOf(SECRETS_UNSET), positional: 'file', run: runSecretsUnset },
  { args: 'FILE...', summary: 'new data key for the same recipients', ...shapeOf(SECRETS_ROTATE), positional: 'file', run: runSecretsRotate },
  { args: '[PATH...]', summary: 're-wrap the data key for the recipients the rules list now', ...shapeOf(SECRETS_UPDATEKEYS), positional: 'file', run: runSecretsUpdatekeys },
  { summary: 'encrypt a Secret piped from kubectl into the repository', ...shapeOf(SECRETS_IMPORT), run: runSecretsImport },
  { args: '[PATH...]', summary: "check every encrypted file's MAC and recipients", ...shapeOf(SECRETS_VERIFY), positional: 'file', run: runSecretsVerify },
];

export const SECRETS_HELP = `Usage: kustodian secrets <subcommand> [--repo DIR] [options]

Manage the SOPS/age-encrypted files of a repository. Relative FILE and PATH
arguments are relative to --repo (default: the current directory). Keys are
found as sops finds them: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD and
the user's sops/age/keys.txt. No subcommand prints a secret value, except
decrypt, to stdout; none writes plaintext to disk.

Subcommands:
${commandList(SECRETS_COMMANDS)}

Run 'kustodian secrets <subcommand> --help' for its options.
Exit status: 0 done, 1 verify found problems, 2 unusable input or a SOPS error.
`;

export async function runSecrets(argv: readonly string[], io: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(SECRETS_HELP);
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  if (name.startsWith('-')) throw new UsageError(`kustodian secrets: ${name} before the subcommand; write 'kustodian secrets <subcommand> ${name}'`);
  const command = SECRETS_COMMANDS.find((c) => c.name === name);
  if (!command?.run) throw unknownCommand('kustodian secrets', 'subcommand', name, SECRETS_COMMANDS.map((c) => c.name));
  return command.run(rest, io);
}
