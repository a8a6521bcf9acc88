// One phase of tools/bench/scale.mjs, in a process of its own: `model DIR` or
// `audit DIR TOP`; prints one JSON line (times in ms, peak RSS in bytes).
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WORKSPACE = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const [mode, dir, top = '5'] = process.argv.slice(2);
const model = await import(pathToFileURL(join(WORKSPACE, 'packages/manifest-model/dist/index.js')).href);
const fs = new model.NodeFileSystem(dir);
const started = performance.now();
if (mode === 'model') {
  const loaded = model.loadRepository(fs);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, files: loaded.files.length, resources: loaded.resources.length, peakRss: process.resourceUsage().maxRSS * 1024 }));
} else {
  const audit = await import(pathToFileURL(join(WORKSPACE, 'packages/audit/dist/index.js')).href);
  const done = audit.auditRepository(fs, { rules: audit.allRules });
  const ms = performance.now() - started;
  const topRules = done.result.rules
    .filter((r) => r.ms !== undefined)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Number(top))
    .map((r) => ({ id: r.rule.id, ms: r.ms }));
  console.log(JSON.stringify({ ms, timings: done.timings, findings: done.result.findings.length, resources: done.model.resources.length, topRules, peakRss: process.resourceUsage().maxRSS * 1024 }));
}
