/**
 * Writes a file so that readers see the old or the new content, never a
 * partial one: a temporary file in the same folder, flushed, then renamed.
 * Every file Kustodian writes (reports, docs, SOPS files) goes through it.
 * Throws FileWriteError naming the file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileWriteError } from './errors.js';

export interface WriteFileAtomicOptions {
  /** Mode of a new file. An existing file keeps its mode. @default 0o600 */
  readonly mode?: number;
}

export async function writeFileAtomic(path: string, text: string, options: WriteFileAtomicOptions = {}): Promise<void> {
  let mode = options.mode ?? 0o600;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new FileWriteError(path, error);
    }
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new FileWriteError(path, error);
  }
}
