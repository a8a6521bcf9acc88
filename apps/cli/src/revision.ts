import { execFileSync } from 'node:child_process';

/**
 * The commit checked out in the git work tree that holds `dir` (`git
 * rev-parse HEAD`); undefined when it is not a checkout, has no commit yet,
 * or git is missing or takes longer than the timeout.
 */
export function gitRevision(dir: string, timeoutMs = 5_000): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: timeoutMs });
    return /^[0-9a-f]{40,64}$/.test(out.trim()) ? out.trim() : undefined;
  } catch {
    return undefined;
  }
}
