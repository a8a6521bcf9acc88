import { execFileSync } from 'node:child_process';
import { Buffer, constants as bufferConstants } from 'node:buffer';
import { resolve } from 'node:path';
import { ManifestModelError } from '../errors.js';
import type { DirectoryEntry, FileSystem } from './file-system.js';
import { normalizePath } from './file-system.js';

export interface GitFileSystemOptions {
  /** Read the content of every file when opening, instead of on the first `readFile`. @default false */
  readonly eager?: boolean;
  /**
   * Files larger than this are left out of the one bulk read and read on
   * their own when asked for (they are not kept). @default 8 MiB
   */
  readonly largeFileBytes?: number;
  /** Longest a single git command may run, in milliseconds. @default 300000 */
  readonly timeoutMs?: number;
  /** The git executable. @default 'git' */
  readonly gitBinary?: string;
}

/** One entry of `git ls-tree -r -l`: a blob, a symbolic link or a submodule. */
export interface GitTreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  /** Bytes of the blob; undefined for a submodule. */
  readonly size: number | undefined;
  readonly path: string;
}

/** An entry of the tree that the file system does not show. */
export interface SkippedGitEntry {
  readonly path: string;
  readonly reason: 'symlink' | 'submodule';
}

const DEFAULT_LARGE_FILE_BYTES = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 300_000;
const MODE_SYMLINK = '120000';
const MODE_SUBMODULE = '160000';
/** Variables that would point git at another repository than the one asked for. */
const REDIRECTING_GIT_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX'];

/**
 * The tree of one commit of a git repository, read through the `git` CLI
 * without a checkout: the commit is resolved once, its tree is listed with
 * `git ls-tree`, and file contents come from a single `git cat-file --batch`
 * (on the first `readFile`, or at open with `eager`). Paths are relative to
 * the top of the repository. Symbolic links are not followed and submodules
 * are not entered: both are left out and listed in `skipped`.
 */
export class GitFileSystem implements FileSystem {
  readonly description: string;
  readonly skipped: readonly SkippedGitEntry[];
  private readonly files = new Map<string, { readonly oid: string; readonly size: number }>();
  private readonly dirs = new Map<string, DirectoryEntry[]>();
  private blobs: Map<string, Uint8Array> | undefined;

  private constructor(
    /** The repository folder (work tree or bare repository) as an absolute path. */
    readonly repoDir: string,
    /** The revision as given to `open`. */
    readonly revision: string,
    /** The full id of the commit the revision resolved to. */
    readonly commit: string,
    entries: readonly GitTreeEntry[],
    private readonly options: GitFileSystemOptions,
  ) {
    this.description = `git:${revision}`;
    const skipped: SkippedGitEntry[] = [];
    const children = new Map<string, Map<string, 'file' | 'directory'>>([['', new Map()]]);
    for (const entry of entries) {
      if (entry.mode === MODE_SUBMODULE || entry.type === 'commit') {
        skipped.push({ path: entry.path, reason: 'submodule' });
        continue;
      }
      if (entry.mode === MODE_SYMLINK) {
        skipped.push({ path: entry.path, reason: 'symlink' });
        continue;
      }
      if (entry.type !== 'blob' || entry.size === undefined) continue;
      this.files.set(entry.path, { oid: entry.oid, size: entry.size });
      addParents(children, entry.path);
    }
    for (const [dir, names] of children) {
      const list = [...names].map(([name, type]) => ({ name, type }));
      this.dirs.set(dir, list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    }
    this.skipped = skipped;
  }

  /**
   * Open `revision` (anything `git rev-parse` accepts: a branch, a tag, a
   * commit id, `HEAD~2`) of the repository at `repoDir`.
   * @throws ManifestModelError REPOSITORY_NOT_FOUND when `repoDir` is not a git repository,
   *   GIT_REVISION_NOT_FOUND when the revision names no commit, GIT_FAILED when git cannot run or fails.
   */
  static open(repoDir: string, revision: string, options: GitFileSystemOptions = {}): GitFileSystem {
    const dir = resolve(repoDir);
    const git = (args: readonly string[], input?: string, maxBuffer?: number): Buffer => runGit(dir, args, options, input, maxBuffer);
    try {
      git(['rev-parse', '--git-dir']);
    } catch (error) {
      if (exitStatus(error) !== undefined) {
        const reason = String((error as ManifestModelError).details['stderr'] ?? '').split('\n')[0];
        throw new ManifestModelError('REPOSITORY_NOT_FOUND', `${repoDir} is not a git repository${reason ? ` (${reason})` : ''}`, { root: dir }, { cause: error });
      }
      throw error;
    }
    let commit: string;
    try {
      commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).toString('utf8').trim();
    } catch (error) {
      if (exitStatus(error) === 1) {
        throw new ManifestModelError('GIT_REVISION_NOT_FOUND', `revision ${revision} names no commit in ${repoDir}`, { root: dir, revision }, { cause: error });
      }
      throw error;
    }
    const listing = git(['ls-tree', '-r', '-z', '-l', '--full-tree', commit], undefined, 1024 * 1024 * 1024);
    const fs = new GitFileSystem(dir, revision, commit, parseLsTree(listing), options);
    if (options.eager) fs.loadBlobs();
    return fs;
  }

  readFile(path: string): Uint8Array | undefined {
    const p = normalizePath(path);
    const file = p === undefined ? undefined : this.files.get(p);
    if (!file) return undefined;
    if (file.size > this.largeFileBytes) return this.readLargeBlob(file.oid, file.size);
    const bytes = this.loadBlobs().get(file.oid);
    return bytes ? new Uint8Array(bytes) : undefined;
  }

  list(path: string): readonly DirectoryEntry[] {
    const p = normalizePath(path);
    return (p === undefined ? undefined : this.dirs.get(p)) ?? [];
  }

  stat(path: string): 'file' | 'directory' | undefined {
    const p = normalizePath(path);
    if (p === undefined) return undefined;
    if (this.files.has(p)) return 'file';
    return this.dirs.has(p) ? 'directory' : undefined;
  }

  private get largeFileBytes(): number {
    return this.options.largeFileBytes ?? DEFAULT_LARGE_FILE_BYTES;
  }

  /** Every blob up to `largeFileBytes`, read through one `git cat-file --batch`. */
  private loadBlobs(): Map<string, Uint8Array> {
    if (this.blobs) return this.blobs;
    const sizes = new Map<string, number>();
    for (const { oid, size } of this.files.values()) if (size <= this.largeFileBytes) sizes.set(oid, size);
    const oids = [...sizes.keys()];
    if (oids.length === 0) {
      this.blobs = new Map();
      return this.blobs;
    }
    let expectedBytes = 0;
    for (const [oid, size] of sizes) expectedBytes += catFileFrameLength(oid, size);
    const maxBuffer = expectedBytes + 64 * 1024;
    if (maxBuffer > bufferConstants.MAX_LENGTH) {
      throw new ManifestModelError('GIT_FAILED', `the files of ${this.description} (${expectedBytes} bytes) are too large to read at once`, {
        root: this.repoDir,
        revision: this.revision,
      });
    }
    const output = runGit(this.repoDir, ['cat-file', '--batch', '--buffer'], this.options, `${oids.join('\n')}\n`, maxBuffer);
    this.blobs = parseCatFileBatch(output, oids);
    return this.blobs;
  }

  private readLargeBlob(oid: string, size: number): Uint8Array {
    const bytes = runGit(this.repoDir, ['cat-file', 'blob', oid], this.options, undefined, size + 1024);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }
}

/** Record `path` (a file) and every folder above it in `children`. */
function addParents(children: Map<string, Map<string, 'file' | 'directory'>>, path: string): void {
  let child = path;
  let type: 'file' | 'directory' = 'file';
  for (;;) {
    const slash = child.lastIndexOf('/');
    const dir = slash < 0 ? '' : child.slice(0, slash);
    let names = children.get(dir);
    const known = names !== undefined;
    if (!names) children.set(dir, (names = new Map()));
    names.set(child.slice(slash + 1), type);
    if (known || dir === '') return;
    child = dir;
    type = 'directory';
  }
}

/** Bytes `git cat-file --batch` prints for one blob: `<oid> blob <size>\n<content>\n`. */
function catFileFrameLength(oid: string, size: number): number {
  return oid.length + ' blob '.length + String(size).length + 1 + size + 1;
}

/** Parse the NUL-terminated output of `git ls-tree -r -z -l`: `<mode> <type> <oid> <size>\t<path>\0`. */
export function parseLsTree(output: Uint8Array): GitTreeEntry[] {
  const text = new TextDecoder('utf-8').decode(output);
  const entries: GitTreeEntry[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\0', pos);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', pos);
    const modeEnd = text.indexOf(' ', pos);
    const typeEnd = text.indexOf(' ', modeEnd + 1);
    const oidEnd = text.indexOf(' ', typeEnd + 1);
    if (tab < 0 || tab > end || modeEnd < 0 || typeEnd < 0 || oidEnd < 0 || oidEnd > tab) {
      throw new ManifestModelError('GIT_FAILED', `unexpected git ls-tree output: ${JSON.stringify(text.slice(pos, Math.min(end, pos + 200)))}`);
    }
    const size = text.slice(oidEnd + 1, tab).trim();
    entries.push({
      mode: text.slice(pos, modeEnd),
      type: text.slice(modeEnd + 1, typeEnd),
      oid: text.slice(typeEnd + 1, oidEnd),
      size: size === '-' ? undefined : Number(size),
      path: text.slice(tab + 1, end),
    });
    pos = end + 1;
  }
  return entries;
}

/**
 * Parse the output of `git cat-file --batch` for `oids` (in the order they
 * were asked for): frames `<oid> <type> <size>\n<content>\n`, or
 * `<name> missing\n`. The contents are plain Uint8Array views into `output`.
 */
export function parseCatFileBatch(output: Uint8Array, oids: readonly string[]): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  const bytes = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  let pos = 0;
  for (const oid of oids) {
    const newline = bytes.indexOf(0x0a, pos);
    if (newline < 0) throw new ManifestModelError('GIT_FAILED', `git cat-file output ended before object ${oid}`, { oid });
    const header = bytes.toString('latin1', pos, newline).split(' ');
    if (header[1] === 'missing' || header[1] === 'ambiguous') {
      throw new ManifestModelError('GIT_FAILED', `git object ${oid} is ${header[1]}`, { oid });
    }
    const size = Number(header[2]);
    if (header.length !== 3 || header[0] !== oid || !Number.isSafeInteger(size) || size < 0) {
      throw new ManifestModelError('GIT_FAILED', `unexpected git cat-file header for ${oid}: ${JSON.stringify(header.join(' ').slice(0, 200))}`, { oid });
    }
    const start = newline + 1;
    const end = start + size;
    if (end >= output.length || output[end] !== 0x0a) {
      throw new ManifestModelError('GIT_FAILED', `git cat-file output for ${oid} is cut short`, { oid });
    }
    blobs.set(oid, new Uint8Array(output.buffer, output.byteOffset + start, size));
    pos = end + 1;
  }
  return blobs;
}

/** The exit status of a git command that ran and failed, from the error `runGit` threw. */
function exitStatus(error: unknown): number | undefined {
  if (!(error instanceof ManifestModelError) || error.code !== 'GIT_FAILED') return undefined;
  const status = error.details['status'];
  return typeof status === 'number' ? status : undefined;
}

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of REDIRECTING_GIT_VARIABLES) delete env[name];
  return env;
}

/** Run `git -C dir ...args` without a shell. Failures are GIT_FAILED errors; `details.status` is the exit status when git ran. */
function runGit(dir: string, args: readonly string[], options: GitFileSystemOptions, input?: string, maxBuffer = 16 * 1024 * 1024): Buffer {
  const binary = options.gitBinary ?? 'git';
  try {
    return execFileSync(binary, ['-C', dir, ...args], {
      input: input ?? '',
      maxBuffer,
      env: gitEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      windowsHide: true,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number | null; signal?: string | null; stderr?: Buffer };
    const command = `git ${args.slice(0, 2).join(' ')}`;
    if (e.code === 'ENOENT') {
      throw new ManifestModelError('GIT_FAILED', `cannot run ${binary}: it is not installed or not on PATH`, { command }, { cause: error });
    }
    if (e.code === 'ETIMEDOUT') {
      throw new ManifestModelError('GIT_FAILED', `${command} took longer than ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, { command }, { cause: error });
    }
    if (e.code === 'ENOBUFS') {
      throw new ManifestModelError('GIT_FAILED', `${command} printed more than ${maxBuffer} bytes`, { command }, { cause: error });
    }
    const stderr = e.stderr ? e.stderr.toString('utf8').trim() : '';
    const status = typeof e.status === 'number' ? e.status : undefined;
    throw new ManifestModelError('GIT_FAILED', `${command} failed: ${stderr || e.message}`, { command, status, signal: e.signal, stderr }, { cause: error });
  }
}
