// Times `kustodian audit --changed-since` after a one-file change against the whole audit, on a synthetic repository,
// as a ratio measured in the same run, and checks that both report the same findings in the changed file.
// Usage: node tools/bench/changed-time.mjs [--apps N] [--runs R] [--keep DIR] [--file PATH]
//   --apps  applications of the generated repository (default 2000); --runs  timed runs of each (median, default 3)
//   --keep  generate into DIR (or reuse the git repository there) and leave it; --file  the file changed
//           (default apps/app-0042/configmap.yaml)
// Needs a built CLI: npx nx run cli:bundle
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(workspace, 'apps/cli/bin/kustodian.js');
const { values } = parseArgs({ options: { apps: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' }, keep: { type: 'string' }, file: { type: 'string', default: 'apps/app-0042/configmap.yaml' } } });
if (!existsSync(join(workspace, 'apps/cli/dist/bundle/kustodian.js'))) {
  console.error('the CLI bundle is missing: run npx nx run cli:bundle first');
  process.exit(2);
}
const dir = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'kustodian-changed-'));
if (!values.keep) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@kustodian.invalid', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

if (!existsSync(join(dir, '.git'))) {
  execFileSync(process.execPath, [join(workspace, 'tools/bench/generate-repo.mjs'), '--apps', values.apps, '--out', dir], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated');
}
// The change: one comment line appended to one file, committed (what a pull request's CI sees against its base).
appendFileSync(join(dir, values.file), `# changed ${Date.now()}\n`);
git('commit', '-q', '-am', `change ${values.file}`);

function run(args) {
  const times = [];
  let report;
  for (let i = 0; i <= Number(values.runs); i++) {
    const started = performance.now();
    let out;
    try {
      out = execFileSync(process.execPath, [cli, 'audit', '--repo', dir, '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (error) {
      out = error.stdout; // exit 1: findings at or above --fail-on
    }
    if (i > 0) times.push(performance.now() - started); // the first run warms the code cache and the disk cache
    report = JSON.parse(out);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], report };
}

const full = run([]);
const changed = run(['--changed-since', 'HEAD~1']);
const key = (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`;
const expected = full.report.findings.filter((f) => f.file === values.file).map(key).sort();
const got = changed.report.findings.map(key).sort();
const same = JSON.stringify(expected) === JSON.stringify(got);
console.log(`${values.apps} apps, one change to ${values.file}: whole audit ${(full.ms / 1000).toFixed(2)} s, --changed-since ${(changed.ms / 1000).toFixed(2)} s = ${(full.ms / changed.ms).toFixed(1)}× faster (medians of ${values.runs})`);
console.log(`findings in the changed file: ${expected.length} in the whole audit, ${got.length} with --changed-since — ${same ? 'the same' : 'DIFFERENT'}`);
process.exitCode = same ? 0 : 1;
