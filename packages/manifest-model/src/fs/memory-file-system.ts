import type { DirectoryEntry, FileSystem } from './file-system.js';
import { normalizePath } from './file-system.js';

/** An in-memory tree built from `{ path: content }` (tests, PR previews). */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Map<string, Map<string, 'file' | 'directory'>>();

  constructor(
    tree: Readonly<Record<string, string | Uint8Array>>,
    readonly description = 'memory',
  ) {
    this.dirs.set('', new Map());
    for (const [raw, content] of Object.entries(tree)) {
      const path = normalizePath(raw);
      if (!path) throw new TypeError(`invalid path in memory tree: ${raw}`);
      this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      const parts = path.split('/');
      let dir = '';
      for (let i = 0; i < parts.length; i++) {
        const name = parts[i]!;
        const isFile = i === parts.length - 1;
        const entries = this.dirs.get(dir)!;
        entries.set(name, isFile ? 'file' : 'directory');
        dir = dir ? `${dir}/${name}` : name;
        if (!isFile && !this.dirs.has(dir)) this.dirs.set(dir, new Map());
      }
    }
  }

  readFile(path: string): Uint8Array | undefined {
    const p = normalizePath(path);
    return p === undefined ? undefined : this.files.get(p);
  }

  list(path: string): readonly DirectoryEntry[] {
    const p = normalizePath(path);
    const entries = p === undefined ? undefined : this.dirs.get(p);
    if (!entries) return [];
    return [...entries].map(([name, type]) => ({ name, type })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  stat(path: string): 'file' | 'directory' | undefined {
    const p = normalizePath(path);
    if (p === undefined) return undefined;
    if (this.files.has(p)) return 'file';
    return this.dirs.has(p) ? 'directory' : undefined;
  }
}
