import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ManifestModelError } from '../errors.js';
import type { DirectoryEntry, FileSystem } from './file-system.js';
import { normalizePath } from './file-system.js';

/**
 * The real disk below a root folder. The only module of the model that
 * imports node:fs. It is a snapshot for one load: directory listings and
 * stats are cached for the life of the instance (a build asks for the same
 * paths many times); make a new instance to see later changes.
 */
export class NodeFileSystem implements FileSystem {
  readonly root: string;
  readonly description: string;
  private readonly stats = new Map<string, 'file' | 'directory' | undefined>();
  private readonly listings = new Map<string, readonly DirectoryEntry[]>();
  private readonly kinds = new Map<string, ReadonlyMap<string, 'file' | 'directory'>>();
  private realRoot: string | undefined;

  constructor(root: string) {
    this.root = resolve(root);
    let kind: 'file' | 'directory' | undefined;
    try {
      kind = statSync(this.root).isDirectory() ? 'directory' : 'file';
    } catch {
      kind = undefined;
    }
    if (kind !== 'directory') {
      throw new ManifestModelError('REPOSITORY_NOT_FOUND', `${root} is not a folder`, { root });
    }
    this.description = this.root;
  }

  private abs(path: string): string | undefined {
    const p = normalizePath(path);
    return p === undefined ? undefined : join(this.root, p);
  }

  readFile(path: string): Uint8Array | undefined {
    const abs = this.abs(path);
    if (abs === undefined) return undefined;
    // Only what the listing shows: a symbolic link out of the repository (a README or kustodian.yaml linked to a file elsewhere) is never read.
    if (this.stat(path) !== 'file') return undefined;
    try {
      return readFileSync(abs);
    } catch {
      return undefined;
    }
  }

  readFileWithin(path: string, maxBytes: number): Uint8Array | { readonly size: number } | undefined {
    const abs = this.abs(path);
    if (abs === undefined || this.stat(path) !== 'file') return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      const size = fstatSync(fd).size;
      if (size > maxBytes) return { size };
      const buffer = Buffer.allocUnsafe(size);
      let read = 0;
      for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, buffer, read, size - read, read);
      return buffer.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  readHead(path: string, length: number): Uint8Array | undefined {
    const abs = this.abs(path);
    if (abs === undefined || this.stat(path) !== 'file') return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      const buffer = new Uint8Array(length);
      const read = readSync(fd, buffer, 0, length, 0);
      return buffer.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  size(path: string): number | undefined {
    const abs = this.abs(path);
    if (abs === undefined || this.stat(path) !== 'file') return undefined;
    try {
      return statSync(abs).size;
    } catch {
      return undefined;
    }
  }

  realPath(path: string): string | undefined {
    const abs = this.abs(path);
    if (abs === undefined) return undefined;
    try {
      return realpathSync(abs);
    } catch {
      return undefined;
    }
  }

  list(path: string): readonly DirectoryEntry[] {
    const cached = this.listings.get(path);
    if (cached) return cached;
    const entries = this.listUncached(path);
    this.listings.set(path, entries);
    return entries;
  }

  private entryKinds(dir: string): ReadonlyMap<string, 'file' | 'directory'> {
    let kinds = this.kinds.get(dir);
    if (!kinds) {
      kinds = new Map(this.list(dir).map((e) => [e.name, e.type]));
      this.kinds.set(dir, kinds);
    }
    return kinds;
  }

  private listUncached(path: string): readonly DirectoryEntry[] {
    const abs = this.abs(path);
    if (abs === undefined) return [];
    let dirents;
    try {
      dirents = readdirSync(abs, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: DirectoryEntry[] = [];
    for (const d of dirents) {
      if (d.isDirectory()) out.push({ name: d.name, type: 'directory' });
      else if (d.isFile()) out.push({ name: d.name, type: 'file' });
      else if (d.isSymbolicLink()) {
        const kind = this.followedLink(abs, d.name);
        if (kind) out.push({ name: d.name, type: kind, link: true });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * What a symbolic link points at, when it is followed: only to a target
   * inside the root, and never to a folder that contains the link (a loop).
   */
  private followedLink(dirAbs: string, name: string): 'file' | 'directory' | undefined {
    try {
      const target = realpathSync(join(dirAbs, name));
      const root = (this.realRoot ??= realpathSync(this.root));
      if (target !== root && !target.startsWith(`${root}${sep}`)) return undefined;
      const s = statSync(target);
      if (s.isFile()) return 'file';
      if (!s.isDirectory()) return undefined;
      const dir = realpathSync(dirAbs);
      return dir === target || dir.startsWith(`${target}${sep}`) ? undefined : 'directory';
    } catch {
      return undefined;
    }
  }

  stat(path: string): 'file' | 'directory' | undefined {
    if (this.stats.has(path)) return this.stats.get(path);
    // Answered from the parent's (cached) listing: one readdir per folder instead of one stat per path.
    const p = normalizePath(path);
    let kind: 'file' | 'directory' | undefined;
    if (p === undefined) kind = undefined;
    else if (p === '') kind = this.statUncached('');
    else {
      const slash = p.lastIndexOf('/');
      const parent = slash < 0 ? '' : p.slice(0, slash);
      const name = p.slice(slash + 1);
      kind = this.stat(parent) === 'directory' ? this.entryKinds(parent).get(name) : undefined;
    }
    this.stats.set(path, kind);
    return kind;
  }

  private statUncached(path: string): 'file' | 'directory' | undefined {
    const abs = this.abs(path);
    if (abs === undefined) return undefined;
    try {
      const s = statSync(abs);
      return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The folder of the disk a file system reads; undefined for one that reads something else (a git revision, memory). */
export function diskRoot(fs: FileSystem): string | undefined {
  return fs instanceof NodeFileSystem ? fs.root : undefined;
}
