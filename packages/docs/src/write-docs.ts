import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isKustodianError, writeFileAtomic } from '@kustodian/core';
import type { PlannedFile } from './plan-docs.js';

/** What a write of the docs did: the files written or removed, and those refused (a link out of the repository …), each with why. */
export interface DocsWrite {
  readonly written: readonly string[];
  readonly refused: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * Writes every stale file under `root` atomically (a temporary file, then a
 * rename); removes the ones that must go. A file that cannot be written
 * (a symbolic link out of the repository: never written through) is refused
 * and the others are still written.
 */
export async function writeDocs(root: string, files: readonly PlannedFile[]): Promise<DocsWrite> {
  const written: string[] = [];
  const refused: { path: string; reason: string }[] = [];
  for (const file of files) {
    if (file.before === file.after) continue;
    const path = join(root, file.path);
    try {
      if (file.after === undefined) {
        await unlink(path);
      } else {
        await mkdir(dirname(path), { recursive: true });
        // Through a symbolic link only when it stays in the repository: a README linked to a file elsewhere is never rewritten.
        await writeFileAtomic(path, file.after, { mode: 0o644, within: root });
      }
      written.push(file.path);
    } catch (error) {
      if (!isKustodianError(error)) throw error;
      refused.push({ path: file.path, reason: error.message });
    }
  }
  return { written, refused };
}
