import { existsSync, readFileSync } from 'node:fs';
import { parseCommandArgs } from './args.js';
import type { Output } from './output.js';
import { EXIT } from './output.js';

let version: string | undefined;

/**
 * The version of this CLI, from its package.json: the nearest one above this
 * module (src/ when run from source, dist/ when built, dist/bundle/ when
 * installed from the package).
 */
export function cliVersion(): string {
  version ??= (JSON.parse(readFileSync(packageJson(), 'utf8')) as { version: string }).version;
  return version;
}

function packageJson(): URL {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const candidate = new URL('package.json', dir);
    if (existsSync(candidate) && isOurs(candidate)) return candidate;
    if (dir.pathname === '/') throw new Error(`kustodian: no package.json above ${import.meta.url}`);
  }
}

function isOurs(url: URL): boolean {
  try {
    return (JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown }).name === 'kustodian';
  } catch {
    return false;
  }
}

export const VERSION_OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/** `kustodian version` and `kustodian --version`: the version alone on a line. */
export function runVersion(argv: readonly string[], io: Output): number {
  const { values } = parseCommandArgs('kustodian version', argv, VERSION_OPTIONS, { maxPositionals: 0 });
  io.out(values.help ? 'Usage: kustodian version (or kustodian --version)\n\nPrint the version of kustodian.\n' : `${cliVersion()}\n`);
  return EXIT.ok;
}
