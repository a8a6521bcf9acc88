/**
 * Parity with the real thing: `kubectl kustomize DIR` (kustomize v5.5) is
 * the oracle for KustomizeBuilder.
 *
 * - Every folder with a kustomization file in the embedded examples and in
 *   each corpus repository (../shared/corpus/* beside the repository root),
 *   and every folder a Flux Kustomization there applies that has none:
 *   the SET of (apiVersion, kind, namespace, name) must equal kubectl's, or
 *   the difference must be explained by one of our diagnostics (a build
 *   kubectl refuses, a remote base, a helm chart...).
 * - Every folder of the test/fixtures/kustomize-* trees: the whole objects
 *   must equal kubectl's (this is what checks transforms and hash suffixes).
 *
 * kubectl output is kept in memory only. Skips loudly without kubectl.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostic.js';
import { DocumentStore } from '../src/documents/document-store.js';
import { KUSTOMIZATION_FILE_NAMES } from '../src/files/classify-file.js';
import { walkRepository } from '../src/files/walk-repository.js';
import { normalizePath } from '../src/fs/file-system.js';
import { NodeFileSystem } from '../src/fs/node-file-system.js';
import { KustomizeBuilder } from '../src/kustomize/build.js';
import type { UnitBuild } from '../src/kustomize/build.js';
import { fluxGeneratedResources } from '../src/kustomize/flux-generated.js';
import { findKustomizationFile } from '../src/kustomize/kustomization-file.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const corpusRoot = resolve(repoRoot, '../shared/corpus');
const fixturesRoot = resolve(here, 'fixtures');

const KUBECTL_TIMEOUT_MS = 60_000;
const CONCURRENCY = 3;

const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { timeout: 15_000, stdio: 'ignore' }).status === 0;

interface KubectlResult {
  readonly ok: boolean;
  readonly objects: Record<string, unknown>[];
  readonly error: string;
}

interface KubectlJob {
  readonly key: string;
  readonly cwd: string;
  readonly args: readonly string[];
}

function runKubectl(job: KubectlJob): Promise<KubectlResult> {
  return new Promise((done) => {
    execFile('kubectl', [...job.args], { cwd: job.cwd, timeout: KUBECTL_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        done({ ok: false, objects: [], error: (stderr || error.message).trim().split('\n').slice(-1)[0] ?? '' });
        return;
      }
      const objects = parseAllDocuments(stdout)
        .map((d) => d.toJS() as unknown)
        .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
      done({ ok: true, objects, error: '' });
    });
  });
}

/** Runs kubectl for every job, a few at a time. */
async function runAll(jobs: readonly KubectlJob[]): Promise<Map<string, KubectlResult>> {
  const results = new Map<string, KubectlResult>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      results.set(job.key, await runKubectl(job));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

const kustomizeJob = (root: string, dir: string): KubectlJob => ({ key: dir, cwd: root, args: ['kustomize', dir || '.'] });

/**
 * Folders a Flux Kustomization of the repository applies (spec.path) that
 * have no kustomization file: Flux generates one for them.
 */
function fluxGeneratedTargets(root: string, store: DocumentStore): string[] {
  const targets = new Set<string>();
  for (const file of walkRepository(store.fs)) {
    if (file.role !== 'manifest') continue;
    for (const doc of store.documents(file.path) ?? []) {
      const v = doc.value as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || v['kind'] !== 'Kustomization' || !String(v['apiVersion']).startsWith('kustomize.toolkit.fluxcd.io/')) continue;
      const path = normalizePath(String((v['spec'] as Record<string, unknown> | undefined)?.['path'] ?? ''));
      if (path !== undefined && existsSync(join(root, path)) && statSync(join(root, path)).isDirectory() && !findKustomizationFile(store.fs, path)) targets.add(path);
    }
  }
  return [...targets].sort();
}

/**
 * kubectl cannot build a folder without kustomization file, so for those the
 * kustomization Flux would generate is written to a temporary folder (its
 * resource list comes from fluxGeneratedResources; what is checked is the
 * build of that list) and built without kubectl's load restriction, as Flux does.
 */
function generatedJob(root: string, dir: string, tmp: string): KubectlJob {
  const folder = mkdtempSync(join(tmp, 'flux-generated-'));
  const resources = fluxGeneratedResources(new NodeFileSystem(root), dir).map((p) => relative(folder, join(root, p)));
  writeFileSync(join(folder, 'kustomization.yaml'), `resources:\n${resources.map((r) => `  - ${JSON.stringify(r)}`).join('\n')}\n`);
  return { key: dir, cwd: folder, args: ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', '.'] };
}

/** Folders (relative to root) that hold a kustomization file. */
function kustomizationFolders(root: string, dir = ''): string[] {
  const abs = join(root, dir);
  const entries = readdirSync(abs, { withFileTypes: true });
  const out = entries.some((e) => e.isFile() && (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(e.name)) ? [dir] : [];
  for (const e of entries) {
    if (e.isDirectory() && e.name !== '.git' && e.name !== 'node_modules') out.push(...kustomizationFolders(root, dir ? `${dir}/${e.name}` : e.name));
  }
  return out;
}

const identity = (o: Readonly<Record<string, unknown>>) => {
  const meta = (o['metadata'] ?? {}) as Record<string, unknown>;
  return `${String(o['apiVersion'])} ${String(o['kind'])} ${String(meta['namespace'] ?? '')}/${String(meta['name'])}`;
};

/** Diagnostics that say why a build is incomplete even when kubectl succeeds. */
const INCOMPLETE_CODES = new Set(['kustomize-remote-resource', 'helm-chart-inflation', 'kustomize-unsupported']);

function unitDiagnostics(unit: UnitBuild, store: DocumentStore): Diagnostic[] {
  const files = new Set(unit.files);
  return [...unit.diagnostics, ...store.diagnostics().filter((d) => files.has(d.location.file))];
}

interface Verdict {
  readonly dir: string;
  readonly outcome: 'equal' | 'explained' | 'unexplained';
  readonly detail: string;
}

function judge(dir: string, kubectl: KubectlResult, unit: UnitBuild, store: DocumentStore): Verdict {
  const diagnostics = unitDiagnostics(unit, store);
  const ours = new Set(unit.objects.map((o) => identity(o.body)));
  if (!kubectl.ok) {
    return diagnostics.length > 0
      ? { dir, outcome: 'explained', detail: `kubectl failed (${kubectl.error}); ours: ${diagnostics.map((d) => d.code).join(', ')}` }
      : { dir, outcome: 'unexplained', detail: `kubectl failed (${kubectl.error}) and the build reported nothing` };
  }
  const theirs = new Set(kubectl.objects.map(identity));
  const missing = [...theirs].filter((k) => !ours.has(k));
  const extra = [...ours].filter((k) => !theirs.has(k));
  if (missing.length === 0 && extra.length === 0) return { dir, outcome: 'equal', detail: '' };
  const detail = `missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`;
  return diagnostics.some((d) => INCOMPLETE_CODES.has(d.code)) ? { dir, outcome: 'explained', detail } : { dir, outcome: 'unexplained', detail };
}

function repositories(): { name: string; root: string }[] {
  const out: { name: string; root: string }[] = [];
  const examples = join(repoRoot, 'examples');
  if (existsSync(examples) && statSync(examples).isDirectory()) out.push({ name: 'examples', root: examples });
  const homeOps = join(repoRoot, 'examples-home-ops');
  if (existsSync(homeOps) && statSync(homeOps).isDirectory()) out.push({ name: 'examples-home-ops', root: homeOps });
  if (existsSync(corpusRoot)) {
    for (const e of readdirSync(corpusRoot, { withFileTypes: true })) if (e.isDirectory()) out.push({ name: e.name, root: join(corpusRoot, e.name) });
  }
  return out;
}

const repos = repositories();

describe('KustomizeBuilder against kubectl kustomize: object identities of every kustomization', () => {
  if (!kubectlAvailable) {
    console.warn('kustomize oracle skipped: kubectl is not installed (it is the reference these tests compare with)');
    it.skip('kubectl kustomize is not available', () => {});
    return;
  }
  if (repos.length === 0) {
    console.warn(`kustomize oracle skipped: neither ${join(repoRoot, 'examples')} nor ${corpusRoot} has repositories`);
    it.skip('no repositories to compare', () => {});
    return;
  }
  if (!existsSync(corpusRoot)) {
    console.warn(`kustomize oracle: the real repositories are skipped, ${corpusRoot} is absent`);
    it.skip(`the repositories of ${corpusRoot} (absent)`, () => {});
  }
  for (const repo of repos) {
    it(`${repo.name}: every build equals kubectl's or is explained by a diagnostic`, async () => {
      const store = new DocumentStore(new NodeFileSystem(repo.root));
      const builder = new KustomizeBuilder({ store, diagnostics: [] });
      const dirs = kustomizationFolders(repo.root);
      const generated = fluxGeneratedTargets(repo.root, store);
      const tmp = mkdtempSync(join(tmpdir(), 'kustodian-oracle-'));
      try {
        const kubectl = await runAll([...dirs.map((d) => kustomizeJob(repo.root, d)), ...generated.map((d) => generatedJob(repo.root, d, tmp))]);
        const verdicts = [...dirs, ...generated].map((dir) => judge(dir, kubectl.get(dir)!, builder.build(dir), store));
        const count = (o: Verdict['outcome']) => verdicts.filter((v) => v.outcome === o).length;
        console.log(
          `kustomize oracle ${repo.name}: ${verdicts.length} units compared (${dirs.length} kustomizations, ${generated.length} Flux-generated), ${count('equal')} equal, ${count('explained')} explained by a diagnostic, ${count('unexplained')} unexplained`,
        );
        for (const v of verdicts) if (v.outcome === 'explained') console.log(`  explained ${v.dir || '.'}: ${v.detail}`);
        expect(verdicts.filter((v) => v.outcome === 'unexplained').map((v) => `${v.dir || '.'}: ${v.detail}`)).toEqual([]);
        expect(dirs.length).toBeGreaterThan(0);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

/** Only the fields kustomize and we both own: the whole object. */
function byIdentity(objects: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  return Object.fromEntries(objects.map((o) => [identity(o), o]));
}

const fixtureRoots = existsSync(fixturesRoot)
  ? readdirSync(fixturesRoot, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name.startsWith('kustomize-'))
      .map((e) => join(fixturesRoot, e.name))
  : [];

describe('KustomizeBuilder against kubectl kustomize: whole objects of the fixtures', () => {
  if (!kubectlAvailable) {
    it.skip('kubectl kustomize is not available', () => {});
    return;
  }
  for (const root of fixtureRoots) {
    const name = root.slice(fixturesRoot.length + 1);
    const dirs = kustomizationFolders(root);
    let results: Promise<Map<string, KubectlResult>> | undefined;
    const kubectlFor = async (dir: string) => (await (results ??= runAll(dirs.map((d) => kustomizeJob(root, d))))).get(dir)!;
    for (const dir of dirs) {
      // Under kustomize-errors/, the first folder names the diagnostic the build must
      // report, except shared/, which holds pieces the cases include and builds cleanly.
      const first = dir.split('/')[0];
      const expectedCode = name === 'kustomize-errors' && first !== 'shared' ? first : undefined;
      it(`${name}/${dir || '.'}`, async () => {
        const kubectl = await kubectlFor(dir);
        const builder = new KustomizeBuilder({ store: new DocumentStore(new NodeFileSystem(root)), diagnostics: [] });
        const unit = builder.build(dir);
        if (expectedCode) expect(unit.diagnostics.map((d) => d.code)).toContain(expectedCode);
        else if (name === 'kustomize-errors') expect(unit.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        if (!kubectl!.ok) {
          // kubectl refuses the folder: the build must say why.
          expect(unit.diagnostics.length, kubectl!.error).toBeGreaterThan(0);
          return;
        }
        expect(byIdentity(unit.objects.map((o) => o.body))).toEqual(byIdentity(kubectl!.objects));
      });
    }
  }
});
