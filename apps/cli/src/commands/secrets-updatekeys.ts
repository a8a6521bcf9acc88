/** `kustodian secrets updatekeys [PATH...]`: make every file's recipients those its creation rule lists now. */
import type { AgeIdentity } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { recipientDrift, showRecipient, updateSopsRecipients } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { commandError, CreationRules, forEachReported, loadIdentities, parseSubcommand, SecretsInputError, usageError } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';
import type { EncryptedFile } from './secrets-files.js';
import { findEncryptedFiles } from './secrets-files.js';

export const SECRETS_UPDATEKEYS_HELP = `Usage: kustodian secrets updatekeys [--repo DIR] [--dry-run] [PATH...]

Re-wrap the data key of every encrypted file under PATH (files, or folders
walked recursively; default: the whole repository) for the recipients that the
matching creation rule of the nearest .sops.yaml lists now, as
\`sops updatekeys\`. Values, MAC and lastmodified stay as they are. Opening the
data key needs a key of a current recipient.

  --dry-run   print per file which recipients would be added and removed, and
              write nothing (needs no key)

Exit status: 0 done (also when --dry-run finds changes to make), 2 when a file
has no creation rule, cannot be opened or is not a SOPS file.
`;

function describeChange(added: readonly string[], removed: readonly string[], regrouped: boolean): string {
  const parts = [added.length ? `add ${added.join(', ')}` : '', removed.length ? `remove ${removed.join(', ')}` : '', regrouped && !added.length && !removed.length ? 'regroup keys' : ''];
  return parts.filter(Boolean).join('; ');
}

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_UPDATEKEYS = { command: 'updatekeys', help: SECRETS_UPDATEKEYS_HELP, options: { 'dry-run': { type: 'boolean', default: false } } as const } satisfies SubcommandShape<OptionsConfig>;

export async function runSecretsUpdatekeys(argv: readonly string[], io: Output): Promise<number> {
  const parsed = parseSubcommand(argv, io, SECRETS_UPDATEKEYS);
  if (!parsed) return EXIT.ok;
  const { ctx, values, positionals } = parsed;
  const dryRun = values['dry-run'];
  let found;
  try {
    found = await findEncryptedFiles(ctx, positionals);
  } catch (error) {
    return commandError(ctx, error);
  }
  const rules = new CreationRules(ctx);
  let identities: Promise<readonly AgeIdentity[]> | undefined;
  let changed = 0;
  const failed = await forEachReported(ctx, found.files, async (file: EncryptedFile) => {
    const lookup = await rules.lookup(file.abs);
    if (!lookup.rule) throw new SecretsInputError(`${file.path}: ${lookup.problem ?? 'no creation rule'}`);
    if (dryRun) {
      const drift = recipientDrift(file.sops, lookup.rule);
      const change = describeChange(drift.missing.map(showRecipient), drift.extra.map(showRecipient), drift.regrouped);
      if (change) changed++;
      io.out(change ? `${file.path}: would ${change}\n` : `${file.path}: up to date\n`);
      return;
    }
    identities ??= loadIdentities(ctx);
    const result = await updateSopsRecipients(file.text, { identities: await identities, file: file.path, rule: lookup.rule });
    if (!result.changed) {
      io.out(`${file.path}: up to date\n`);
      return;
    }
    await writeFileAtomic(file.abs, result.text, { within: ctx.repo });
    changed++;
    io.out(`${file.path}: updated (${describeChange(result.added, result.removed, true)})\n`);
  });
  for (const path of found.notEncrypted) usageError(ctx, `${path} is not a SOPS-encrypted file`);
  for (const u of found.unreadable) usageError(ctx, `${u.path}: ${u.reason}`);
  const files = found.files.length;
  io.out(`${files} encrypted file${files === 1 ? '' : 's'}, ${changed} ${dryRun ? 'to update' : 'updated'}${failed ? `, ${failed} failed` : ''}\n`);
  return failed + found.notEncrypted.length + found.unreadable.length > 0 ? EXIT.unusable : EXIT.ok;
}
