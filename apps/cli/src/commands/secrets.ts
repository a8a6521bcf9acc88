/**
 * `kustodian secrets <subcommand>`: SOPS/age secrets of a repository, one
 * module per subcommand. Only `decrypt` writes plaintext, and only to stdout.
 */
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { runSecretsDecrypt } from './secrets-decrypt.js';
import { runSecretsEncrypt } from './secrets-encrypt.js';
import { runSecretsImport } from './secrets-import.js';
import { runSecretsList } from './secrets-list.js';
import { runSecretsRotate } from './secrets-rotate.js';
import { runSecretsSet, runSecretsUnset } from './secrets-set.js';
import { runSecretsUpdatekeys } from './secrets-updatekeys.js';
import { runSecretsVerify } from './secrets-verify.js';

export const SECRETS_HELP = `Usage: kustodian secrets <subcommand> [--repo DIR] [options]

Manage the SOPS/age-encrypted files of a repository. Relative FILE and PATH
arguments are relative to --repo (default: the current directory). Keys are
found as sops finds them: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD and
the user's sops/age/keys.txt. No subcommand prints a secret value, except
decrypt, to stdout; none writes plaintext to disk.

Subcommands:
  list                 every encrypted file: recipients, creation rule, last change
  decrypt FILE         print the decrypted file on stdout (MAC checked)
  encrypt FILE         encrypt a plaintext file in place with its .sops.yaml rule
  set FILE KEY         set one value, read from piped stdin
  unset FILE KEY       remove one value
  rotate FILE...       new data key for the same recipients
  updatekeys [PATH...] re-wrap the data key for the recipients the rules list now
  import               encrypt a Secret piped from kubectl into the repository
  verify               check every encrypted file's MAC and recipients

Run 'kustodian secrets <subcommand> --help' for its options.
Exit status: 0 done, 1 verify found problems, 2 unusable input or a SOPS error.
`;

type Subcommand = (argv: readonly string[], io: Output) => Promise<number>;

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  list: runSecretsList,
  decrypt: runSecretsDecrypt,
  encrypt: runSecretsEncrypt,
  set: runSecretsSet,
  unset: runSecretsUnset,
  rotate: runSecretsRotate,
  updatekeys: runSecretsUpdatekeys,
  import: runSecretsImport,
  verify: runSecretsVerify,
};

export async function runSecrets(argv: readonly string[], io: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(SECRETS_HELP);
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  const command = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!command) {
    io.err(`kustodian secrets: unknown subcommand '${name}'\n\n${SECRETS_HELP}`);
    return EXIT.unusable;
  }
  return command(rest, io);
}
