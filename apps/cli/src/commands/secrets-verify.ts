/** `kustodian secrets verify`: every encrypted file opens with a valid MAC and has the recipients its rule lists. */
import type { AgeIdentity } from '@kustodian/sops';
import { decryptSopsFile, isSopsError, recipientDrift, showRecipient } from '@kustodian/sops';
import { EXIT } from '../output.js';
import type { SecretsContext } from './secrets-context.js';
import { CreationRules, describeError, describeRule, loadIdentities, subcommand, TEXT_OR_JSON } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';
import type { EncryptedFile } from './secrets-files.js';
import { findEncryptedFiles } from './secrets-files.js';

export const SECRETS_VERIFY_HELP = `Usage: kustodian secrets verify [--repo DIR] [--format text|json] [PATH...]

Check every encrypted file of the repository (or under PATH):
  - its MAC, with the keys available (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, ...); a
    file that no available key opens is said so and its MAC is not checked;
  - its recipients against the creation rule of the nearest .sops.yaml (run
    updatekeys when they differ);
  - fields it holds in clear that should not be (values outside the encrypted
    fields, apiVersion/kind/metadata encrypted so that Flux cannot apply it).
Values are never printed.

Exit status: 0 every file is fine, 1 problems were found, 2 unusable input.
`;

export interface VerifiedFile {
  readonly file: string;
  /** True when a key opened the file and its MAC matched. */
  readonly macVerified: boolean;
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

async function verifyFile(ctx: SecretsContext, file: EncryptedFile, rules: CreationRules, identities: readonly AgeIdentity[]): Promise<VerifiedFile> {
  const problems: string[] = [];
  const notes: string[] = [];
  let macVerified = false;
  try {
    await decryptSopsFile(file.text, { identities, file: file.path });
    macVerified = true;
  } catch (error) {
    if (isSopsError(error, 'SOPS_NO_IDENTITY') || isSopsError(error, 'SOPS_WRONG_KEY')) notes.push('MAC not checked: no available key opens the file');
    else problems.push(describeError(error) ?? String(error));
  }
  const lookup = await rules.lookup(file.abs);
  if (!lookup.rule) problems.push(lookup.problem ?? 'no creation rule');
  else {
    const drift = recipientDrift(file.sops, lookup.rule);
    const added = drift.missing.map(showRecipient);
    const removed = drift.extra.map(showRecipient);
    if (added.length || removed.length) {
      const diff = [added.length ? `missing ${added.join(', ')}` : '', removed.length ? `not in the rule: ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
      problems.push(`recipients differ from ${describeRule(ctx, lookup)}: ${diff} (run kustodian secrets updatekeys)`);
    }
  }
  for (const doc of file.documents) for (const finding of doc.findings) problems.push(`line ${finding.line ?? '?'}: ${finding.message}`);
  return { file: file.path, macVerified, problems, notes };
}

function renderText(results: readonly VerifiedFile[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.problems.length ? 'FAIL' : 'ok  '}  ${r.file}${r.macVerified ? '  (MAC verified)' : ''}`);
    for (const p of r.problems) lines.push(`        ${p}`);
    for (const n of r.notes) lines.push(`        ${n}`);
  }
  const failing = results.filter((r) => r.problems.length > 0).length;
  const unchecked = results.filter((r) => !r.macVerified).length;
  lines.push('', `${results.length} encrypted file${results.length === 1 ? '' : 's'}, ${failing} with problems${unchecked ? `, ${unchecked} without a MAC check` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_VERIFY = { command: 'verify', help: SECRETS_VERIFY_HELP, options: { format: { type: 'string', default: 'text' } } as const, values: TEXT_OR_JSON } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsVerify = subcommand(SECRETS_VERIFY, async ({ ctx, values, positionals }) => {
  const found = await findEncryptedFiles(ctx, positionals);
  const identities = await loadIdentities(ctx);
  const rules = new CreationRules(ctx);
  const results: VerifiedFile[] = [];
  for (const file of found.files) results.push(await verifyFile(ctx, file, rules, identities));
  for (const path of found.notEncrypted) results.push({ file: path, macVerified: false, problems: ['not a SOPS-encrypted file'], notes: [] });
  for (const u of found.unreadable) results.push({ file: u.path, macVerified: false, problems: [u.reason], notes: [] });
  ctx.io.out(values.format === 'json' ? `${JSON.stringify({ version: 1, repository: ctx.repo, files: results }, null, 2)}\n` : renderText(results));
  return results.some((r) => r.problems.length > 0) ? EXIT.findings : EXIT.ok;
});
