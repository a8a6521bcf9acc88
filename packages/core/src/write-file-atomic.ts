/**
 * Writes a file so that readers see the old or the new content, never a
 * partial one: a temporary file in the same folder, flushed, then renamed.
 * Every file Kustodian writes (reports, docs, SOPS files) goes through it.
 * Throws FileWriteError naming the file.
 *
 * Only a regular file is replaced. A device, FIFO or socket (`--output
 * /dev/stdout`, a named pipe) is written to directly, and stays what it is.
 * A symbolic link is written through (the link is kept, its target replaced
 * atomically) when its target is inside `within`, and refused otherwise.
 * Temporary files are named `.<name>.kustodian-<random>.tmp`, removed on
 * every error, and those a killed run left behind are removed by the next
 * write of the same file.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { FileWriteError } from './errors.js';

export interface WriteFileAtomicOptions {
  /** Mode of a new file. An existing file keeps its mode. @default 0o600 */
  readonly mode?: number;
  /**
   * The folder a symbolic link may point into (the repository). A link whose
   * target is outside it is refused; without `within`, every link is refused.
   */
  readonly within?: string;
}

/** How old a temporary file of ours must be to count as left behind by a killed run, in ms. */
const STALE_MS = 60_000;

const TEMP_MARK = '.kustodian-';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Removes `.<name>.kustodian-*.tmp` files older than STALE_MS beside the file: what a run killed mid-write left. */
async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const temp = join(dir, name);
    try {
      if (now - (await lstat(temp)).mtimeMs > STALE_MS) await unlink(temp);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

export async function writeFileAtomic(path: string, text: string, options: WriteFileAtomicOptions = {}): Promise<void> {
  let target = resolve(path);
  let mode = options.mode ?? 0o600;
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink()) {
      const real = await realpath(target).catch(() => undefined);
      const root = options.within === undefined ? undefined : await realpath(options.within).catch(() => resolve(options.within!));
      if (real === undefined || root === undefined || !isInside(root, real)) {
        throw new FileWriteError(path, new Error(real === undefined ? 'it is a symbolic link to nothing; not written' : `it is a symbolic link to ${real}, outside ${root ?? 'the repository'}; not written through`));
      }
      target = real;
    }
    const real = target === resolve(path) ? info : await stat(target);
    if (real.isDirectory()) throw new FileWriteError(path, new Error('it is a folder'));
    if (!real.isFile()) {
      // A device, FIFO or socket: what is written to it is the output; it is not replaced by a file.
      await writeFile(target, text, 'utf8');
      return;
    }
    mode = real.mode & 0o7777;
  } catch (error) {
    if (error instanceof FileWriteError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileWriteError(path, error);
  }
  await removeStaleTemps(target);
  const temp = join(dirname(target), `.${basename(target)}${TEMP_MARK}${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new FileWriteError(path, error);
  }
}
