/** `kustodian secrets rotate FILE...`: a new data key for the same recipients. */
import type { AgeIdentity } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { rotateSopsFile } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { argumentPath, commandError, forEachReported, loadIdentities, readTextFile, parseSubcommand, shownPath, usageError } from './secrets-context.js';

export const SECRETS_ROTATE_HELP = `Usage: kustodian secrets rotate [--repo DIR] FILE...

Give each FILE a new data key for the same recipients and re-encrypt every
value with it (as \`sops rotate\`); each file is written atomically. A file that
fails is reported and the others are still rotated (exit 2 when any failed).
`;

/** Its options besides --repo and --help. */
export const SECRETS_ROTATE_OPTIONS = {} as const;

export async function runSecretsRotate(argv: readonly string[], io: Output): Promise<number> {
  const parsed = parseSubcommand(argv, io, 'rotate', SECRETS_ROTATE_HELP, SECRETS_ROTATE_OPTIONS);
  if (!parsed) return EXIT.ok;
  const { ctx, positionals } = parsed;
  if (positionals.length === 0) return usageError(ctx, 'expected at least one FILE');
  let identities: readonly AgeIdentity[];
  try {
    identities = await loadIdentities(ctx);
  } catch (error) {
    return commandError(ctx, error);
  }
  const failed = await forEachReported(ctx, positionals, async (arg) => {
    const abs = argumentPath(ctx, arg);
    const rotated = await rotateSopsFile(await readTextFile(ctx, abs), { identities, file: shownPath(ctx, abs) });
    await writeFileAtomic(abs, rotated);
    io.out(`rotated the data key of ${shownPath(ctx, abs)}\n`);
  });
  return failed > 0 ? EXIT.unusable : EXIT.ok;
}
