#!/usr/bin/env node
// The scale series: the model and the audit on synthetic repositories of
// growing size (generate-repo.mjs), one run each, each phase in a fresh Node
// process so that its peak RSS is its own. Prints, per size: applications,
// files, resources, seconds and peak RSS of the model and of the audit, the
// audit's slowest rules, and how time and memory grow against the smallest size
// (linear growth keeps seconds per application and MB per application flat).
//
//   node tools/bench/scale.mjs [--apps 500,1000,2000,4000,8000] [--seed 1] [--top 5] [--keep DIR]
//
// Needs the libraries built: npx nx run-many -t build -p manifest-model,audit
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateRepository } from './generate-repo.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const WORKSPACE = resolve(here, '..', '..');
const { values } = parseArgs({ options: { apps: { type: 'string', default: '500,1000,2000,4000,8000' }, seed: { type: 'string', default: '1' }, top: { type: 'string', default: '5' }, keep: { type: 'string' } } });
const sizes = values.apps.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('--apps takes positive integers separated by commas');
  process.exit(2);
}
for (const entry of ['packages/manifest-model/dist/index.js', 'packages/audit/dist/index.js']) {
  if (!existsSync(join(WORKSPACE, entry))) {
    console.error(`${entry} is missing: npx nx run-many -t build -p manifest-model,audit`);
    process.exit(2);
  }
}

const scratch = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'kustodian-scale-'));
mkdirSync(scratch, { recursive: true });
if (!values.keep) process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** One phase in its own process (scale-child.mjs), which prints one JSON line. */
function measure(mode, dir) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', join(here, 'scale-child.mjs'), mode, dir, values.top], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop());
}

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rows = [];
for (const apps of sizes) {
  const dir = join(scratch, `apps-${apps}`);
  if (!existsSync(dir)) generateRepository(dir, { apps, seed: Number(values.seed) });
  const model = measure('model', dir);
  const audit = measure('audit', dir);
  rows.push({ apps, model, audit });
  console.log(
    `${apps} apps, ${model.files} files, ${model.resources} resources: model ${(model.ms / 1000).toFixed(2)} s, ${mb(model.peakRss)} peak; ` +
      `audit ${(audit.ms / 1000).toFixed(2)} s (config ${(audit.timings.config / 1000).toFixed(2)}, model ${(audit.timings.model / 1000).toFixed(2)}, rules ${(audit.timings.rules / 1000).toFixed(2)}), ${mb(audit.peakRss)} peak, ${audit.findings} findings`,
  );
  console.log(`  slowest rules: ${audit.topRules.map((r) => `${r.id} ${(r.ms / 1000).toFixed(2)} s`).join(', ')}`);
}

if (rows.length > 1) {
  const first = rows[0];
  console.log('\ngrowth against the smallest size (1.00 = linear in applications):');
  for (const r of rows) {
    const per = (x, y) => (x / r.apps / (y / first.apps)).toFixed(2);
    console.log(`  ${String(r.apps).padStart(5)} apps: model time ${per(r.model.ms, first.model.ms)}, model RSS ${per(r.model.peakRss, first.model.peakRss)}, audit time ${per(r.audit.ms, first.audit.ms)}, audit RSS ${per(r.audit.peakRss, first.audit.peakRss)} (per application)`);
  }
}
