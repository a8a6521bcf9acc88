// What Kustodian sees on examples/, examples-home-ops/ and every ../shared/corpus/
// repository: resources applied, findings per rule, external sources, rule
// failures. Compare two revisions by pointing --cli at another checkout's bin.
//
// Usage:
//   node tools/compare/corpus-report.mjs [--cli path/to/apps/cli/bin/kustodian.js] [--json]
// Needs the CLI bundle: npx nx run cli:bundle
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { cli: { type: 'string' }, json: { type: 'boolean', default: false } } });
const cli = resolve(values.cli ?? join(workspace, 'apps/cli/bin/kustodian.js'));
const corpus = resolve(workspace, '../shared/corpus');

const repos = [['examples', join(workspace, 'examples')], ['examples-home-ops', join(workspace, 'examples-home-ops')]].filter(([, p]) => existsSync(p));
if (existsSync(corpus)) {
  for (const name of readdirSync(corpus).sort()) if (statSync(join(corpus, name)).isDirectory()) repos.push([name, join(corpus, name)]);
} else {
  console.error(`${corpus} is absent: only the examples are reported`);
}

function kustodian(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, json: r.stdout.trim().startsWith('{') ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

const rows = [];
for (const [name, path] of repos) {
  const model = kustodian(['model', '--repo', path, '--format', 'json']);
  const audit = kustodian(['audit', '--repo', path, '--format', 'json', '--fail-on', 'never']);
  const resources = model.json?.resources ?? [];
  const findings = audit.json?.findings ?? [];
  const diagnostics = audit.json?.diagnostics ?? [];
  const byRule = {};
  for (const f of findings) byRule[`${f.ruleId} ${f.severity}`] = (byRule[`${f.ruleId} ${f.severity}`] ?? 0) + 1;
  rows.push({
    repository: name,
    exit: audit.status,
    resources: resources.length,
    applied: resources.filter((r) => r.appliedBy?.length > 0).length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    externalSources: new Set(diagnostics.filter((d) => d.code === 'flux-external-source').map((d) => d.message.replace(/^Flux Kustomization \S+ applies \S+ from /, '').replace(/, another.*$/, ''))).size,
    ruleFailed: diagnostics.filter((d) => d.code === 'rule-failed').length,
    byRule,
  });
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  for (const r of rows) {
    process.stdout.write(`${r.repository}: exit ${r.exit}; ${r.applied} of ${r.resources} resources applied; ${r.errors} errors, ${r.warnings} warnings, ${r.infos} info; ${r.externalSources} external sources; ${r.ruleFailed} rule-failed\n`);
    for (const [rule, n] of Object.entries(r.byRule).sort()) process.stdout.write(`    ${rule}: ${n}\n`);
  }
}
