/** `kustodian secrets rotate FILE...`: a new data key for the same recipients. */
import type { AgeIdentity } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { rotateSopsFile } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { argumentPath, commandError, forEachReported, loadIdentities, parseSubcommand, readTextFile, shownPath } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';

export const SECRETS_ROTATE_HELP = `Usage: kustodian secrets rotate [--repo DIR] FILE...

Give each FILE a new data key for the same recipients and re-encrypt every
value with it (as \`sops rotate\`); each file is written atomically. A file that
fails is reported and the others are still rotated (exit 2 when any failed).
`;

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_ROTATE = { command: 'rotate', help: SECRETS_ROTATE_HELP, options: {} as const, operands: { min: 1, usage: 'expected at least one FILE' } } satisfies SubcommandShape<OptionsConfig>;

export async function runSecretsRotate(argv: readonly string[], io: Output): Promise<number> {
  const parsed = parseSubcommand(argv, io, SECRETS_ROTATE);
  if (!parsed) return EXIT.ok;
  const { ctx, positionals } = parsed;
  let identities: readonly AgeIdentity[];
  try {
    identities = await loadIdentities(ctx);
  } catch (error) {
    return commandError(ctx, error);
  }
  const failed = await forEachReported(ctx, positionals, async (arg) => {
    const abs = argumentPath(ctx, arg);
    const rotated = await rotateSopsFile(await readTextFile(ctx, abs), { identities, file: shownPath(ctx, abs) });
    await writeFileAtomic(abs, rotated, { within: ctx.repo });
    io.out(`rotated the data key of ${shownPath(ctx, abs)}\n`);
  });
  return failed > 0 ? EXIT.unusable : EXIT.ok;
}
