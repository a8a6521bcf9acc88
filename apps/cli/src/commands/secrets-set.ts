/** `kustodian secrets set FILE KEY` (value from piped stdin) and `kustodian secrets unset FILE KEY`. */
import type { SopsPath } from '@kustodian/sops';
import { writeFileAtomic } from '@kustodian/core';
import { formatForPath, formatSopsPath, inspectSopsDocument, parseSopsPath, setSopsValue, unsetSopsValue } from '@kustodian/sops';
import { EXIT } from '../output.js';
import type { SecretsContext } from './secrets-context.js';
import { argumentPath, loadIdentities, readPipedStdin, readTextFile, SecretsInputError, shownPath, stdinTimeout, subcommand, usageError } from './secrets-context.js';
import type { SubcommandShape } from './secrets-context.js';
import type { OptionsConfig } from '../args.js';

export const SECRETS_SET_HELP = `Usage: printf '%s' "$VALUE" | kustodian secrets set [--repo DIR] [--raw] [--stdin-timeout S] FILE KEY
       kustodian secrets unset [--repo DIR] FILE KEY

set: give KEY the value read from stdin (one trailing newline is removed) and
write FILE atomically; every other value keeps its ciphertext. The value is
never taken from the command line, and set never waits for a terminal: stdin
must be piped. In a Secret, a value under data is base64-encoded for you
(--raw stores it as given). set refuses a KEY that the file's encryption rules
would leave in clear, and an empty value unless --allow-empty is given.
stdin must end within --stdin-timeout SECONDS (default 30): an open pipe that
nobody writes to is an error, not a hang.

unset: remove KEY.

KEY is a sops path (["data"]["password"], ["list"][0]) or a dotted shorthand
(stringData.password, spec.values.0.name). In a Secret, everything after
data. or stringData. is one key, so data.tls.crt is ["data"]["tls.crt"].
`;

function isSecretDocument(text: string, file: string): boolean {
  return inspectSopsDocument(text, { file }).kind === 'Secret';
}

/** KEY as a sops path: the bracket form, or dotted (numbers are list indices). */
export function parseKeyPath(key: string, options: { readonly secret: boolean; readonly dotenv: boolean }): SopsPath {
  if (key.trimStart().startsWith('[')) return parseSopsPath(key);
  if (options.dotenv) return [key];
  const dot = key.indexOf('.');
  const head = dot < 0 ? key : key.slice(0, dot);
  if (options.secret && (head === 'data' || head === 'stringData') && dot > 0 && dot < key.length - 1) return [head, key.slice(dot + 1)];
  const parts = key.split('.');
  if (parts.some((p) => p === '')) throw new SecretsInputError(`invalid KEY ${JSON.stringify(key)}: use a.b.c or the sops form ["a"]["b"]`);
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function isDotenv(abs: string): boolean {
  try {
    return formatForPath(abs) === 'dotenv';
  } catch {
    return false;
  }
}

interface Edit {
  readonly abs: string;
  readonly text: string;
  readonly path: SopsPath;
  readonly secret: boolean;
}

async function prepareEdit(ctx: SecretsContext, fileArg: string, keyArg: string): Promise<Edit> {
  const abs = argumentPath(ctx, fileArg);
  const text = await readTextFile(ctx, abs);
  const secret = isSecretDocument(text, shownPath(ctx, abs));
  return { abs, text, path: parseKeyPath(keyArg, { secret, dotenv: isDotenv(abs) }), secret };
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** The options of set and unset besides --repo and --help. */
export const SECRETS_SET = {
  command: 'set',
  help: SECRETS_SET_HELP,
  options: { raw: { type: 'boolean', default: false }, 'allow-empty': { type: 'boolean', default: false }, 'stdin-timeout': { type: 'string' } } as const,
  operands: { min: 2, max: 2, usage: 'expected FILE and KEY (the value is read from stdin)' },
} satisfies SubcommandShape<OptionsConfig>;
export const SECRETS_UNSET = { command: 'unset', help: SECRETS_SET_HELP, options: {} as const, operands: { min: 2, max: 2, usage: 'expected FILE and KEY' } } satisfies SubcommandShape<OptionsConfig>;

export const runSecretsSet = subcommand(SECRETS_SET, async ({ ctx, values, positionals }) => {
  const edit = await prepareEdit(ctx, positionals[0]!, positionals[1]!);
  const input = await readPipedStdin(ctx, 'the value', stdinTimeout(values['stdin-timeout']));
  let value = input.endsWith('\r\n') ? input.slice(0, -2) : input.endsWith('\n') ? input.slice(0, -1) : input;
  // An empty stdin is what cron, `ssh -n` and CI give: never blank a secret by accident.
  if (value === '' && !values['allow-empty']) return usageError(ctx, 'stdin is empty; pass --allow-empty to set an empty value');
  const encode = edit.secret && !values.raw && edit.path.length === 2 && edit.path[0] === 'data';
  if (encode) value = Buffer.from(value, 'utf8').toString('base64');
  const identities = await loadIdentities(ctx);
  const file = shownPath(ctx, edit.abs);
  const updated = await setSopsValue(edit.text, edit.path, value, { identities, file });
  // sops leaves empty values in clear (there is nothing to hide); any other value must end up encrypted.
  const encrypted = value === '' || inspectSopsDocument(updated, { file }).encryptedFields.some((f) => samePath(f.path, edit.path));
  if (!encrypted) {
    return usageError(ctx, `the encryption rules of ${file} leave ${formatSopsPath(edit.path)} in clear; nothing was written (set a key under data or stringData, or change the file's rules)`);
  }
  await writeFileAtomic(edit.abs, updated, { within: ctx.repo });
  ctx.io.out(`set ${formatSopsPath(edit.path)} in ${file}${encode ? ' (base64-encoded for data)' : ''}\n`);
  return EXIT.ok;
});

export const runSecretsUnset = subcommand(SECRETS_UNSET, async ({ ctx, positionals }) => {
  const edit = await prepareEdit(ctx, positionals[0]!, positionals[1]!);
  const identities = await loadIdentities(ctx);
  const file = shownPath(ctx, edit.abs);
  await writeFileAtomic(edit.abs, await unsetSopsValue(edit.text, edit.path, { identities, file }), { within: ctx.repo });
  ctx.io.out(`removed ${formatSopsPath(edit.path)} from ${file}\n`);
  return EXIT.ok;
});
