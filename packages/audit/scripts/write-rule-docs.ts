/**
 * Writes the files generated from rule metadata (docs/rules/*.md and
 * kustodian.schema.json) under the repository root given as the first
 * argument; with --check, writes nothing and exits 1 when any is stale.
 * Run through `npx nx run audit:rule-docs` (or `audit:rule-docs-check`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles, REGENERATE_COMMAND } from '../src/docs/render-rule-docs.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const root = args.find((a) => !a.startsWith('--')) ?? process.cwd();

const files = generatedFiles();
const wanted = new Set(files.map((f) => f.path));
const rulesDir = join(root, 'docs/rules');
// Pages of rules that no longer exist: generated files (DO NOT EDIT header) not produced any more.
const orphans = existsSync(rulesDir)
  ? readdirSync(rulesDir)
      .map((name) => `docs/rules/${name}`)
      .filter((p) => p.endsWith('.md') && !wanted.has(p) && readFileSync(join(root, p), 'utf8').startsWith('<!-- DO NOT EDIT'))
  : [];

const stale = files.filter((f) => {
  const path = join(root, f.path);
  return !existsSync(path) || readFileSync(path, 'utf8') !== f.content;
});

if (check) {
  for (const f of stale) console.error(`stale: ${f.path}`);
  for (const p of orphans) console.error(`orphan: ${p}`);
  if (stale.length + orphans.length > 0) {
    console.error(`Regenerate with: ${REGENERATE_COMMAND}`);
    process.exit(1);
  }
  console.log(`${files.length} generated files are up to date.`);
} else {
  for (const f of stale) {
    const path = join(root, f.path);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.content);
    renameSync(tmp, path);
    console.log(`wrote ${f.path}`);
  }
  for (const p of orphans) {
    rmSync(join(root, p));
    console.log(`removed ${p}`);
  }
  console.log(`${files.length} generated files, ${stale.length} written, ${orphans.length} removed.`);
}
