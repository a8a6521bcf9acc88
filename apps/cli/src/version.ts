import { readFileSync } from 'node:fs';
import { parseCommandArgs } from './args.js';
import type { Output } from './output.js';
import { EXIT } from './output.js';

let version: string | undefined;

/**
 * The version of this CLI, from its package.json: the folder above this
 * module's (src/ when run from source, dist/ when built or installed).
 */
export function cliVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

export const VERSION_OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/** `kustodian version` and `kustodian --version`: the version alone on a line. */
export function runVersion(argv: readonly string[], io: Output): number {
  const { values } = parseCommandArgs('kustodian version', argv, VERSION_OPTIONS, { maxPositionals: 0 });
  io.out(values.help ? 'Usage: kustodian version (or kustodian --version)\n\nPrint the version of kustodian.\n' : `${cliVersion()}\n`);
  return EXIT.ok;
}
