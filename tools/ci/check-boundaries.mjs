// Checks that the module boundaries ESLint enforces are the ones the projects declare:
// 1. every project of the workspace has exactly one `type:` tag, and it is the
//    element type eslint.config.mjs gives its folder (a new package without one
//    would be checked by nothing);
// 2. the boundary rule rejects what it must and accepts what it must, linting
//    imports written into each project's folder (so a config that silently
//    allows everything fails here).
// Exits 1 with the reasons; prints one line when all holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { ELEMENTS } from '../../eslint.config.mjs';

/** The element patterns are project folders, or `dir/*` for every folder in dir. */
const matches = (root, pattern) => (pattern.endsWith('/*') ? root.startsWith(pattern.slice(0, -1)) && !root.slice(pattern.length - 1).includes('/') : root === pattern);

const problems = [];

const dir = mkdtempSync(join(tmpdir(), 'kustodian-graph-'));
let nodes;
try {
  execFileSync('npx', ['nx', 'graph', `--file=${join(dir, 'graph.json')}`], { stdio: 'ignore' });
  nodes = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')).graph.nodes;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const projects = Object.values(nodes);
for (const { data: project } of projects) {
  const tags = (project.tags ?? []).filter((t) => t.startsWith('type:'));
  const element = ELEMENTS.find((e) => e.pattern.some((p) => matches(project.root, p)));
  if (tags.length !== 1) problems.push(`${project.root}: needs exactly one type: tag (has ${tags.join(', ') || 'none'})`);
  else if (!element) problems.push(`${project.root}: no element type in eslint.config.mjs`);
  else if (tags[0] !== `type:${element.type}`) problems.push(`${project.root}: tagged ${tags[0]}, eslint.config.mjs says type:${element.type}`);
}

// [from folder, import, allowed?]
const cases = [
  ['packages/core', '@kustodian/manifest-model', false],
  ['packages/core', '@kustodian/sops', false],
  ['packages/sops', '@kustodian/core', true],
  ['packages/docs', '@kustodian/core', true],
  ['packages/manifest-model', '@kustodian/audit', false],
  ['packages/manifest-model', '@kustodian/sops', true],
  ['packages/audit', '@kustodian/manifest-model', true],
  ['packages/audit', '@kustodian/docs', false],
  ['packages/docs', '@kustodian/audit', true],
  ['packages/docs', '../../../apps/cli/src/cli.js', false],
  ['apps/cli', '@kustodian/docs', true],
  ['apps/docs-generator', '../../../apps/cli/src/cli.js', false],
  ['packages/audit', './engine/finding.js', true],
];
const eslint = new ESLint();
for (const [folder, source, allowed] of cases) {
  const [result] = await eslint.lintText(`import * as m from '${source}';\nexport const used = m;\n`, { filePath: `${folder}/src/boundary-check.ts` });
  const violations = (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies');
  if (allowed && violations.length > 0) problems.push(`${folder} importing ${source} should be allowed: ${violations[0].message}`);
  if (!allowed && violations.length === 0) problems.push(`${folder} importing ${source} should be rejected by boundaries/dependencies, and is not`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-boundaries: ${p}`);
  process.exit(1);
}
console.log(`module boundaries: ${projects.length} projects tagged as eslint.config.mjs says; ${cases.length} boundary cases hold`);
