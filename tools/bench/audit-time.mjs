// Times `kustodian audit` on a repository against `node -e 0` in the same run,
// as a ratio (whole process, start-up included, as a user runs it).
// Usage: node tools/bench/audit-time.mjs [--runs N] [--also OTHER_BUNDLE] [REPO...]   (default: examples/)
// --also times another build of the CLI (another checkout's apps/cli/dist/bundle/kustodian.js)
// in the same run, so that two revisions compare as ratios to the same baseline.
// Needs a built CLI: npx nx run cli:bundle
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(workspace, 'apps/cli/dist/bundle/kustodian.js');
const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '5' }, also: { type: 'string' } }, allowPositionals: true });
const runs = Number(values.runs);
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run npx nx run cli:bundle first`);
  process.exit(2);
}
const repos = positionals.length > 0 ? positionals : [join(workspace, 'examples')];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// The CLI keeps V8's compiled code in a cache folder (apps/cli/src/run-cached.ts): one of its own here,
// measured warm (after the warm-up run wrote it, as every run after a user's first) and off (as a first run).
const cacheDir = mkdtempSync(join(tmpdir(), 'kustodian-bench-cache-'));
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));

function time(args, env = {}) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, KUSTODIAN_CACHE_DIR: cacheDir, ...env } });
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = findings, a normal outcome
    }
    if (i > 0) times.push(performance.now() - start); // the first run warms the file cache
  }
  return median(times);
}

const baseline = time(['-e', '0']);
console.log(`node -e 0: median ${baseline.toFixed(0)} ms over ${runs} runs`);
const clis = [['this build', cli], ...(values.also ? [['--also', resolve(values.also)]] : [])];
for (const repo of repos) {
  for (const [label, bundle] of clis) {
    const audit = time([bundle, 'audit', '--repo', repo, '--format', 'json']);
    const cold = time([bundle, 'audit', '--repo', repo, '--format', 'json'], { KUSTODIAN_NO_COMPILE_CACHE: '1' });
    console.log(`kustodian audit ${repo} (${label}): median ${audit.toFixed(0)} ms = ${(audit / baseline).toFixed(1)}× node -e 0; without the code cache ${cold.toFixed(0)} ms = ${(cold / baseline).toFixed(1)}×`);
  }
}
