/**
 * Which files of the repository are in a source's artifact, as
 * source-controller and `flux push artifact` build it: the files under the
 * source's root, minus Flux's default exclusions (unless `spec.ignore` is
 * set, which replaces them), minus what the `.sourceignore` files at or
 * above each file exclude, with `spec.ignore` applied last. Patterns are
 * gitignore patterns matched as source-controller's go-git matcher does:
 * the last pattern that matches the file or one of its folders decides, so
 * a `!` pattern naming a file takes it back out of an excluded folder (git itself
 * would not), and a deeper `.sourceignore` comes after a shallower one.
 */
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { DocumentStore } from '../documents/document-store.js';
import { isFluxDefaultExcluded } from '../files/classify-file.js';
import type { RepositoryFile } from '../files/walk-repository.js';

/** One pattern, with the folder it is relative to. */
interface IgnorePattern {
  readonly base: string;
  readonly negative: boolean;
  /** Matches the path or one of its folders. */
  readonly ig: Ignore;
}

function patternsOf(text: string, base: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negative = line.startsWith('!');
    const pattern = negative ? line.slice(1) : line;
    if (pattern !== '') out.push({ base, negative, ig: ignore().add(pattern) });
  }
  return out;
}

function within(base: string, path: string): string | undefined {
  if (base === '') return path;
  return path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
}

/** A test for "is this repository file in the artifact of the source rooted at `root`". */
export function artifactFilter(files: readonly RepositoryFile[], store: DocumentStore, root: string, specIgnore: string | undefined): (path: string) => boolean {
  const ignoreFiles: { base: string; text: string }[] = [];
  for (const file of files) {
    if (file.path !== '.sourceignore' && !file.path.endsWith('/.sourceignore')) continue;
    const base = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    if (root !== '' && base !== root && !base.startsWith(`${root}/`)) continue;
    const text = store.text(file.path);
    if (text !== undefined) ignoreFiles.push({ base, text });
  }
  // Shallower files first: a deeper .sourceignore has the last word.
  ignoreFiles.sort((a, b) => a.base.split('/').length - b.base.split('/').length || (a.base < b.base ? -1 : 1));
  const patterns = ignoreFiles.flatMap((f) => patternsOf(f.text, f.base));
  if (specIgnore !== undefined) patterns.push(...patternsOf(specIgnore, root));
  return (path) => {
    const rel = within(root, path);
    if (rel === undefined || rel === '') return false;
    let excluded = specIgnore === undefined && isFluxDefaultExcluded(rel);
    for (const { base, negative, ig } of patterns) {
      const local = within(base, path);
      if (local !== undefined && local !== '' && ig.ignores(local)) excluded = !negative;
    }
    return !excluded;
  };
}
