/** `kustodian secrets decrypt FILE`: the plaintext on stdout, never on disk. */
import { decryptSopsFile, formatForPath } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { argumentPath, commandError, CreationRules, loadIdentities, readTextFile, parseSubcommand, shownPath, usageError } from './secrets-context.js';

export const SECRETS_DECRYPT_HELP = `Usage: kustodian secrets decrypt [--repo DIR] FILE

Decrypt FILE and print the plaintext on stdout (as \`sops -d\` does); nothing is
written to disk. The MAC is checked: a file changed after it was encrypted is an
error (exit 2, SOPS_MAC_MISMATCH). Keys: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE,
SOPS_AGE_KEY_CMD or the user's sops/age/keys.txt.
`;

/** Its options besides --repo and --help. */
export const SECRETS_DECRYPT_OPTIONS = {} as const;

export async function runSecretsDecrypt(argv: readonly string[], io: Output): Promise<number> {
  const parsed = parseSubcommand(argv, io, 'decrypt', SECRETS_DECRYPT_HELP, SECRETS_DECRYPT_OPTIONS);
  if (!parsed) return EXIT.ok;
  const { ctx, positionals } = parsed;
  if (positionals.length !== 1) return usageError(ctx, 'expected exactly one FILE');
  try {
    const abs = argumentPath(ctx, positionals[0]!);
    const text = await readTextFile(ctx, abs);
    const identities = await loadIdentities(ctx);
    // Indented as the governing .sops.yaml says (stores.yaml.indent ...), as sops -d does.
    const stores = (await new CreationRules(ctx).lookup(abs)).config?.config.stores;
    const format = formatForPath(abs);
    const indent = format === 'yaml' ? stores?.yamlIndent : format === 'json' ? stores?.jsonIndent : undefined;
    const result = await decryptSopsFile(text, { identities, file: shownPath(ctx, abs), ...(indent === undefined ? {} : { indent }) });
    for (const warning of result.warnings) io.err(`kustodian secrets decrypt: warning: ${warning}\n`);
    io.out(result.text);
    return EXIT.ok;
  } catch (error) {
    return commandError(ctx, error);
  }
}
