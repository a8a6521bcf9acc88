import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built CLI, with a real stdin: an open pipe that nobody writes to must be an error, not a hang.
const BUILT = resolve(import.meta.dirname, '../dist/bundle/kustodian.js');
const scratch = mkdtempSync(join(tmpdir(), 'kustodian-stdin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI with stdin a pipe kept open and never written to; resolves with its status, stderr and how long it took. */
function withSilentPipe(args: readonly string[]): Promise<{ status: number | null; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BUILT, ...args], { cwd: scratch, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // The pipe stays open: nothing is written and it is not ended.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status) => {
      clearTimeout(guard);
      child.stdin.destroy();
      done({ status, stderr, ms: performance.now() - start });
    });
  });
}

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build the CLI first (npx nx run cli:bundle; the cli:test target does it)`);
});

describe('secrets commands reading stdin', () => {
  writeFileSync(join(scratch, '.sops.yaml'), 'creation_rules:\n  - path_regex: .*\\.sops\\.yaml$\n    age: age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy\n');
  writeFileSync(join(scratch, 's.sops.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData: {}\n');

  it('set gives up on an open pipe that never writes after --stdin-timeout, with one clear line and exit 2', async () => {
    const { status, stderr } = await withSilentPipe(['secrets', 'set', '--repo', scratch, '--stdin-timeout', '1', 's.sops.yaml', 'stringData.KEY']);
    expect(status).toBe(2);
    expect(stderr).toBe('kustodian secrets set: stdin did not end within 1 s (--stdin-timeout): nothing is writing to it, or it was never closed\n');
  });

  it('import does the same', async () => {
    const { status, stderr } = await withSilentPipe(['secrets', 'import', '--repo', scratch, '--stdin-timeout', '1', '--to', 'x.sops.yaml']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/stdin did not end within 1 s/);
  });

  it('refuses a timeout that is not a positive number', async () => {
    const { status, stderr } = await withSilentPipe(['secrets', 'set', '--repo', scratch, '--stdin-timeout', 'soon', 's.sops.yaml', 'stringData.KEY']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--stdin-timeout takes a number of seconds above 0/);
  });
});
