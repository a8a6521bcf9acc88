import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { FileSystem } from '../fs/file-system.js';
import { decodeUtf8 } from '../fs/file-system.js';
import type { FileRole } from './classify-file.js';
import { classifyFile } from './classify-file.js';

export interface RepositoryFile {
  readonly path: string;
  readonly role: FileRole;
  /** The Helm chart folder that holds the file, if any. */
  readonly chartRoot?: string;
}

export interface WalkOptions {
  /** gitignore-style patterns to leave out, relative to the root (from kustodian.yaml). */
  readonly ignore?: readonly string[];
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.nx']);

/**
 * Every file of the repository, sorted by path, classified. Respects
 * `.gitignore` files at every level and configured ignores; recognises Helm
 * chart folders (a `Chart.yaml`), whose templates are not manifests.
 */
export function walkRepository(fs: FileSystem, options: WalkOptions = {}): RepositoryFile[] {
  const out: RepositoryFile[] = [];
  const configured = ignore().add([...(options.ignore ?? [])]);
  const anyConfigured = (options.ignore ?? []).length > 0;
  // A folder reached through a symbolic link is walked only if its real folder has not been walked yet: a mesh of
  // folders linking to each other is walked in linear time (each real folder at most once through links, once where it is).
  const visited = new Set<string>();
  const rootReal = fs.realPath?.('');
  const visit = (dir: string, rules: readonly { base: string; ig: Ignore }[], chartRoot: string | undefined, throughLink: boolean): void => {
    if (rootReal !== undefined) {
      // Only a folder reached through a link can be somewhere else than its path says: the others cost no system call.
      const real = throughLink ? fs.realPath?.(dir) : dir === '' ? rootReal : `${rootReal}/${dir}`;
      if (real !== undefined) {
        if (throughLink && visited.has(real)) return;
        visited.add(real);
      }
    }
    const entries = fs.list(dir);
    let scoped = rules;
    const gitignore = entries.find((e) => e.type === 'file' && e.name === '.gitignore');
    if (gitignore) {
      const bytes = fs.readFile(dir ? `${dir}/.gitignore` : '.gitignore');
      if (bytes) scoped = [...rules, { base: dir, ig: ignore().add(decodeUtf8(bytes)) }];
    }
    const chart = chartRoot ?? (entries.some((e) => e.type === 'file' && e.name === 'Chart.yaml') ? dir : undefined);
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      const test = entry.type === 'directory' ? `${path}/` : path;
      if (anyConfigured && configured.ignores(test)) continue;
      if (scoped.some(({ base, ig }) => ig.ignores(base ? test.slice(base.length + 1) : test))) continue;
      if (entry.type === 'directory') {
        visit(path, scoped, chart, throughLink || entry.link === true);
      } else {
        let head: string | undefined;
        if (!/\.[A-Za-z0-9]+$/.test(entry.name)) {
          // A bounded read: a 1 GB file without extension is not read whole to tell its type.
          const bytes = fs.readHead ? fs.readHead(path, 64) : fs.readFile(path)?.subarray(0, 64);
          head = bytes ? decodeUtf8(bytes) : undefined;
        }
        const role = classifyFile(path, { chartRoot: chart, head });
        out.push(chart !== undefined ? { path, role, chartRoot: chart } : { path, role });
      }
    }
  };
  visit('', [], undefined, false);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
