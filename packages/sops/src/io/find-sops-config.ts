/**
 * Finds and reads `.sops.yaml` the way sops does: from a starting folder
 * (sops uses the working directory) upward, at most 100 levels. A
 * `.sops.yml` is never used, only reported.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseSopsConfig } from '../creation-rules.js';
import type { SopsConfig } from '../creation-rules.js';
import { SopsError } from '../errors.js';

const MAX_DEPTH = 100;

/** The only name sops looks for (`.sops.yml` is never read). */
export const SOPS_CONFIG_FILE = '.sops.yaml';

export interface FoundSopsConfig {
  /** Absolute path of the `.sops.yaml`. */
  readonly path: string;
  readonly config: SopsConfig;
  /** E.g. a `.sops.yml` that was ignored. */
  readonly warnings: readonly string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The nearest `.sops.yaml` at or above `startDir`, parsed; undefined when there is none. */
export async function findSopsConfig(startDir: string): Promise<FoundSopsConfig | undefined> {
  const warnings: string[] = [];
  let dir = resolve(startDir);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const candidate = join(dir, SOPS_CONFIG_FILE);
    if (await exists(candidate)) {
      let text: string;
      try {
        text = await readFile(candidate, 'utf8');
      } catch (error) {
        throw new SopsError('SOPS_CONFIG_INVALID', `cannot read ${candidate}`, { file: candidate }, { cause: error });
      }
      return { path: candidate, config: parseSopsConfig(text, { directory: dir, file: candidate }), warnings };
    }
    const alternate = join(dir, '.sops.yml');
    if (warnings.length === 0 && (await exists(alternate))) {
      warnings.push(`ignoring ${alternate}: the config file must be called .sops.yaml`);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
