/** `kustodian secrets decrypt FILE`: the plaintext on stdout, never on disk. */
import { decryptSopsFile, formatForPath } from '@kustodian/sops';
import { EXIT } from '../output.js';
import { argumentPath, CreationRules, loadIdentities, readTextFile, shownPath, subcommand } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';

export const SECRETS_DECRYPT_HELP = `Usage: kustodian secrets decrypt [--repo DIR] FILE

Decrypt FILE and print the plaintext on stdout (as \`sops -d\` does); nothing is
written to disk. The MAC is checked: a file changed after it was encrypted is an
error (exit 2, SOPS_MAC_MISMATCH). Keys: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE,
SOPS_AGE_KEY_CMD or the user's sops/age/keys.txt.
`;

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_DECRYPT = { command: 'decrypt', help: SECRETS_DECRYPT_HELP, options: {} as const, operands: { min: 1, max: 1, usage: 'expected exactly one FILE' } } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsDecrypt = subcommand(SECRETS_DECRYPT, async ({ ctx, positionals }) => {
  const abs = argumentPath(ctx, positionals[0]!);
  const text = await readTextFile(ctx, abs);
  const identities = await loadIdentities(ctx);
  // Indented as the governing .sops.yaml says (stores.yaml.indent ...), as sops -d does.
  const stores = (await new CreationRules(ctx).lookup(abs)).config?.config.stores;
  const format = formatForPath(abs);
  const indent = format === 'yaml' ? stores?.yamlIndent : format === 'json' ? stores?.jsonIndent : undefined;
  const result = await decryptSopsFile(text, { identities, file: shownPath(ctx, abs), ...(indent === undefined ? {} : { indent }) });
  for (const warning of result.warnings) ctx.io.err(`kustodian secrets decrypt: warning: ${warning}\n`);
  ctx.io.out(result.text);
  return EXIT.ok;
});
