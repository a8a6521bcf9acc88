import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { PlannedFile } from './plan-docs.js';

/**
 * A unified diff (git style: `--- a/…`, `+++ b/…`) of every stale file,
 * from what is on disk to what `generate` would write. `label` prefixes the
 * paths (e.g. the repository folder) so that the diff names them as the
 * reader knows them.
 */
export function staleDiff(files: readonly PlannedFile[], label = ''): string {
  const prefix = label === '' || label === '.' ? '' : `${label.replace(/^\/+|\/+$/g, '')}/`;
  return files
    .filter((f) => f.before !== f.after)
    .map((f) =>
      createTwoFilesPatch(
        f.before === undefined ? '/dev/null' : `a/${prefix}${f.path}`,
        f.after === undefined ? '/dev/null' : `b/${prefix}${f.path}`,
        f.before ?? '',
        f.after ?? '',
        undefined,
        undefined,
        { context: 3, headerOptions: FILE_HEADERS_ONLY },
      ),
    )
    .join('');
}
