/**
 * Entries of a kustomization's `resources:`, `components:` or `bases:` list
 * that are commented out (`# - ./app`): the usual way a home-lab repository
 * switches an app off. The kustomization reading drops comments, so they are
 * read from the file's text.
 */
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { dirname, normalizePath } from '../fs/file-system.js';
import type { SourceLocation } from '../source-location.js';

/** A commented-out list entry and the path it names (repository-relative, normalised). */
export interface CommentedEntry {
  readonly entry: string;
  readonly path: string;
  readonly location: SourceLocation;
}

const LIST_KEY = /^(\s*)(resources|components|bases):\s*(#.*)?$/;
const COMMENTED_ITEM = /^(\s*)#\s*-\s+["']?([^"'\s#]+)["']?\s*(#.*)?$/;

/** Every commented-out entry of the repository's kustomization files, in file and line order. */
export function commentedOutEntries(files: readonly RepositoryFile[], store: DocumentStore): CommentedEntry[] {
  const out: CommentedEntry[] = [];
  for (const file of files) {
    if (file.role !== 'kustomization') continue;
    const text = store.rawText(file.path);
    if (text === undefined || !text.includes('#')) continue;
    const dir = dirname(file.path);
    let indent: number | undefined;
    text.split('\n').forEach((line, i) => {
      const key = LIST_KEY.exec(line);
      if (key) {
        indent = key[1]!.length;
        return;
      }
      if (indent === undefined || line.trim() === '') return;
      const item = COMMENTED_ITEM.exec(line);
      if (item) {
        const path = normalizePath(dir === '' ? item[2]! : `${dir}/${item[2]!}`);
        if (path !== undefined && !/^[a-z]+:\/\//.test(item[2]!)) out.push({ entry: item[2]!, path, location: { file: file.path, line: i + 1, column: item[1]!.length + 1 } });
        return;
      }
      // The list ends at the next key at its level or above (a comment or an item does not end it).
      const own = line.length - line.trimStart().length;
      if (!line.trimStart().startsWith('#') && !line.trimStart().startsWith('- ') && own <= indent) indent = undefined;
    });
  }
  return out;
}
