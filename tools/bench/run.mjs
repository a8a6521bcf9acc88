#!/usr/bin/env node
// Benchmark of the manifest model on a synthetic Flux repository (see README.md).
//
//   npm run bench -- [--apps 2000] [--keep DIR] [--runs 3] [--sample 100] [--kubectl-all] [--seed 1]

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { generateRepository, hasKubectl, randomSource } from './generate-repo.mjs';

const WORKSPACE = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const DEFAULT_MODEL_ENTRY = join(WORKSPACE, 'packages/manifest-model/dist/index.js');
const TARGET_MODEL_OVER_PARSE = 1.5;
const TARGET_KUBECTL_OVER_MODEL = 10;

// A collection between timed runs keeps one run's garbage out of the next one's time.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

const { values: options } = parseArgs({
  options: {
    apps: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'string' },
    'model-entry': { type: 'string', default: DEFAULT_MODEL_ENTRY },
    runs: { type: 'string', default: '3' },
    sample: { type: 'string', default: '100' },
    'kubectl-all': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (options.help) {
  console.log(`usage: node tools/bench/run.mjs [options]
  --apps N        applications in the generated repository (default 2000, about 12 objects each)
  --seed S        generator seed (default 1)
  --keep DIR      generate into DIR (empty or new) and leave it there; default: a temporary folder, removed after
  --runs R        timed runs of each measurement after one warm-up run (default 3; the median is reported)
  --sample K      application units built with kubectl kustomize, chosen at random (default 100)
  --kubectl-all   build every application unit with kubectl instead of a sample
  --model-entry F the built manifest-model module to measure (default packages/manifest-model/dist/index.js)`);
  process.exit(0);
}

const MODEL_ENTRY = resolve(options['model-entry']);
const apps = Number(options.apps);
const runs = Number(options.runs);
const sampleSize = Number(options.sample);
const seed = Number(options.seed);
for (const [name, value] of [['--apps', apps], ['--runs', runs], ['--sample', sampleSize], ['--seed', seed]]) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer`);
    process.exit(2);
  }
}

const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * One warm-up call, then `runs` timed calls with a garbage collection before
 * each; only the last call's result is kept alive, so that no earlier model
 * weighs on the next run.
 */
async function measure(label, fn) {
  let last = await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    last = undefined;
    collectGarbage();
    const start = performance.now();
    last = await fn();
    times.push(performance.now() - start);
  }
  const result = { median: median(times), min: Math.min(...times), times, last, peakRss: peakRss() };
  console.log(`${label.padEnd(34)} median ${ms(result.median)}  min ${ms(result.min)}  (${runs} runs after a warm-up)`);
  return result;
}

/**
 * Baseline: every YAML file read with node:fs and parsed, nothing more.
 * `yaml` (parseAllDocuments) keeps source positions, which file:line needs;
 * `js-yaml` (loadAll, core schema) gives values only: the model uses it for
 * values and builds positions only where a location is read.
 */
function readAndParseAll(root, parser = 'yaml') {
  let files = 0;
  let documents = 0;
  let errors = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) visit(abs);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(abs, 'utf8');
        files++;
        if (parser === 'js-yaml') {
          try {
            documents += loadAll(text, undefined, { schema: CORE_SCHEMA }).length;
          } catch {
            errors++;
          }
          continue;
        }
        const docs = parseAllDocuments(text);
        for (const doc of Array.isArray(docs) ? docs : []) {
          documents++;
          errors += doc.errors.length;
        }
      }
    }
  };
  visit(root);
  return { files, documents, errors };
}

async function loadModelModule() {
  if (!existsSync(MODEL_ENTRY)) {
    return { reason: `${MODEL_ENTRY} does not exist: build it with \`npx nx run manifest-model:build\`` };
  }
  let mod;
  try {
    mod = await import(pathToFileURL(MODEL_ENTRY).href);
  } catch (error) {
    return { reason: `cannot import ${MODEL_ENTRY}: ${error.message}` };
  }
  const missing = ['loadRepository', 'NodeFileSystem'].filter((name) => typeof mod[name] !== 'function');
  if (missing.length) {
    return { reason: `${MODEL_ENTRY} does not export ${missing.join(' and ')} (yet?): rebuild with \`npx nx run manifest-model:build\`` };
  }
  return { loadRepository: mod.loadRepository, NodeFileSystem: mod.NodeFileSystem };
}

/** Pick `count` distinct items at random, the same ones for the same seed. */
function sample(items, count, seedValue) {
  const rng = randomSource(seedValue);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.min(count, copy.length));
}

/** The (kind, namespace, name) set `kubectl kustomize` printed, as sorted keys. */
function objectKeys(output) {
  return parseAllDocuments(output)
    .map((doc) => doc.toJS())
    .filter((o) => o && typeof o === 'object')
    .map((o) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`)
    .sort();
}

function modelUnitKeys(model, path) {
  const unit = Array.isArray(model?.units) ? model.units.find((u) => u.path === path) : undefined;
  if (!unit || !Array.isArray(unit.resources)) return undefined;
  return unit.resources.map((o) => `${o.kind} ${o.namespace ?? ''}/${o.name}`).sort();
}

function describeModel(model) {
  const count = (value) => (Array.isArray(value) ? value.length : value instanceof Map ? value.size : undefined);
  const parts = [];
  for (const field of ['files', 'units', 'fluxKustomizations', 'resources', 'diagnostics']) {
    const n = count(model?.[field]);
    if (n !== undefined) parts.push(`${n} ${field}`);
  }
  const codes = new Map();
  for (const d of Array.isArray(model?.diagnostics) ? model.diagnostics : []) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  const byCode = [...codes].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([code, n]) => `${code} ×${n}`);
  return `${parts.join(', ')}${byCode.length ? ` (diagnostics: ${byCode.join(', ')})` : ''}`;
}

async function main() {
  let root;
  let temporary = false;
  if (options.keep) {
    root = resolve(options.keep);
    if (existsSync(root) && readdirSync(root).length > 0) {
      console.error(`--keep ${options.keep}: the folder is not empty; choose an empty or new folder`);
      return 2;
    }
  } else {
    root = mkdtempSync(join(tmpdir(), 'kustodian-bench-'));
    temporary = true;
  }
  try {
    return await bench(root);
  } finally {
    if (temporary) rmSync(root, { recursive: true, force: true });
    else console.log(`\nthe repository is kept in ${root}`);
  }
}

async function bench(root) {
  console.log(`kustodian bench: node ${process.version}, ${apps} applications, seed ${seed}`);
  let start = performance.now();
  const repo = generateRepository(root, { apps, seed });
  console.log(`generated ${repo.files} files, ${repo.resources} objects in ${repo.units.length} kustomize units in ${ms(performance.now() - start)}\n`);
  const appUnits = repo.units.filter((u) => u.path.startsWith('apps/'));

  console.log('(1) read + parse every YAML file (node:fs + yaml parseAllDocuments)');
  const parse = await measure('read + parse', () => readAndParseAll(root));
  console.log(`    ${parse.last.files} files, ${parse.last.documents} documents, ${parse.last.errors} parse errors; peak RSS so far ${mib(parse.peakRss)}`);
  const valuesOnly = await measure('read + parse (js-yaml, values only)', () => readAndParseAll(root, 'js-yaml'));
  console.log();

  console.log('(2) full model: loadRepository(new NodeFileSystem(dir))');
  const modelModule = await loadModelModule();
  let modelRun;
  let model;
  if (modelModule.reason) {
    console.log(`    NOT MEASURED: ${modelModule.reason}\n`);
  } else {
    const { loadRepository, NodeFileSystem } = modelModule;
    try {
      modelRun = await measure('model', () => loadRepository(new NodeFileSystem(root)));
    } catch (error) {
      console.log(`    NOT MEASURED: loadRepository threw ${error?.name ?? 'an error'}: ${error?.message ?? error}\n`);
    }
    if (modelRun) {
      model = modelRun.last;
      console.log(`    the model has ${describeModel(model)}`);
      console.log(`    generator wrote ${repo.resources} objects; peak RSS so far ${mib(modelRun.peakRss)}\n`);
    }
  }

  console.log(`(3) kubectl kustomize, once per application unit (${appUnits.length} units)`);
  let kubectl;
  if (!hasKubectl()) {
    console.log('    NOT MEASURED: kubectl is not on PATH\n');
  } else {
    const chosen = options['kubectl-all'] ? appUnits : sample(appUnits, sampleSize, seed);
    const build = (unit) => execFileSync('kubectl', ['kustomize', join(root, unit.path)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20, timeout: 120_000 });
    build(chosen[0]);
    const times = [];
    let mismatches = 0;
    let compared = 0;
    const mismatchExamples = [];
    for (const unit of chosen) {
      const t0 = performance.now();
      const output = build(unit);
      times.push(performance.now() - t0);
      const ours = model ? modelUnitKeys(model, unit.path) : undefined;
      if (ours) {
        compared++;
        const theirs = objectKeys(output);
        if (ours.join('\n') !== theirs.join('\n')) {
          mismatches++;
          if (mismatchExamples.length < 3) mismatchExamples.push(unit.path);
        }
      }
    }
    const perUnit = times.reduce((a, b) => a + b, 0) / times.length;
    const extrapolated = chosen.length < appUnits.length;
    kubectl = { perUnit, total: perUnit * appUnits.length, extrapolated, measured: chosen.length };
    console.log(
      `    ${chosen.length} units built${extrapolated ? ` (a random sample of ${appUnits.length}, seed ${seed})` : ' (all of them)'}: ` +
        `mean ${ms(perUnit)} per unit, median ${ms(median(times))}`,
    );
    console.log(`    all ${appUnits.length} units: ${ms(kubectl.total)}${extrapolated ? ' (EXTRAPOLATED from the sample: mean × units)' : ' (measured)'}`);
    if (compared > 0) {
      console.log(
        `    the model's unit objects (kind, namespace, name) match kubectl for ${compared - mismatches} of ${compared} units` +
          (mismatchExamples.length ? `; differ in e.g. ${mismatchExamples.join(', ')}` : ''),
      );
    } else if (model) {
      console.log('    the model has no `units[].resources` to compare with kubectl');
    }
    console.log();
  }

  console.log('results');
  let status = 0;
  if (modelRun) {
    const ratio = modelRun.median / parse.median;
    const ok = ratio <= TARGET_MODEL_OVER_PARSE;
    console.log(`  model / read+parse = ${ratio.toFixed(2)}×   (target ≤ ${TARGET_MODEL_OVER_PARSE}×: ${ok ? 'met' : 'NOT met'}; yaml parseAllDocuments, with positions)`);
    console.log(`  model / read+parse values only = ${(modelRun.median / valuesOnly.median).toFixed(2)}×   (js-yaml loadAll, no positions: the parse the model itself uses)`);
  } else {
    console.log('  model / read+parse = not measured (the model could not be loaded)');
    status = 2;
  }
  if (modelRun && kubectl) {
    const modelPerUnit = modelRun.median / appUnits.length;
    const ratio = kubectl.perUnit / modelPerUnit;
    const ok = ratio >= TARGET_KUBECTL_OVER_MODEL;
    console.log(
      `  kubectl per unit / model per unit = ${ratio.toFixed(0)}×   (target ≥ ${TARGET_KUBECTL_OVER_MODEL}×: ${ok ? 'met' : 'NOT met'}; ` +
        `kubectl ${ms(kubectl.perUnit)}${kubectl.extrapolated ? ` over a sample of ${kubectl.measured}` : ''}, ` +
        `model ${ms(modelPerUnit)} = one whole-repository build / ${appUnits.length} application units)`,
    );
  } else {
    console.log('  kubectl per unit / model per unit = not measured');
  }
  const usage = process.memoryUsage();
  console.log(`  peak RSS ${mib(peakRss())} (after read+parse ${mib(parse.peakRss)}${modelRun ? `, after the model runs ${mib(modelRun.peakRss)}` : ''}); now: RSS ${mib(usage.rss)}, heap used ${mib(usage.heapUsed)}`);
  return status;
}

process.exitCode = await main();
