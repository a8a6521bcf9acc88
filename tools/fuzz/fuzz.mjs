// Mutation fuzzing of the model, the audit and the docs generator, in-process.
//
// Each run takes a real repository (examples/, examples-home-ops/, and the small
// repositories of ../shared/corpus when present), mutates one to three of its
// YAML files (byte flips, truncation, line swaps and deletions, indentation,
// inserted YAML oddities, random kustomization fields), and runs loadRepository,
// auditRepository and planRepositoryDocs on it. A failure is an exception that
// is not a KustodianError (a clear, named error is what bad input must give),
// or a rule-failed diagnostic (a rule that threw). A failure's input is
// minimized (lines removed while it still fails) and saved under --save.
//
// Usage: node tools/fuzz/fuzz.mjs [--iterations N] [--seconds S] [--seed N] [--save DIR]
// Needs the built packages: npx nx run-many -t build -p manifest-model,audit,docs
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: { iterations: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' }, save: { type: 'string', default: join(workspace, 'tools/fuzz/failures') } },
});
const model = await import(join(workspace, 'packages/manifest-model/dist/index.js'));
const audit = await import(join(workspace, 'packages/audit/dist/index.js'));
const docs = await import(join(workspace, 'packages/docs/dist/index.js'));
const core = await import(join(workspace, 'packages/core/dist/index.js'));

/** A small, fast, seeded generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readTree(root) {
  const files = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && statSync(abs).size < 512 * 1024) files[relative(root, abs)] = readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return files;
}

const bases = [join(workspace, 'examples'), join(workspace, 'examples-home-ops'), resolve(workspace, '../shared/corpus/fluxcd__flux2-kustomize-helm-example'), resolve(workspace, '../shared/corpus/fluxcd__flux2-multi-tenancy')]
  .filter((r) => existsSync(r))
  .map((root) => ({ root, files: readTree(root) }));

const ODDITIES = [
  'a: &a [x, x]\nb: [*a, *a, *a]\n', '<<: *missing\n', 'x: !!binary aGVsbG8=\n', 'x: !custom {a: 1}\n', '---\n', '...\n', '%YAML 1.1\n---\n', '{', '[', '? complex\n: key\n',
  'key: "unterminated\n', `deep: ${'['.repeat(200)}${']'.repeat(200)}\n`, `long: ${'y'.repeat(20000)}\n`, 'metadata:\n  name: \u0000\u001b[2K\n', 'kind: Secret\napiVersion: v1\nstringData: {a: b}\n',
  'namespace: ${NS:=${OTHER:-x}}\n', 'spec:\n  values: ${VALUES}\n', '\t\tkey: tab\n', 'a: 1\na: 2\n', 'kind: Kustomization\napiVersion: kustomize.toolkit.fluxcd.io/v1\nspec: {path: ../../.., sourceRef: {kind: GitRepository, name: x}}\n',
];
const KUSTOMIZE_FIELDS = [
  'resources:\n  - ../../..\n', 'resources:\n  - /etc/passwd\n', 'resources:\n  - https://example.invalid/x?ref=main\n', 'components:\n  - missing\n', 'patches:\n  - path: missing.yaml\n', 'patches:\n  - patch: "{"\n    target: {kind: "*"}\n',
  'namespace: ""\n', 'nameSuffix: -x\n', 'namePrefix: 123\n', 'replicas:\n  - name: x\n    count: "a"\n', 'images:\n  - name: 1\n    newTag: [x]\n', 'configMapGenerator:\n  - name: a\n    files: [../../etc/passwd]\n', 'secretGenerator:\n  - name: s\n    envs: [missing.env]\n',
  'helmCharts:\n  - name: x\n', 'labels:\n  - pairs: {a: {b: c}}\n', 'commonLabels: [1, 2]\n', 'generators: [x.yaml]\n', 'transformers: [t.yaml]\n', 'configurations: [c.yaml]\n', 'crds: [../x]\n', 'openapi: {path: x}\n', 'resources: 7\n', 'resources:\n  - .\n',
];

function mutate(text, rnd, isKustomization) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const lines = text.split('\n');
  const at = Math.floor(rnd() * Math.max(1, lines.length));
  switch (Math.floor(rnd() * 9)) {
    case 0: {
      const i = Math.floor(rnd() * Math.max(1, text.length));
      return text.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 128)) + text.slice(i + 1);
    }
    case 1:
      return text.slice(0, Math.floor(rnd() * text.length));
    case 2: {
      const j = Math.floor(rnd() * lines.length);
      [lines[at], lines[j]] = [lines[j], lines[at]];
      return lines.join('\n');
    }
    case 3:
      lines.splice(at, 1);
      return lines.join('\n');
    case 4:
      lines[at] = rnd() < 0.5 ? ' '.repeat(1 + Math.floor(rnd() * 3)) + (lines[at] ?? '') : (lines[at] ?? '').replace(/^ {1,3}/, '');
      return lines.join('\n');
    case 5:
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    case 6:
      lines.splice(at, 0, ...pick(ODDITIES).split('\n'));
      return lines.join('\n');
    case 7:
      return isKustomization ? `${text}\n${pick(KUSTOMIZE_FIELDS)}` : `${pick(ODDITIES)}${text}`;
    default:
      return `${text}\n---\n${pick(ODDITIES)}`;
  }
}

/** Runs model, audit and docs on a tree; returns undefined when all is well, else what failed. */
function check(files) {
  const fs = () => new model.MemoryFileSystem(files);
  try {
    model.loadRepository(fs());
    const { result } = audit.auditRepository(fs(), { rules: audit.allRules });
    const failed = result.diagnostics.find((d) => d.code === 'rule-failed');
    if (failed) return `rule-failed: ${failed.message}`;
    docs.planRepositoryDocs(fs());
  } catch (error) {
    if (core.isKustodianError(error)) return undefined; // a clear, named error: what bad input must give
    return `${error?.name ?? 'Error'}: ${error?.message ?? error}\n${error?.stack ?? ''}`;
  }
  return undefined;
}

/** Removes lines of the mutated files while the failure persists (bounded). */
function minimize(files, mutated) {
  let current = { ...files };
  for (const path of mutated) {
    let lines = current[path].split('\n');
    for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1; chunk >>= 1) {
      for (let i = 0; i < lines.length; ) {
        const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
        if (check({ ...current, [path]: candidate.join('\n') })) lines = candidate;
        else i += chunk;
      }
    }
    current = { ...current, [path]: lines.join('\n') };
  }
  return current;
}

const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Date.now() / 86_400_000);
const rnd = random(seed);
const deadline = values.seconds !== undefined ? performance.now() + Number(values.seconds) * 1000 : Infinity;
const iterations = values.iterations !== undefined ? Number(values.iterations) : values.seconds !== undefined ? Infinity : 200;
console.log(`fuzz: seed ${seed}, ${bases.length} base repositories`);
let runs = 0;
let failures = 0;
const started = performance.now();
while (runs < iterations && performance.now() < deadline) {
  const base = bases[Math.floor(rnd() * bases.length)];
  const yaml = Object.keys(base.files).filter((p) => /\.ya?ml$/.test(p) || /(^|\/)Kustomization$/.test(p));
  const files = { ...base.files };
  const mutated = [];
  for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
    const path = yaml[Math.floor(rnd() * yaml.length)];
    files[path] = mutate(files[path], rnd, /kustomization\.ya?ml$|Kustomization$/.test(path));
    mutated.push(path);
  }
  runs++;
  const failure = check(files);
  if (!failure) continue;
  failures++;
  const small = minimize(files, [...new Set(mutated)]);
  const dir = join(values.save, `${seed}-${runs}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'failure.txt'), `${failure}\nbase: ${relative(workspace, base.root)}\nmutated: ${mutated.join(', ')}\n`);
  for (const path of new Set(mutated)) {
    mkdirSync(dirname(join(dir, 'files', path)), { recursive: true });
    writeFileSync(join(dir, 'files', path), small[path]);
  }
  console.log(`FAIL #${runs} (${relative(workspace, base.root)}: ${mutated.join(', ')}): ${failure.split('\n')[0]} → saved in ${relative(workspace, dir)}`);
}
console.log(`fuzz: ${runs} mutated repositories in ${((performance.now() - started) / 1000).toFixed(1)} s, ${failures} failures`);
process.exit(failures > 0 ? 1 : 0);
