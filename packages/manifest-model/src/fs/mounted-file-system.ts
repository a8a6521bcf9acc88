import type { DirectoryEntry, FileSystem } from './file-system.js';
import { normalizePath } from './file-system.js';

/**
 * A file system with other file systems mounted at folders of it: what
 * kustodian.yaml `sources.paths` maps a Flux source to when that folder is
 * outside the checkout (`../platform-repo`), so that the model reads it as
 * the source's artifact. Paths under a mount point go to the mounted file
 * system; the mount points appear as folders of their parents.
 */
export class MountedFileSystem implements FileSystem {
  readonly description: string;

  constructor(
    private readonly base: FileSystem,
    private readonly mounts: ReadonlyMap<string, FileSystem>,
  ) {
    this.description = `${base.description} (with ${[...mounts.keys()].join(', ')})`;
  }

  /** The file system that holds a path, and the path in it. */
  private route(path: string): { fs: FileSystem; path: string } {
    const p = normalizePath(path) ?? path;
    for (const [point, fs] of this.mounts) {
      if (p === point) return { fs, path: '' };
      if (p.startsWith(`${point}/`)) return { fs, path: p.slice(point.length + 1) };
    }
    return { fs: this.base, path: p };
  }

  readFile(path: string): Uint8Array | undefined {
    const r = this.route(path);
    return r.fs.readFile(r.path);
  }

  stat(path: string): 'file' | 'directory' | undefined {
    const p = normalizePath(path) ?? path;
    if ([...this.mounts.keys()].some((point) => point.startsWith(`${p}/`) || (p === '' && point !== ''))) return 'directory';
    const r = this.route(path);
    return r.fs.stat(r.path);
  }

  list(path: string): readonly DirectoryEntry[] {
    const p = normalizePath(path) ?? path;
    const r = this.route(path);
    const own = r.fs.list(r.path);
    // Mount points (and the folders that lead to them) directly below this folder.
    const names = new Set(own.map((e) => e.name));
    const extra: DirectoryEntry[] = [];
    for (const point of this.mounts.keys()) {
      const rest = p === '' ? point : point.startsWith(`${p}/`) ? point.slice(p.length + 1) : undefined;
      const name = rest?.split('/')[0];
      if (name && !names.has(name)) {
        names.add(name);
        extra.push({ name, type: 'directory' });
      }
    }
    return [...own, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
