/**
 * The only IO seam of the model: a read-only tree of files addressed by
 * repository-relative POSIX paths ('' is the root, no leading './' or '/').
 */
export interface FileSystem {
  /** A human-readable description of where the files come from (a folder, `git:<rev>`). */
  readonly description: string;
  /** Bytes of a file, or undefined when there is no such file. */
  readFile(path: string): Uint8Array | undefined;
  /** Entries of a directory, sorted by name; empty when there is no such directory. */
  list(path: string): readonly DirectoryEntry[];
  /** What is at a path. */
  stat(path: string): 'file' | 'directory' | undefined;
  /** The first `length` bytes of a file (a bounded read, to tell its type), when the file system can read part of a file. */
  readHead?(path: string, length: number): Uint8Array | undefined;
  /**
   * A file's bytes when it is at most `maxBytes` long, else its size (not read); undefined when it cannot be read.
   * One open for both, where the file system can; readers use size() and readFile() otherwise.
   */
  readFileWithin?(path: string, maxBytes: number): Uint8Array | { readonly size: number } | undefined;
  /** Size of a file in bytes, when the file system can tell it without reading the file: readers check the size limit first. */
  size?(path: string): number | undefined;
  /** The real path of a folder (symbolic links resolved), when the file system has links: a walk visits each real folder once. */
  realPath?(path: string): string | undefined;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly type: 'file' | 'directory';
  /** A symbolic link (followed: `type` is what it points at). */
  readonly link?: boolean;
}

/** Normalise a repository-relative path: POSIX separators, no '.', resolves '..'. Returns undefined if it leaves the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Join repository-relative paths and normalise; undefined when the result leaves the root. */
export function joinPath(base: string, ...rest: string[]): string | undefined {
  return normalizePath([base, ...rest].join('/'));
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
