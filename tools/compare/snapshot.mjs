// Snapshots what Kustodian says about examples/ and every ../shared/corpus/
// repository (audit JSON, model JSON, generated docs) into a folder, so that a
// refactoring can be checked to keep behaviour: snapshot before, snapshot
// after, then compare.
//
// Usage:
//   node tools/compare/snapshot.mjs DIR            write a snapshot into DIR
//   node tools/compare/snapshot.mjs --compare A B  list what differs; exit 1 if anything does
// Needs the CLI bundle: npx nx run cli:bundle
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(workspace, 'apps/cli/bin/kustodian.js');
const corpus = resolve(workspace, '../shared/corpus');

const { values, positionals } = parseArgs({ options: { compare: { type: 'boolean', default: false } }, allowPositionals: true });

function repositories() {
  const repos = [['examples', join(workspace, 'examples')]];
  if (existsSync(join(workspace, 'examples-home-ops'))) repos.push(['examples-home-ops', join(workspace, 'examples-home-ops')]);
  if (existsSync(corpus)) {
    for (const name of readdirSync(corpus).sort()) {
      if (statSync(join(corpus, name)).isDirectory()) repos.push([name, join(corpus, name)]);
    }
  } else {
    console.error(`${corpus} is absent: only examples/ is snapshotted`);
  }
  return repos;
}

/** Run-specific values (the scratch copy's path, durations) replaced, so two runs compare. */
function normalise(text, copy) {
  return text.split(copy).join('<repo>');
}

function kustodian(args, cwd) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file of a tree, relative path → content. */
function files(root) {
  const out = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(path);
      } else if (entry.isFile()) out.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return out;
}

function snapshot(target) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npx nx run cli:bundle`);
  mkdirSync(target, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'kustodian-snapshot-'));
  try {
    for (const [name, source] of repositories()) {
      const copy = join(scratch, name);
      cpSync(source, copy, { recursive: true });
      const out = join(target, name);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const audit = kustodian(['audit', '--repo', copy, '--format', 'json', '--fail-on', 'never'], copy);
      writeFileSync(join(out, 'audit.json'), normalise(audit.stdout, copy));
      writeFileSync(join(out, 'audit.status'), `${audit.status}\n${normalise(audit.stderr, copy)}`);
      const model = kustodian(['model', '--repo', copy, '--format', 'json'], copy);
      writeFileSync(join(out, 'model.json'), normalise(model.stdout, copy));
      writeFileSync(join(out, 'model.status'), `${model.status}\n${normalise(model.stderr, copy)}`);
      const docs = kustodian(['docs', 'generate', '--repo', copy], copy);
      writeFileSync(join(out, 'docs.status'), `${docs.status}\n${normalise(docs.stdout, copy)}${normalise(docs.stderr, copy)}`);
      // The docs: every file holding a generated section, after generate.
      const written = [];
      for (const [path, content] of files(copy)) {
        if (!content.includes('<!-- kustodian:begin')) continue;
        written.push(path);
        const dest = join(out, 'docs', path);
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, content);
      }
      writeFileSync(join(out, 'docs.files'), `${written.sort().join('\n')}\n`);
      console.log(`${name}: audit exit ${audit.status}, model exit ${model.status}, docs exit ${docs.status}, ${written.length} docs files`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function compare(a, b) {
  const left = files(a);
  const right = files(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  let differing = 0;
  for (const path of paths) {
    const l = left.get(path);
    const r = right.get(path);
    if (l && r && l.equals(r)) continue;
    differing++;
    if (!l) console.log(`only in ${b}: ${path}`);
    else if (!r) console.log(`only in ${a}: ${path}`);
    else {
      console.log(`differs: ${path}`);
      const diff = spawnSync('diff', ['-u', '--label', `${a}/${path}`, '--label', `${b}/${path}`, join(a, path), join(b, path)], { encoding: 'utf8' });
      const lines = diff.stdout.split('\n');
      console.log(lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n… ${lines.length - 60} more diff lines` : ''));
    }
  }
  console.log(`${paths.length} files compared, ${differing} differ`);
  return differing === 0 ? 0 : 1;
}

if (values.compare) {
  if (positionals.length !== 2) throw new Error('usage: snapshot.mjs --compare BEFORE AFTER');
  process.exitCode = compare(positionals[0], positionals[1]);
} else {
  if (positionals.length !== 1) throw new Error('usage: snapshot.mjs DIR');
  snapshot(resolve(positionals[0]));
}
