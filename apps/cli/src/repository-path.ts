import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The embedded example repository: `examples/` at the root of the Kustodian workspace this CLI runs from. */
export function defaultRepository(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = resolve(dir, 'examples');
    if (existsSync(resolve(candidate, 'clusters'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}
