/** `kustodian secrets encrypt FILE`: encrypt a plaintext file in place with its `.sops.yaml` rule. */
import type { SopsConfig } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { encryptSopsFile, inspectSopsFile } from '@kustodian/sops';
import { EXIT } from '../output.js';
import type { SecretsContext } from './secrets-context.js';
import { argumentPath, CreationRules, describeRule, readTextFile, SecretsInputError, shownPath, subcommand, usageError } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';
import { inspectEncrypted } from './secrets-files.js';

export const SECRETS_ENCRYPT_HELP = `Usage: kustodian secrets encrypt [--repo DIR] FILE

Encrypt FILE in place (written atomically) with the creation rule that matches
it in the nearest .sops.yaml at or above its folder: its recipients and which
fields are encrypted (encrypted_regex ...). A file that is already encrypted is
refused. Needs no key: only public recipients are used.
`;

/**
 * Encrypts plaintext for a path with the rule that governs it and returns the
 * encrypted text; warns when the rule leaves Flux unable to read the object.
 */
export async function encryptForPath(ctx: SecretsContext, abs: string, plaintext: string): Promise<{ text: string; rule: string }> {
  const lookup = await new CreationRules(ctx).lookup(abs);
  if (!lookup.rule || !lookup.config) throw new SecretsInputError(`cannot encrypt ${shownPath(ctx, abs)}: ${lookup.problem ?? 'no creation rule'}`);
  const config: SopsConfig = lookup.config.config;
  const text = await encryptSopsFile(plaintext, { file: abs, config });
  const structural = inspectSopsFile(text, { file: shownPath(ctx, abs) }).flatMap((d) => d.findings.filter((f) => f.kind === 'structural-field-encrypted'));
  if (structural.length > 0) {
    ctx.io.err(
      `kustodian secrets ${ctx.command}: warning: ${describeRule(ctx, lookup)} also encrypts apiVersion, kind or metadata of ${shownPath(ctx, abs)}: Flux cannot apply it (add encrypted_regex: ^(data|stringData)$ to the rule)\n`,
    );
  }
  return { text, rule: describeRule(ctx, lookup) };
}

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_ENCRYPT = { command: 'encrypt', help: SECRETS_ENCRYPT_HELP, options: {} as const, operands: { min: 1, max: 1, usage: 'expected exactly one FILE' } } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsEncrypt = subcommand(SECRETS_ENCRYPT, async ({ ctx, positionals }) => {
  const abs = argumentPath(ctx, positionals[0]!);
  const plaintext = await readTextFile(ctx, abs);
  if (inspectEncrypted(ctx, abs, plaintext)) return usageError(ctx, `${shownPath(ctx, abs)} is already encrypted; use set, rotate or updatekeys to change it`);
  const { text, rule } = await encryptForPath(ctx, abs, plaintext);
  await writeFileAtomic(abs, text, { within: ctx.repo });
  ctx.io.out(`encrypted ${shownPath(ctx, abs)} with ${rule}\n`);
  return EXIT.ok;
});
