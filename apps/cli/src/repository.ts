/** The repository a command reads: the folder the user named, or the current directory. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args.js';

export interface Repository {
  /** Absolute path. */
  readonly path: string;
  /** How messages name it: as the user gave it, or the absolute path of the current directory when they gave none. */
  readonly label: string;
}

/**
 * The repository of `--repo DIR` or a DIR argument (not both), else the
 * current directory. Throws UsageError naming the path as given when it is
 * not a folder.
 */
export function repositoryOf(command: string, option: string | undefined, argument?: string, cwd = process.cwd()): Repository {
  if (option !== undefined && argument !== undefined) throw new UsageError(`${command}: the repository is given twice (--repo ${option} and ${argument}); give one`);
  const given = option ?? argument;
  const path = resolve(cwd, given ?? '.');
  const label = given ?? path;
  let kind: 'folder' | 'other' | undefined;
  try {
    kind = statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    kind = undefined;
  }
  if (kind === undefined) throw new UsageError(`${command}: ${label}: no such folder`);
  if (kind === 'other') throw new UsageError(`${command}: ${label}: not a folder`);
  return { path, label };
}
