/** `kustodian secrets list`: every encrypted file with its recipients, creation rule and last change. */
import { EXIT } from '../output.js';
import { CreationRules, describeRule, shownPath, subcommand, TEXT_OR_JSON } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';
import type { RuleLookup, SecretsContext } from './secrets-context.js';
import type { EncryptedFile } from './secrets-files.js';
import { describeObject, findEncryptedFiles } from './secrets-files.js';

export const SECRETS_LIST_HELP = `Usage: kustodian secrets list [--repo DIR] [--format text|json] [PATH...]

List every SOPS-encrypted YAML, JSON and dotenv file of the repository, or of
the given files and folders (files that .gitignore ignores are left out): its recipients, the .sops.yaml creation
rule that matches it (the nearest .sops.yaml at or above its folder), when it
was last changed and by which sops version. Needs no key.
`;

/** One line of `list --format json`. */
export interface ListedFile {
  readonly file: string;
  readonly documents: number;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly recipients: readonly { readonly type: string; readonly id: string; readonly group: number }[];
  /** The matching creation rule; null with `ruleProblem` saying why there is none. */
  readonly rule: { readonly config: string; readonly index: number; readonly pathRegex?: string } | null;
  readonly ruleProblem?: string;
  readonly lastModified?: string;
  readonly sopsVersion?: string;
}

function listed(ctx: SecretsContext, file: EncryptedFile, lookup: RuleLookup): ListedFile {
  const first = file.documents[0];
  const rule =
    lookup.rule && lookup.config
      ? { config: shownPath(ctx, lookup.config.path), index: lookup.rule.index, ...(lookup.rule.pathRegex === undefined ? {} : { pathRegex: lookup.rule.pathRegex }) }
      : null;
  return {
    file: file.path,
    documents: file.documents.length,
    ...(first?.kind ? { kind: first.kind } : {}),
    ...(first?.namespace ? { namespace: first.namespace } : {}),
    ...(first?.name ? { name: first.name } : {}),
    recipients: file.sops.recipients.map((r) => ({ type: r.type, id: r.id, group: r.group })),
    rule,
    ...(lookup.problem ? { ruleProblem: lookup.problem } : {}),
    ...(file.sops.lastModified ? { lastModified: file.sops.lastModified } : {}),
    ...(file.sops.version ? { sopsVersion: file.sops.version } : {}),
  };
}

function renderText(ctx: SecretsContext, files: readonly EncryptedFile[], lookups: readonly RuleLookup[]): string {
  if (files.length === 0) return `No SOPS-encrypted files in ${ctx.repo}\n`;
  const lines: string[] = [];
  files.forEach((file, i) => {
    const object = describeObject(file);
    lines.push(`${file.path}${object ? `  (${object})` : ''}`);
    const groups = file.sops.keyGroupCount > 1 ? ` in ${file.sops.keyGroupCount} key groups` : '';
    lines.push(`  recipients${groups}: ${file.sops.recipients.map((r) => (r.type === 'age' ? r.id : `${r.type} ${r.id}`)).join(', ') || 'none'}`);
    lines.push(`  rule: ${describeRule(ctx, lookups[i]!)}`);
    lines.push(`  last modified ${file.sops.lastModified ?? 'unknown'} by sops ${file.sops.version ?? 'unknown'}`);
  });
  lines.push('', `${files.length} encrypted file${files.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** What it accepts: its options besides --repo and --help, its operands. */
export const SECRETS_LIST = { command: 'list', help: SECRETS_LIST_HELP, options: { format: { type: 'string', default: 'text' } } as const, values: TEXT_OR_JSON } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsList = subcommand(SECRETS_LIST, async ({ ctx, values, positionals }) => {
  const { files, unreadable } = await findEncryptedFiles(ctx, positionals);
  for (const u of unreadable) ctx.io.err(`kustodian secrets list: ${u.path}: ${u.reason}\n`);
  const rules = new CreationRules(ctx);
  const lookups = await Promise.all(files.map((f) => rules.lookup(f.abs)));
  if (values.format === 'json') {
    const json = { version: 1, repository: ctx.repo, files: files.map((f, i) => listed(ctx, f, lookups[i]!)) };
    ctx.io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else ctx.io.out(renderText(ctx, files, lookups));
  return unreadable.length > 0 ? EXIT.findings : EXIT.ok;
});
