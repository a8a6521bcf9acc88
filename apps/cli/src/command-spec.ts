import type { OptionsConfig } from './args.js';
import type { Output } from './output.js';

export type Run = (argv: readonly string[], io: Output) => number | Promise<number>;

/** What a value completes to in a shell: these words, a file, a folder, or nothing to offer. */
export type Completion = readonly string[] | 'file' | 'folder' | 'none';

/**
 * One command or subcommand of `kustodian`: what help lists, what the
 * shell completion offers, and what runs. Every command has one.
 */
export interface CommandSpec {
  readonly name: string;
  /** Its arguments as help shows them after the name: `[DIR]`, `<subcommand>`, `FILE KEY`. */
  readonly args?: string;
  /** One line for the command list of help. */
  readonly summary: string;
  /** Its options, as parseCommandArgs takes them. */
  readonly options?: OptionsConfig;
  /** Completions of option values, by option name (a string option not listed completes to a file). */
  readonly values?: Readonly<Record<string, Completion>>;
  /** Completion of its positional arguments. @default 'none' */
  readonly positional?: Completion;
  readonly subcommands?: readonly CommandSpec[];
  /** What runs; undefined for a command that is listed for completion but not part of this build. */
  readonly run?: Run;
}

/** The command list of a help text, aligned. */
export function commandList(commands: readonly CommandSpec[]): string {
  const runnable = commands.filter((c) => c.run !== undefined);
  const heads = runnable.map((c) => `${c.name}${c.args ? ` ${c.args}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length));
  return runnable.map((c, i) => `  ${heads[i]!.padEnd(width)}  ${c.summary}`).join('\n');
}
