/**
 * What the `kustodian secrets` subcommands share: the repository and file
 * paths, keys, stdin, `.sops.yaml` lookup, and how errors end a command.
 * Nothing here prints a secret value.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isKustodianError, KustodianError } from '@kustodian/core';
import type { AgeIdentity, CreationRule, FoundSopsConfig } from '@kustodian/sops';
import { findCreationRule, findSopsConfig, loadAgeIdentities } from '@kustodian/sops';
import type { OptionsConfig, ParsedArgs } from '../args.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { repositoryOf } from '../repository.js';

/** What the secrets commands read besides argv; tests pass their own. */
export interface SecretsIo extends Output {
  /** Where keys are looked up (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, XDG_CONFIG_HOME). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** All of piped stdin, or undefined when stdin is a terminal. @default process.stdin */
  readonly readStdin?: () => Promise<string | undefined>;
  /** Folder that relative paths start from when --repo is not given. @default process.cwd() */
  readonly cwd?: string;
}

/** A problem with the command's input that stops it (exit 2); the message names files, never values. */
export class SecretsInputError extends KustodianError<'SECRETS_INPUT'> {
  override readonly name = 'SecretsInputError';
  constructor(message: string) {
    super('SECRETS_INPUT', message);
  }
}

export interface SecretsContext {
  readonly io: SecretsIo;
  /** The subcommand, for messages. */
  readonly command: string;
  /** Absolute repository folder: relative FILE and PATH arguments are relative to it. */
  readonly repo: string;
}

/** Options every subcommand takes. */
export const COMMON_OPTIONS = {
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ParsedSubcommand<Options extends OptionsConfig> extends ParsedArgs<typeof COMMON_OPTIONS & Options> {
  readonly ctx: SecretsContext;
}

/** The --format values of the commands that print text or JSON. */
export const TEXT_OR_JSON = { format: ['text', 'json'] } as const;

/** What a subcommand accepts, checked before it runs. */
export interface SubcommandShape<Options extends OptionsConfig> {
  /** Its name after `kustodian secrets`. */
  readonly command: string;
  readonly help: string;
  /** Its options besides COMMON_OPTIONS. */
  readonly options: Options;
  /** The values a string option may take (the table shell completion offers too). */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** How many operands (FILE, KEY, PATH) it takes, and the message when another number is given. */
  readonly operands?: { readonly min: number; readonly max?: number; readonly usage: string };
}

/**
 * Parses a subcommand's arguments (its options and COMMON_OPTIONS). Returns
 * undefined after printing `help` for --help. Throws UsageError for
 * arguments it cannot use (an unknown option, a value the option does not
 * take, a wrong number of operands) and for a --repo that is not a folder.
 */
export function parseSubcommand<const Options extends OptionsConfig>(argv: readonly string[], io: Output, shape: SubcommandShape<Options>): ParsedSubcommand<Options> | undefined {
  const prefix = `kustodian secrets ${shape.command}`;
  const { values, positionals } = parseCommandArgs(prefix, argv, { ...COMMON_OPTIONS, ...shape.options });
  const common = values as { help?: boolean; repo?: string };
  if (common.help) {
    io.out(shape.help);
    return undefined;
  }
  const secretsIo = io as SecretsIo;
  const repo = repositoryOf(prefix, common.repo, undefined, secretsIo.cwd ?? process.cwd());
  for (const [option, allowed] of Object.entries(shape.values ?? {})) {
    const value = (values as Record<string, unknown>)[option];
    if (typeof value === 'string' && !allowed.includes(value)) throw new UsageError(`${prefix}: unknown --${option} ${value}; use ${allowed.join(' or ')}`);
  }
  const operands = shape.operands;
  if (operands && (positionals.length < operands.min || positionals.length > (operands.max ?? Infinity))) throw new UsageError(`${prefix}: ${operands.usage}`);
  return { ctx: { io: secretsIo, command: shape.command, repo: repo.path }, values, positionals };
}

/**
 * A subcommand from its shape and what it does once its arguments are
 * parsed: --help prints the help, and an error `describeError` knows ends
 * the command with its message and exit status 2 (anything else is a bug
 * and propagates).
 */
export function subcommand<const Options extends OptionsConfig>(
  shape: SubcommandShape<Options>,
  run: (parsed: ParsedSubcommand<Options>) => Promise<number>,
): (argv: readonly string[], io: Output) => Promise<number> {
  return async (argv, io) => {
    const parsed = parseSubcommand(argv, io, shape);
    if (!parsed) return EXIT.ok;
    try {
      return await run(parsed);
    } catch (error) {
      return commandError(parsed.ctx, error);
    }
  };
}

/** A FILE or PATH argument as an absolute path (relative ones start at the repository). */
export function argumentPath(ctx: SecretsContext, arg: string): string {
  return isAbsolute(arg) ? arg : resolve(ctx.repo, arg);
}

/** How a path is shown: relative to the repository when inside it. */
export function shownPath(ctx: SecretsContext, abs: string): string {
  const rel = relative(ctx.repo, abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}

/** Prints `kustodian secrets <command>: <message>` on stderr and returns exit status 2. */
export function usageError(ctx: SecretsContext, message: string): number {
  ctx.io.err(`kustodian secrets ${ctx.command}: ${message}\n`);
  return EXIT.unusable;
}

/** The message of an error that stops a command: a SopsError with its code, or an input problem. */
export function describeError(error: unknown): string | undefined {
  if (error instanceof SecretsInputError) return error.message;
  if (isKustodianError(error)) return `${error.message} [${error.code}]`;
  return undefined;
}

/** Reports a KustodianError (a SopsError, a write that failed, an input problem) with exit 2; rethrows anything else. */
export function commandError(ctx: SecretsContext, error: unknown): number {
  const message = describeError(error);
  if (message === undefined) throw error;
  return usageError(ctx, message);
}

export async function readTextFile(ctx: SecretsContext, abs: string): Promise<string> {
  try {
    return await readFile(abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SecretsInputError(`cannot read ${shownPath(ctx, abs)} (${code})`);
  }
}

/** Every age identity sops would use; warnings about skipped keys go to stderr. */
export async function loadIdentities(ctx: SecretsContext): Promise<readonly AgeIdentity[]> {
  const loaded = await loadAgeIdentities(ctx.io.env ? { env: ctx.io.env } : {});
  for (const warning of loaded.warnings) ctx.io.err(`kustodian secrets ${ctx.command}: warning: ${warning}\n`);
  return loaded.identities;
}

/** How long `secrets set` and `import` wait for stdin to end, by default (`--stdin-timeout`). */
export const DEFAULT_STDIN_TIMEOUT_SECONDS = 30;

/** All of stdin, or undefined when it is a terminal; rejects when it has not ended within the deadline (an open pipe nobody writes to). */
function readProcessStdin(timeoutMs: number): Promise<string | undefined> {
  const stdin = process.stdin;
  if (stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const done = (fn: () => void) => {
      clearTimeout(timer);
      stdin.removeAllListeners('data').removeAllListeners('end').removeAllListeners('error');
      fn();
    };
    const timer = setTimeout(
      () =>
        done(() => {
          stdin.destroy();
          reject(new SecretsInputError(`stdin did not end within ${timeoutMs / 1000} s (--stdin-timeout): nothing is writing to it, or it was never closed`));
        }),
      timeoutMs,
    );
    stdin.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    stdin.on('end', () => done(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    stdin.on('error', (error: NodeJS.ErrnoException) => done(() => reject(new SecretsInputError(`stdin cannot be read (${error.code ?? error.message})`))));
  });
}

/** All of piped stdin, within `timeoutSeconds`. Throws when stdin is a terminal: the commands never wait for one. */
export async function readPipedStdin(ctx: SecretsContext, what: string, timeoutSeconds = DEFAULT_STDIN_TIMEOUT_SECONDS): Promise<string> {
  const text = await (ctx.io.readStdin ?? (() => readProcessStdin(timeoutSeconds * 1000)))();
  if (text === undefined) throw new SecretsInputError(`${what} is read from stdin, which is a terminal: pipe it in (e.g. \`printf '%s' "$VALUE" | kustodian secrets ${ctx.command} ...\`)`);
  return text;
}

/** `--stdin-timeout SECONDS` as a number of seconds; a usage error for anything but a positive number. */
export function stdinTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STDIN_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new SecretsInputError(`--stdin-timeout takes a number of seconds above 0, not ${JSON.stringify(value)}`);
  return seconds;
}

/** The `.sops.yaml` that governs a file and its creation rule for it, or why there is none. */
export interface RuleLookup {
  readonly config?: FoundSopsConfig;
  readonly rule?: CreationRule;
  /** Set when there is no rule: no `.sops.yaml`, one that does not parse, or no rule for the path. */
  readonly problem?: string;
}

/**
 * Finds the creation rule of the nearest `.sops.yaml` at or above a file's
 * folder (sops looks from the working directory; starting at the file makes
 * tree-wide commands behave the same wherever they run). Caches by folder.
 */
export class CreationRules {
  private readonly configs = new Map<string, Promise<FoundSopsConfig | undefined>>();

  constructor(private readonly ctx: SecretsContext) {}

  async lookup(abs: string): Promise<RuleLookup> {
    const dir = dirname(abs);
    let pending = this.configs.get(dir);
    if (!pending) {
      pending = findSopsConfig(dir);
      this.configs.set(dir, pending);
    }
    let config: FoundSopsConfig | undefined;
    try {
      config = await pending;
    } catch (error) {
      return { problem: describeError(error) ?? String(error) };
    }
    if (!config) return { problem: `no .sops.yaml at or above ${shownPath(this.ctx, dir)}` };
    try {
      return { config, rule: findCreationRule(config.config, abs) };
    } catch {
      return { config, problem: `no creation rule of ${shownPath(this.ctx, config.path)} matches ${shownPath(this.ctx, abs)}` };
    }
  }
}

/** `#1 (path_regex …)` for messages; rule numbers are 0-based as in `creation_rules`. */
export function describeRule(ctx: SecretsContext, lookup: RuleLookup): string {
  if (!lookup.rule || !lookup.config) return lookup.problem ?? 'no creation rule';
  const regex = lookup.rule.pathRegex === undefined ? 'matches every path' : `path_regex ${lookup.rule.pathRegex}`;
  return `${shownPath(ctx, lookup.config.path)} creation_rules[${lookup.rule.index}] (${regex})`;
}

/**
 * Runs `action` for each item in turn; a SopsError or input problem is
 * reported on stderr and the rest still run. Returns how many failed.
 */
export async function forEachReported<T>(ctx: SecretsContext, items: readonly T[], action: (item: T) => Promise<void>): Promise<number> {
  let failed = 0;
  for (const item of items) {
    try {
      await action(item);
    } catch (error) {
      const message = describeError(error);
      if (message === undefined) throw error;
      usageError(ctx, message);
      failed++;
    }
  }
  return failed;
}
