/**
 * `kustodian secrets <subcommand>`: SOPS/age secrets of a repository, one
 * module per subcommand. Only `decrypt` writes plaintext, and only to stdout.
 */
import { unknownCommand, UsageError } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { commandList } from '../command-spec.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { COMMON_OPTIONS } from './secrets-context.js';
import { runSecretsDecrypt, SECRETS_DECRYPT_OPTIONS } from './secrets-decrypt.js';
import { runSecretsEncrypt, SECRETS_ENCRYPT_OPTIONS } from './secrets-encrypt.js';
import { runSecretsImport, SECRETS_IMPORT_OPTIONS } from './secrets-import.js';
import { runSecretsList, SECRETS_LIST_OPTIONS } from './secrets-list.js';
import { runSecretsRotate, SECRETS_ROTATE_OPTIONS } from './secrets-rotate.js';
import { runSecretsSet, runSecretsUnset, SECRETS_SET_OPTIONS, SECRETS_UNSET_OPTIONS } from './secrets-set.js';
import { runSecretsUpdatekeys, SECRETS_UPDATEKEYS_OPTIONS } from './secrets-updatekeys.js';
import { runSecretsVerify, SECRETS_VERIFY_OPTIONS } from './secrets-verify.js';

const TEXT_OR_JSON = { format: ['text', 'json'] } as const;

/** The subcommands: what runs, and what help and shell completion offer. */
export const SECRETS_COMMANDS: readonly CommandSpec[] = [
  { name: 'list', args: '[PATH...]', summary: 'every encrypted file: recipients, creation rule, last change', options: { ...COMMON_OPTIONS, ...SECRETS_LIST_OPTIONS }, values: TEXT_OR_JSON, positional: 'file', run: runSecretsList },
  { name: 'decrypt', args: 'FILE', summary: 'print the decrypted file on stdout (MAC checked)', options: { ...COMMON_OPTIONS, ...SECRETS_DECRYPT_OPTIONS }, positional: 'file', run: runSecretsDecrypt },
  { name: 'encrypt', args: 'FILE', summary: 'encrypt a plaintext file in place with its .sops.yaml rule', options: { ...COMMON_OPTIONS, ...SECRETS_ENCRYPT_OPTIONS }, positional: 'file', run: runSecretsEncrypt },
  { name: 'set', args: 'FILE KEY', summary: 'set one value, read from piped stdin', options: { ...COMMON_OPTIONS, ...SECRETS_SET_OPTIONS }, positional: 'file', run: runSecretsSet },
  { name: 'unset', args: 'FILE KEY', summary: 'remove one value', options: { ...COMMON_OPTIONS, ...SECRETS_UNSET_OPTIONS }, positional: 'file', run: runSecretsUnset },
  { name: 'rotate', args: 'FILE...', summary: 'new data key for the same recipients', options: { ...COMMON_OPTIONS, ...SECRETS_ROTATE_OPTIONS }, positional: 'file', run: runSecretsRotate },
  { name: 'updatekeys', args: '[PATH...]', summary: 're-wrap the data key for the recipients the rules list now', options: { ...COMMON_OPTIONS, ...SECRETS_UPDATEKEYS_OPTIONS }, positional: 'file', run: runSecretsUpdatekeys },
  { name: 'import', summary: 'encrypt a Secret piped from kubectl into the repository', options: { ...COMMON_OPTIONS, ...SECRETS_IMPORT_OPTIONS }, run: runSecretsImport },
  { name: 'verify', args: '[PATH...]', summary: "check every encrypted file's MAC and recipients", options: { ...COMMON_OPTIONS, ...SECRETS_VERIFY_OPTIONS }, values: TEXT_OR_JSON, positional: 'file', run: runSecretsVerify },
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
