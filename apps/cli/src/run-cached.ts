/**
 * Runs a bundled CommonJS program through V8's code cache: the first run
 * compiles it and keeps the compiled code (with every function that run
 * compiled) in the user's cache folder; the next runs skip most of the
 * compiling, which is a third of a small audit's time. The cache is only an
 * optimisation: a missing, stale, corrupt or unwritable one is ignored (V8
 * checks the source and its own version and flags, and rejects a cache that
 * does not match), and nothing is ever read from a folder other users can
 * write to. `KUSTODIAN_NO_COMPILE_CACHE=1` turns it off; `KUSTODIAN_CACHE_DIR`
 * moves it (default `$XDG_CACHE_HOME/kustodian`, else `~/.cache/kustodian`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Where compiled code is kept; undefined when the cache is off or there is no home folder. */
export function compileCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['KUSTODIAN_NO_COMPILE_CACHE'] && env['KUSTODIAN_NO_COMPILE_CACHE'] !== '0') return undefined;
  if (env['KUSTODIAN_CACHE_DIR']) return env['KUSTODIAN_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'kustodian');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? join(home, '.cache', 'kustodian') : undefined;
}

/** The cache file of a program: one per program file, size, modification time, Node version and flags. */
export function compileCacheFile(program: string, directory: string): string {
  const stat = statSync(program);
  const key = createHash('sha256')
    .update([program, stat.size, stat.mtimeMs, process.version, process.arch, process.execArgv.join(' ')].join('\0'))
    .digest('hex')
    .slice(0, 20);
  return join(directory, `${basename(program)}-${key}.v8`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the compiled code beside nothing else: a temporary file in the cache folder, renamed over the cache file. */
function writeCache(file: string, script: Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // No cache this time: the program ran, and will run the same next time.
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written in it.
    }
  }
}

/** Runs the CommonJS program at `program` (a file URL) in this process, with the code cache. */
export function runCached(program: URL): void {
  const file = fileURLToPath(program);
  const source = readFileSync(file, 'utf8').replace(/^#![^\n]*/, '');
  const directory = compileCacheDirectory();
  let cacheFile: string | undefined;
  try {
    cacheFile = directory === undefined ? undefined : compileCacheFile(file, directory);
  } catch {
    cacheFile = undefined;
  }
  const cachedData = readCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    // After the run, so that the cache holds the functions the run compiled too.
    const target = cacheFile;
    process.once('exit', () => writeCache(target, script));
  }
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}
