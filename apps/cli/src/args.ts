/**
 * Command-line arguments for every command: node:util parseArgs, with one
 * clear line (and a "did you mean") for what it would refuse.
 */
import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { closestWord, KustodianError } from '@kustodian/core';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The command line cannot be used (exit 2). The message is the whole line, e.g. `kustodian audit: unknown option --formt`. */
export class UsageError extends KustodianError<'USAGE'> {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** ` did you mean X?` for the nearest candidate, or ''. */
export function didYouMean(word: string, candidates: readonly string[], quote = ''): string {
  const near = closestWord(word, candidates);
  return near === undefined ? '' : `; did you mean ${quote}${near}${quote}?`;
}

/** The line for a command or subcommand that does not exist. */
export function unknownCommand(prefix: string, what: 'command' | 'subcommand', name: string, names: readonly string[]): UsageError {
  const hint = didYouMean(name, names, "'");
  return new UsageError(`${prefix}: unknown ${what} '${name}'${hint ? `${hint} ` : '. '}Run '${prefix} --help'.`);
}

export interface ParsedArgs<Options extends OptionsConfig> {
  readonly values: ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true; strict: true }>>['values'];
  readonly positionals: string[];
}

/**
 * Parses `argv` for `command` (e.g. `kustodian audit`, used in messages).
 * Throws UsageError for an unknown option (with the nearest known one), an
 * option without its value, a value given to a flag, and more positional
 * arguments than `maxPositionals`.
 */
export function parseCommandArgs<const Options extends OptionsConfig>(
  command: string,
  argv: readonly string[],
  options: Options,
  { maxPositionals = Infinity }: { readonly maxPositionals?: number } = {},
): ParsedArgs<Options> {
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const longNames = Object.keys(options).map((name) => `--${name}`);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) {
      const hint = token.rawName.startsWith('--') ? didYouMean(token.rawName, longNames) : '';
      throw new UsageError(`${command}: unknown option ${token.rawName}${hint || `; run '${command} --help' for the options`}`);
    }
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      const got = token.value === undefined ? '' : ` (a value that starts with '-' is given as ${token.rawName}=${token.value})`;
      throw new UsageError(`${command}: option ${token.rawName} needs a value${got}`);
    }
    if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`${command}: option ${token.rawName} takes no value`);
  }
  const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  if (positionals.length > maxPositionals) {
    const extra = positionals[maxPositionals]!;
    throw new UsageError(`${command}: unexpected argument '${extra}'; run '${command} --help' for the usage`);
  }
  return { values, positionals };
}
