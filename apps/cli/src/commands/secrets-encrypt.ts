/** `kustodian secrets encrypt FILE`: encrypt a plaintext file in place with its `.sops.yaml` rule. */
import type { SopsConfig } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { encryptSopsFile, inspectSopsFile } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import type { SecretsContext } from './secrets-context.js';
import { argumentPath, commandError, CreationRules, describeRule, readTextFile, SecretsInputError, parseSubcommand, shownPath, usageError } from './secrets-context.js';
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

/** Its options besides --repo and --help. */
export const SECRETS_ENCRYPT_OPTIONS = {} as const;

export async function runSecretsEncrypt(argv: readonly string[], io: Output): Promise<number> {
  const parsed = parseSubcommand(argv, io, 'encrypt', SECRETS_ENCRYPT_HELP, SECRETS_ENCRYPT_OPTIONS);
  if (!parsed) return EXIT.ok;
  const { ctx, positionals } = parsed;
  if (positionals.length !== 1) return usageError(ctx, 'expected exactly one FILE');
  try {
    const abs = argumentPath(ctx, positionals[0]!);
    const plaintext = await readTextFile(ctx, abs);
    if (inspectEncrypted(ctx, abs, plaintext)) return usageError(ctx, `${shownPath(ctx, abs)} is already encrypted; use set, rotate or updatekeys to change it`);
    const { text, rule } = await encryptForPath(ctx, abs, plaintext);
    await writeFileAtomic(abs, text);
    io.out(`encrypted ${shownPath(ctx, abs)} with ${rule}\n`);
    return EXIT.ok;
  } catch (error) {
    return commandError(ctx, error);
  }
}
