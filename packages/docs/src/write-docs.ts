import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@kustodian/core';
import type { PlannedFile } from './plan-docs.js';

/** Writes every stale file under `root` atomically (a temporary file, then a rename); removes the ones that must go. Returns their paths. */
export async function writeDocs(root: string, files: readonly PlannedFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    if (file.before === file.after) continue;
    const path = join(root, file.path);
    if (file.after === undefined) {
      await unlink(path);
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, file.after, { mode: 0o644 });
    }
    written.push(file.path);
  }
  return written;
}
