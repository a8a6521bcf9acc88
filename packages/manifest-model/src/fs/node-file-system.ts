import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    try {
      return readFileSync(abs);
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
        const kind = this.stat(path ? `${path}/${d.name}` : d.name);
        if (kind) out.push({ name: d.name, type: kind });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  stat(path: string): 'file' | 'directory' | undefined {
    if (this.stats.has(path)) return this.stats.get(path);
    const kind = this.statUncached(path);
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
