import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The commit checked out in the git work tree that holds `dir`; undefined
 * when it is not a checkout, has no commit yet, or git is missing or takes
 * longer than the timeout. Read from the repository's files where they say
 * it plainly (HEAD, a loose or packed ref): starting git costs more than the
 * audit of a small repository. Anything less plain is asked of `git
 * rev-parse HEAD`.
 */
export function gitRevision(dir: string, timeoutMs = 5_000): string | undefined {
  // GIT_DIR and friends change where git looks: then only git can say.
  const read = process.env['GIT_DIR'] === undefined && process.env['GIT_WORK_TREE'] === undefined ? readHeadCommit(dir) : undefined;
  if (read !== undefined) return read;
  try {
    const out = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: timeoutMs });
    return COMMIT.test(out.trim()) ? out.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** HEAD's commit from the files of the nearest `.git` above `dir`, or undefined when they do not say it plainly. */
export function readHeadCommit(dir: string): string | undefined {
  const gitDir = findGitDir(resolve(dir));
  if (gitDir === undefined) return undefined;
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (COMMIT.test(head)) return head; // a detached HEAD, as CI checkouts have
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
  if (ref === undefined || ref.split('/').includes('..')) return undefined;
  // A linked work tree keeps its HEAD in its own folder and the refs in the main repository's (commondir).
  const common = readText(join(gitDir, 'commondir'))?.trim();
  const refsDir = common === undefined ? gitDir : isAbsolute(common) ? common : resolve(gitDir, common);
  const loose = readText(join(refsDir, ref))?.trim();
  if (loose !== undefined) return COMMIT.test(loose) ? loose : undefined;
  for (const line of readText(join(refsDir, 'packed-refs'))?.split('\n') ?? []) {
    const [commit, name] = line.trim().split(' ');
    if (name === ref && commit !== undefined && COMMIT.test(commit)) return commit;
  }
  return undefined;
}

/** The `.git` folder of the work tree holding `dir` (following a `.git` file's `gitdir:`), or undefined. */
function findGitDir(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    let kind: 'dir' | 'file' | undefined;
    try {
      const s = statSync(dotGit);
      kind = s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      kind = undefined;
    }
    if (kind === 'dir') return dotGit;
    if (kind === 'file') {
      const target = /^gitdir: (.+)$/m.exec(readText(dotGit) ?? '')?.[1]?.trim();
      return target === undefined ? undefined : isAbsolute(target) ? target : resolve(current, target);
    }
    if (dirname(current) === current) return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
