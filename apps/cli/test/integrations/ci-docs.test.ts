import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from 'markdownlint/sync';
import { parse, parseAllDocuments } from 'yaml';
import { WORKSPACE } from './fixtures.js';

// docs/ci.md is what users paste: every fenced YAML block must parse, and each
// must use the action's inputs and the hooks' ids as they are.
const DOC = readFileSync(join(WORKSPACE, 'docs/ci.md'), 'utf8');
const fenced = (lang: string) => [...DOC.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
const yamlBlocks = fenced('yaml');
const shBlocks = fenced('sh');
const action = parse(readFileSync(join(WORKSPACE, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }> };
const hookIds = (parse(readFileSync(join(WORKSPACE, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);

type Block = Record<string, unknown>;
const blocks = yamlBlocks.map((text) => parse(text) as Block);
const only = (test: (b: Block) => boolean, what: string): Block => {
  const found = blocks.filter(test);
  expect(found, what).toHaveLength(1);
  return found[0]!;
};

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
const workflow = () => only((b) => 'jobs' in b, 'one GitHub workflow') as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const actionStep = () => Object.values(workflow().jobs).flatMap((j) => j.steps).find((s) => /\/kustodian@/.test(s.uses ?? ''))!;
const preCommitConfig = () => only((b) => 'repos' in b, 'one .pre-commit-config.yaml') as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
const gitlab = () => only((b) => 'kustodian' in b, 'one GitLab job') as { kustodian: { image: string; variables: Record<string, string>; script: string[]; artifacts: { reports: { junit: string } } } };

const scratch = mkdtempSync(join(tmpdir(), 'kustodian-ci-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe('docs/ci.md', () => {
  it('is well-formed Markdown', () => {
    expect(lint({ strings: { page: DOC }, config: { default: true, MD013: false } })['page']).toEqual([]);
  });

  it('has three YAML blocks, each one valid YAML document', () => {
    expect(yamlBlocks).toHaveLength(3);
    for (const text of yamlBlocks) {
      const docs = parseAllDocuments(text);
      expect(docs, text).toHaveLength(1);
      expect(docs.flatMap((d) => d.errors.map((e) => e.message)), text).toEqual([]);
    }
  });

  it('the workflow runs on pull requests with the full history and the permissions code scanning needs', () => {
    const w = workflow();
    expect(Object.keys(w.on)).toContain('pull_request');
    expect(w.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const steps = Object.values(w.jobs).flatMap((j) => j.steps);
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.indexOf(actionStep())).toBeGreaterThan(steps.findIndex((s) => s.uses === 'actions/checkout@v4'));
  });

  it('the workflow uses the action by a major tag, only with inputs action.yml declares', () => {
    const step = actionStep();
    expect(step.uses).toMatch(/^[\w.-]+\/kustodian@v\d+$/);
    for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), name).toContain(name);
  });

  it('the inputs table lists every input of action.yml, in order, with its default', () => {
    const rows = [...DOC.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)].map((m) => ({ name: m[1]!, default: m[2]!.trim() }));
    expect(rows.map((r) => r.name)).toEqual(Object.keys(action.inputs));
    for (const row of rows) {
      const declared = action.inputs[row.name]!.default;
      if (declared !== '') expect(row.default, row.name).toBe(`\`${declared}\``);
    }
  });

  it('the pre-commit configuration names this repository, a release tag, and hooks the manifest defines', () => {
    const [entry, ...others] = preCommitConfig().repos;
    expect(others).toEqual([]);
    const owner = actionStep().uses!.split('/')[0];
    expect(entry!.repo).toBe(`https://github.com/${owner}/kustodian`);
    expect(entry!.rev).toMatch(/^kustodian@\d+\.\d+\.\d+$/);
    expect(entry!.hooks.map((h) => h.id)).toEqual(hookIds);
  });

  it.skipIf(!havePreCommit)(`pre-commit validate-config accepts the configuration${havePreCommit ? '' : ' (skipped: pre-commit is not installed; apt-get install pre-commit)'}`, () => {
    const file = join(scratch, '.pre-commit-config.yaml');
    writeFileSync(file, yamlBlocks.find((t) => t.startsWith('repos:'))!);
    const result = spawnSync('pre-commit', ['validate-config', file], { encoding: 'utf8', cwd: scratch });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the GitLab job runs the command the docs show and reports the JUnit file it writes, with the full history', () => {
    const command = 'npx --yes kustodian audit --format junit --output kustodian.xml';
    expect(shBlocks.some((b) => b.trim() === command)).toBe(true);
    const job = gitlab().kustodian;
    expect(job.script).toEqual([command]);
    expect(job.artifacts.reports.junit).toBe('kustodian.xml');
    expect(job.variables['GIT_DEPTH']).toBe('0');
    expect(job.image).toMatch(/^node:(\d+)$/);
    expect(Number(job.image.split(':')[1])).toBeGreaterThanOrEqual(20);
  });

  it('the release steps move the major tag the workflow uses', () => {
    const tag = actionStep().uses!.split('@')[1];
    expect(shBlocks.some((b) => b.includes(`git tag -f ${tag} kustodian@`) && b.includes(`git push -f origin ${tag}`))).toBe(true);
  });
});
