import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capture, commitAll, SMALL_REPOSITORY, writeTree } from '../../test/fixtures.js';
import { main } from '../cli.js';
import { gitSearch } from './audit.js';
import { cliVersion } from '../version.js';

describe('kustodian audit', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'kustodian-cli-audit-'));
    writeTree(repo, SMALL_REPOSITORY);
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('prints the documented JSON and exits by --fail-on', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.stdout);
    expect(report.version).toBe(1);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'kustomization-unapplied', file: 'platform/kustomization.yaml', line: 1, severity: 'warning' }));
    expect(await main(['audit', '--repo', repo, '--fail-on', 'warning'], capture())).toBe(1);
  });

  it('writes a baseline and then reports nothing that is in it', async () => {
    const baseline = join(repo, '..', `${repo.split('/').pop()}-baseline.json`);
    try {
      expect(await main(['audit', '--repo', repo, '--write-baseline', baseline], capture())).toBe(0);
      expect(readFileSync(baseline, 'utf8')).toContain('kustomization-unapplied');
      const io = capture();
      expect(await main(['audit', '--repo', repo, '--baseline', baseline, '--format', 'json', '--fail-on', 'warning'], io)).toBe(0);
      expect(JSON.parse(io.stdout).findings).toEqual([]);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('with --changed-since, reports only findings in files changed since the revision', async () => {
    commitAll(repo);
    writeTree(repo, { 'apps/kustomization.yaml': 'resources: []\n' });
    const io = capture();
    await main(['audit', '--repo', repo, '--changed-since', 'HEAD', '--format', 'json'], io);
    const files = JSON.parse(io.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['apps/kustomization.yaml']);
    const bad = capture();
    expect(await main(['audit', '--repo', repo, '--changed-since', 'no-such-revision'], bad)).toBe(2);
    expect(bad.stderr).toContain('no-such-revision');
  });

  it('with --changed-since, builds only what the change can affect, finding the Secret it uses in another application with git grep', async () => {
    const app = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  path: ./apps/${name}
  sourceRef:
    kind: GitRepository
    name: flux-system
`;
    writeTree(repo, {
      'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n  - apps.yaml\n',
      'clusters/prod/apps.yaml': ['web', 'vault', 'blog'].map(app).join('---\n'),
      'apps/web/kustomization.yaml': 'resources:\n  - pod.yaml\n',
      'apps/web/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      envFrom:\n        - secretRef:\n            name: web-token\n',
      'apps/vault/kustomization.yaml': 'resources:\n  - secret.sops.yaml\n',
      'apps/vault/secret.sops.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-token\n  namespace: web\ndata:\n  token: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nsops:\n  age: []\n  version: 3.9.0\n',
      'apps/blog/kustomization.yaml': 'resources: []\n',
    });
    commitAll(repo);
    writeTree(repo, { 'apps/web/pod.yaml': readFileSync(join(repo, 'apps/web/pod.yaml'), 'utf8').replace('image: nginx', 'image: nginx:1.27') });
    const io = capture();
    await main(['audit', '--repo', repo, '--changed-since', 'HEAD', '--verbose', '--format', 'json'], io);
    // flux-system, web and the vault that defines its Secret; not the blog.
    expect(io.stderr).toContain('kustodian audit: 1 file changed since HEAD; built 3 of 4 Flux Kustomizations');
    const findings = JSON.parse(io.stdout).findings as { ruleId: string; file: string }[];
    // The Secret is defined in apps/vault, which the search found: not reported as undefined.
    expect(findings.filter((f) => f.ruleId === 'secret-undefined')).toEqual([]);
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set(findings.length > 0 ? ['apps/web/pod.yaml'] : []));
  });

  it('searches the working tree with git grep, per needle, and says when git cannot', () => {
    writeTree(repo, { 'apps/a.yaml': 'name: web-token\n', 'apps/b.yaml': 'web-token and ../base\n' });
    expect(gitSearch(repo, ['web-token'])).toBeUndefined();
    commitAll(repo);
    writeTree(repo, { 'apps/a.yaml': 'name: changed\n' });
    const found = gitSearch(repo, ['web-token', '../', 'absent-everywhere']);
    expect(found?.get('web-token')).toEqual(['apps/b.yaml']);
    expect(found?.get('../')).toEqual(['apps/b.yaml']);
    expect(found?.has('absent-everywhere')).toBe(false);
  });

  it('exits 2 naming the key of a bad kustodian.yaml', async () => {
    writeTree(repo, { 'kustodian.yaml': 'namespaces:\n  retird: [monitoring]\n' });
    const io = capture();
    expect(await main(['audit', '--repo', repo], io)).toBe(2);
    expect(io.stderr).toContain('kustodian.yaml:2');
    expect(io.stderr).toContain('retird');
  });

  it('exits 2 for a repository that does not exist, and for an unknown format', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', join(repo, 'nope')], io)).toBe(2);
    expect(io.stderr).toBe(`kustodian audit: ${join(repo, 'nope')}: no such folder\n`);
    expect(await main(['audit', '--repo', repo, '--format', 'yaml'], capture())).toBe(2);
  });

  it('writes the report to --output atomically', async () => {
    const out = join(repo, 'report.sarif');
    expect(await main(['audit', '--repo', repo, '--format', 'sarif', '--output', out], capture())).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('never takes --changed-since for a git option', async () => {
    commitAll(repo);
    const target = join(repo, '..', `${repo.split('/').pop()}-pwned`);
    const io = capture();
    expect(await main(['audit', '--repo', repo, `--changed-since=--output=${target}`], io)).toBe(2);
    expect(() => readFileSync(target)).toThrow();
  });

  it('exits 2, without a stack trace, when --output or --write-baseline cannot be written, saying the folder is missing', async () => {
    for (const flag of ['--output', '--write-baseline']) {
      const io = capture();
      const target = join(repo, 'no/such/folder/x.json');
      expect(await main(['audit', '--repo', repo, '--quiet', flag, target], io)).toBe(2);
      expect(io.stderr).toBe(`kustodian audit: cannot write ${target}: the folder ${join(repo, 'no/such/folder')} does not exist\n`);
    }
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--quiet', '--output', join(repo, 'platform/kustomization.yaml/x.sarif')], io)).toBe(2);
    expect(io.stderr).toBe(`kustodian audit: cannot write ${join(repo, 'platform/kustomization.yaml/x.sarif')}: ${join(repo, 'platform/kustomization.yaml')} is not a folder\n`);
  });

  it('exits 2 when a configuration named with --config does not exist', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--config', 'other.yaml'], io)).toBe(2);
    expect(io.stderr).toContain('other.yaml');
  });

  it('exits 2 for a folder with no manifests at all (a mistyped --repo is not a clean repository)', async () => {
    const empty = join(repo, 'docs-only');
    writeTree(empty, { 'README.md': '# notes\n' });
    const io = capture();
    expect(await main(['audit', '--repo', empty], io)).toBe(2);
    expect(io.stderr).toContain('no Kubernetes manifests');
  });

  it('in text format says first, on stderr, what it audits; --quiet leaves that out; JSON does not need it', async () => {
    const text = capture();
    await main(['audit', '--repo', repo], text);
    expect(text.stderr).toBe(`kustodian ${cliVersion()}: auditing ${repo} (entry points: clusters/prod)\n`);
    expect(text.stdout).toContain('kustomization-unapplied');
    const quiet = capture();
    await main(['audit', '--repo', repo, '--quiet'], quiet);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(text.stdout);
    const json = capture();
    await main(['audit', '--repo', repo, '--format', 'json'], json);
    expect(json.stderr).toBe('');
  });

  it('names the git revision of a checkout', async () => {
    const head = commitAll(repo);
    const io = capture();
    await main(['audit', '--repo', repo], io);
    expect(io.stderr).toBe(`kustodian ${cliVersion()}: auditing ${repo} at ${head.slice(0, 7)} (entry points: clusters/prod)\n`);
  });

  it('JSON and SARIF name what was read: tool version, repository, revision, entry points', async () => {
    const head = commitAll(repo);
    const json = capture();
    await main(['audit', '--repo', repo, '--format', 'json'], json);
    expect(JSON.parse(json.stdout).run).toEqual({ tool: { name: 'kustodian', version: cliVersion() }, repository: repo, revision: head, entryPoints: ['clusters/prod'] });
    const sarif = capture();
    await main(['audit', '--repo', repo, '--format', 'sarif'], sarif);
    const run = JSON.parse(sarif.stdout).runs[0];
    expect(run.tool.driver.version).toBe(cliVersion());
    expect(run.properties).toEqual({ repository: repo, revision: head, entryPoints: ['clusters/prod'] });
  });

  it('--verbose adds the configuration read, the counts and the time of each phase, in any format', async () => {
    writeTree(repo, { 'kustodian.yaml': 'rules:\n  kustomization-unapplied: error\n' });
    const io = capture();
    await main(['audit', '--repo', repo, '--verbose', '--format', 'json'], io);
    const lines = io.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^kustodian \S+: auditing /);
    expect(lines[1]).toMatch(/^kustodian audit: configuration: kustodian\.yaml, read in \d+ ms$/);
    expect(lines[2]).toMatch(/^kustodian audit: model: 4 files, \d+ resources, \d+ build units, 1 Flux Kustomizations, 0 diagnostics, built in \d+ ms$/);
    expect(lines[3]).toMatch(/^kustodian audit: rules: \d+ ran in \d+ ms, 1 findings, 0 suppressed$/);
    // The five slowest rules, slowest first, each with its time.
    expect(lines[4]).toMatch(/^kustodian audit: slowest rules: [a-z-]+ \d+ ms(, [a-z-]+ \d+ ms){4}$/);
    const times = [...lines[4]!.matchAll(/ (\d+) ms/g)].map((m) => Number(m[1]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(lines[5]).toMatch(/^kustodian audit: report: rendered in \d+ ms$/);
    expect(JSON.parse(io.stdout).findings).toHaveLength(1);
    const both = capture();
    expect(await main(['audit', '--repo', repo, '--verbose', '--quiet'], both)).toBe(2);
  });

  it('--rule and --skip-rule select the rules that run; an unknown id exits 2 with the nearest', async () => {
    // A Deployment in default that reads a Secret nothing defines: findings of more rules than kustomization-unapplied.
    writeTree(repo, {
      'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system/gotk-sync.yaml\n  - web.yaml\n',
      'clusters/prod/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          envFrom:\n            - secretRef:\n                name: web-env\n',
    });
    const ruleIds = async (...flags: string[]) => {
      const io = capture();
      await main(['audit', '--repo', repo, '--format', 'json', ...flags], io);
      return [...new Set(JSON.parse(io.stdout).findings.map((f: { ruleId: string }) => f.ruleId))].sort();
    };
    const all = await ruleIds();
    expect(all).toEqual(['kustomization-unapplied', 'namespace-implicit', 'secret-undefined']);
    expect(await ruleIds('--rule', 'kustomization-unapplied')).toEqual(['kustomization-unapplied']);
    expect(await ruleIds('--rule', 'kustomization-unapplied', '--rule', 'secret-undefined')).toEqual(['kustomization-unapplied', 'secret-undefined']);
    expect(await ruleIds('--skip-rule', 'kustomization-unapplied')).toEqual(['namespace-implicit', 'secret-undefined']);
    const bad = capture();
    expect(await main(['audit', '--repo', repo, '--rule', 'kustomization-unaplied'], bad)).toBe(2);
    expect(bad.stderr).toBe('kustodian audit: unknown rule --rule kustomization-unaplied; did you mean kustomization-unapplied?\n');
    const far = capture();
    expect(await main(['audit', '--repo', repo, '--skip-rule', 'zzzzzzzz'], far)).toBe(2);
    expect(far.stderr).toBe("kustodian audit: unknown rule --skip-rule zzzzzzzz; run 'kustodian rules' for the list\n");
  });

  it('blames an --entry-point that is not a folder of the repository on the flag', async () => {
    const io = capture();
    expect(await main(['audit', '--repo', repo, '--entry-point', 'clusters/nope'], io)).toBe(2);
    expect(io.stderr).toBe(`kustodian audit: --entry-point clusters/nope: no such folder in ${repo}\n`);
    const absolute = capture();
    expect(await main(['audit', '--repo', repo, '--entry-point', join(repo, 'clusters/prod'), '--format', 'json'], absolute)).toBe(0);
    expect(absolute.stderr).toBe('');
  });
});
