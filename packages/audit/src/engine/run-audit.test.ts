import type { KustodianConfig } from '@kustodian/manifest-model';
import { ConfigError, DEFAULT_CONFIG } from '@kustodian/manifest-model';
import { loadRepository, MemoryFileSystem } from '@kustodian/manifest-model';
import type { RepositoryModel } from '@kustodian/manifest-model';
import { AuditError } from '../errors.js';
import { auditRepository } from './audit-repository.js';
import { summarizeAudit } from './audit-result.js';
import { filterToChangedFiles } from './changed-files.js';
import { defineRule } from './define-rule.js';
import type { AnyRule } from './define-rule.js';
import { auditExitCode } from './exit-code.js';
import { runAudit } from './run-audit.js';

/** Reports every Deployment at its document. */
const everyDeployment = defineRule({
  id: 'test-every-deployment',
  meta: {
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'Test rule.',
    rationale: 'Test rule.',
    fix: 'Remove the Deployment.',
    messages: { found: 'Deployment {{name}}{{suffix}}' },
    options: { schema: { type: 'object', properties: { suffix: { type: 'string' } }, additionalProperties: false }, defaults: { suffix: '.' } },
  },
  check({ model, options, report }) {
    for (const r of model.resources) {
      if (r.kind === 'Deployment') report({ messageId: 'found', data: { name: r.name, suffix: options.suffix }, location: r.location, resource: r });
    }
  },
});

/** Reports line 1 of every kustomization file, twice (the engine de-duplicates). */
const everyKustomization = defineRule({
  id: 'test-every-kustomization',
  meta: { category: 'structure', defaultSeverity: 'info', summary: 'Test.', rationale: 'Test.', fix: 'Test.', messages: { file: '{{file}}' } },
  check({ model, report }) {
    for (const f of model.files.filter((x) => x.role === 'kustomization')) {
      report({ messageId: 'file', data: { file: f.path }, location: { file: f.path, line: 1, column: 1 } });
      report({ messageId: 'file', data: { file: f.path }, location: { file: f.path, line: 1, column: 1 } });
    }
  },
});

const rules = [everyDeployment, everyKustomization];

const deployment = (name: string, annotations = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: web\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  replicas: 1\n`;

function model(tree: Record<string, string>): RepositoryModel {
  return loadRepository(new MemoryFileSystem({ 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n', ...tree }));
}

const config = (rulesConfig: KustodianConfig['rules']): KustodianConfig => ({ ...DEFAULT_CONFIG, rules: rulesConfig });

const line = (f: { ruleId: string; location: { file: string; line: number; column: number }; message: string }) =>
  `${f.location.file}:${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`;

describe('runAudit', () => {
  const repo = {
    'apps/kustomization.yaml': 'resources:\n  - b.yaml\n  - a.yaml\n',
    'apps/a.yaml': deployment('a'),
    'apps/b.yaml': `# leading comment\n${deployment('b1')}---\n${deployment('b2')}`,
  };

  it('orders findings by file, line, column and rule id, and reports each once', () => {
    const result = runAudit(model(repo), { rules });
    expect(result.findings.map(line)).toEqual([
      'apps/a.yaml:1:1 test-every-deployment Deployment a.',
      'apps/b.yaml:2:1 test-every-deployment Deployment b1.',
      'apps/b.yaml:10:1 test-every-deployment Deployment b2.',
      'apps/kustomization.yaml:1:1 test-every-kustomization apps/kustomization.yaml',
      'clusters/home/kustomization.yaml:1:1 test-every-kustomization clusters/home/kustomization.yaml',
    ]);
    expect(result.findings[0]).toMatchObject({
      severity: 'warning',
      messageId: 'found',
      fix: 'Remove the Deployment.',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'a' },
      // The values the rule reported, for consumers that must not parse the message.
      data: { name: 'a', suffix: '.' },
    });
    expect(result.rules.map((r) => r.rule.id)).toEqual(['suppression-invalid', 'suppression-unused', 'test-every-deployment', 'test-every-kustomization']);
  });

  it('applies severity overrides, turns rules off, and merges options over defaults', () => {
    const result = runAudit(model(repo), {
      rules,
      config: config({ 'test-every-deployment': { severity: 'error', options: { suffix: '!' } }, 'test-every-kustomization': { severity: 'off' } }),
    });
    expect(result.findings.map((f) => `${f.severity} ${f.message}`)).toEqual(['error Deployment a!', 'error Deployment b1!', 'error Deployment b2!']);
    expect(result.rules.map((r) => r.rule.id)).not.toContain('test-every-kustomization');
    expect(summarizeAudit(result)).toMatchObject({ error: 3, warning: 0, info: 0, suppressed: 0 });
  });

  it('hides findings on a resource annotated with kustodian.io/ignore and counts them as suppressed', () => {
    const annotated = { ...repo, 'apps/a.yaml': deployment('a', '    kustodian.io/ignore: "test-every-deployment: kept for the migration; test-every-kustomization: not about this file"\n') };
    const result = runAudit(model(annotated), { rules });
    expect(result.findings.map(line)).not.toContain('apps/a.yaml:1:1 test-every-deployment Deployment a.');
    expect(result.suppressed.map((s) => [line(s.finding), s.suppression.kind, s.suppression.reason])).toEqual([
      ['apps/a.yaml:1:1 test-every-deployment Deployment a.', 'annotation', 'kept for the migration'],
    ]);
    // The second entry names a rule that ran but matched nothing on this resource.
    expect(result.findings.filter((f) => f.ruleId === 'suppression-unused').map(line)).toEqual([
      'apps/a.yaml:7:5 suppression-unused Suppression of test-every-kustomization matched no finding; remove it.',
    ]);
    expect(summarizeAudit(result).suppressed).toBe(1);
  });

  it('hides findings on the line below a suppression comment, and only for the named rule', () => {
    const commented = {
      ...repo,
      'apps/b.yaml': `# kustodian-ignore test-every-deployment: b1 is being replaced\n${deployment('b1')}---\n${deployment('b2')}`,
      'apps/kustomization.yaml': 'resources: # kustodian-ignore test-every-deployment: wrong rule for this line\n  - b.yaml\n  - a.yaml\n',
    };
    const result = runAudit(model(commented), { rules });
    expect(result.suppressed.map((s) => line(s.finding))).toEqual(['apps/b.yaml:2:1 test-every-deployment Deployment b1.']);
    expect(result.findings.map(line)).toContain('apps/b.yaml:10:1 test-every-deployment Deployment b2.');
    expect(result.findings.map(line)).toContain('apps/kustomization.yaml:1:1 test-every-kustomization apps/kustomization.yaml');
    expect(result.findings.filter((f) => f.ruleId === 'suppression-unused').map(line)).toEqual([
      'apps/kustomization.yaml:1:12 suppression-unused Suppression of test-every-deployment matched no finding; remove it.',
    ]);
  });

  it('does not apply a suppression without a reason, and reports it', () => {
    const result = runAudit(model({ ...repo, 'apps/a.yaml': `# kustodian-ignore test-every-deployment\n${deployment('a')}` }), { rules });
    expect(result.suppressed).toEqual([]);
    expect(result.findings.map(line)).toContain('apps/a.yaml:2:1 test-every-deployment Deployment a.');
    expect(result.findings.filter((f) => f.ruleId === 'suppression-invalid').map(line)).toEqual([
      'apps/a.yaml:1:1 suppression-invalid Suppression of test-every-deployment gives no reason; write "test-every-deployment: <why it is acceptable>".',
    ]);
  });

  it('reports a suppression of an unknown rule with the nearest rule id', () => {
    const result = runAudit(model({ ...repo, 'apps/a.yaml': `# kustodian-ignore test-every-deploymnt: typo\n${deployment('a')}` }), { rules });
    expect(result.findings.filter((f) => f.ruleId === 'suppression-invalid').map((f) => f.message)).toEqual([
      'Suppression names "test-every-deploymnt", which is not a Kustodian rule (did you mean test-every-deployment?).',
    ]);
  });

  it('does not call a suppression unused when its rule is off, and honours severities of engine rules', () => {
    const tree = { ...repo, 'apps/a.yaml': `# kustodian-ignore test-every-kustomization: not here\n${deployment('a')}` };
    const off = runAudit(model(tree), { rules, config: config({ 'test-every-kustomization': { severity: 'off' } }) });
    expect(off.findings.filter((f) => f.ruleId === 'suppression-unused')).toEqual([]);
    const raised = runAudit(model(tree), { rules, config: config({ 'suppression-unused': { severity: 'error' } }) });
    expect(raised.findings.filter((f) => f.ruleId === 'suppression-unused').map((f) => f.severity)).toEqual(['error']);
    const silenced = runAudit(model(tree), { rules, config: config({ 'suppression-unused': { severity: 'off' } }) });
    expect(silenced.findings.filter((f) => f.ruleId === 'suppression-unused')).toEqual([]);
  });

  it('keeps the model diagnostics and counts files and resources', () => {
    const m = model({ ...repo, 'apps/broken.yaml': 'a: [\n' });
    const result = runAudit(m, { rules: [] });
    expect(result.diagnostics).toBe(m.diagnostics);
    expect(result.diagnostics.map((d) => d.location.file)).toContain('apps/broken.yaml');
    expect(result.files).toBe(m.files.length);
    expect(result.resources).toBe(m.resources.length);
  });

  describe('a severity given with a report', () => {
    /** Reports every Deployment; the one named "maybe" with severity info. */
    const graded = defineRule({
      id: 'test-graded',
      meta: { category: 'structure', defaultSeverity: 'warning', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { found: 'Deployment {{name}}' } },
      check({ model, report }) {
        for (const r of model.resources) {
          if (r.kind === 'Deployment') report({ messageId: 'found', data: { name: r.name }, location: r.location, ...(r.name === 'b1' ? { severity: 'info' as const } : r.name === 'b2' ? { severity: 'error' as const } : {}) });
        }
      },
    });
    const severities = (c?: KustodianConfig) => runAudit(model(repo), { rules: [graded], ...(c ? { config: c } : {}) }).findings.map((f) => `${f.message} ${f.severity}`);

    it('is the finding severity at the default configuration', () => {
      expect(severities()).toEqual(['Deployment a warning', 'Deployment b1 info', 'Deployment b2 error']);
    });

    it('is capped by a severity configured for the rule, never raised by it', () => {
      expect(severities(config({ 'test-graded': { severity: 'error' } }))).toEqual(['Deployment a error', 'Deployment b1 info', 'Deployment b2 error']);
      expect(severities(config({ 'test-graded': { severity: 'warning' } }))).toEqual(['Deployment a warning', 'Deployment b1 info', 'Deployment b2 warning']);
      expect(severities(config({ 'test-graded': { severity: 'info' } }))).toEqual(['Deployment a info', 'Deployment b1 info', 'Deployment b2 info']);
    });
  });

  describe('diagnostics that a rule reports as findings', () => {
    const missingPath = { ...repo, 'apps/kustomization.yaml': 'resources:\n  - a.yaml\n  - gone.yaml\n' };
    /** Stands in for the rule that owns kustomize-path-missing: same id, reports nothing. */
    const owner = defineRule({
      id: 'kustomization-path-missing',
      meta: { category: 'structure', defaultSeverity: 'error', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { m: 'm' } },
      check() {},
    });
    const codes = (r: ReturnType<typeof runAudit>) => r.diagnostics.map((d) => d.code);

    it('stay in the result when that rule is not run', () => {
      const m = model(missingPath);
      expect(codes(runAudit(m, { rules: [everyDeployment] }))).toEqual(['kustomize-path-missing']);
    });

    it('are left out when that rule runs, or is configured off, and other diagnostics stay', () => {
      const m = model({ ...missingPath, 'apps/broken.yaml': 'a: [\n' });
      expect(codes(runAudit(m, { rules: [owner] }))).toEqual(['yaml-syntax']);
      expect(codes(runAudit(m, { rules: [owner], config: config({ 'kustomization-path-missing': { severity: 'off' } }) }))).toEqual(['yaml-syntax']);
    });
  });

  describe('isolates a rule that throws on one input', () => {
    const throwsOn = (name: string) =>
      defineRule({
        id: 'test-throws',
        meta: { category: 'structure', defaultSeverity: 'warning', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { seen: 'saw {{name}}' } },
        check({ model, report }) {
          for (const r of model.resources) {
            if (r.name === name) throw new TypeError(`cannot read ${r.name}`);
            if (r.kind === 'Deployment') report({ messageId: 'seen', data: { name: r.name }, location: r.location });
          }
        },
      });

    it('reports rule-failed naming the rule and the file, checks every other input, and runs the other rules in full', () => {
      const result = runAudit(model(repo), { rules: [throwsOn('b1'), everyDeployment] });
      expect(result.findings.filter((f) => f.ruleId === 'test-throws').map((f) => f.message)).toEqual(['saw a', 'saw b2']);
      expect(result.findings.filter((f) => f.ruleId === 'test-every-deployment')).toHaveLength(3);
      const failed = result.diagnostics.filter((d) => d.code === 'rule-failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ severity: 'error', location: { file: 'apps/b.yaml', line: 2 } });
      expect(failed[0]!.message).toMatch(/^rule test-throws failed on Deployment web\/b1: cannot read b1; the rule ran again without it/);
    });

    it('counts toward the exit status like any error diagnostic, so the run is never green', () => {
      const result = runAudit(model(repo), { rules: [throwsOn('a')] });
      expect(result.findings.every((f) => f.severity === 'warning')).toBe(true);
      expect(auditExitCode(result)).toBe(1);
      expect(auditExitCode(result, { failOn: 'never' })).toBe(0);
    });

    it('throws instead when asked to (the rule tester)', () => {
      expect(() => runAudit(model(repo), { rules: [throwsOn('a')], onRuleError: 'throw' })).toThrow(/rule test-throws failed: cannot read a/);
    });
  });

  describe('rejects a rule that breaks its contract (RULE_FAILED)', () => {
    const broken = (check: AnyRule['check']): AnyRule =>
      defineRule({ id: 'test-broken', meta: { category: 'structure', defaultSeverity: 'error', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { m: 'needs {{value}}' } }, check });
    const cases: [string, AnyRule['check'], RegExp][] = [
      ['unknown messageId', ({ report }) => report({ messageId: 'nope', location: { file: 'a', line: 1, column: 1 } }), /unknown messageId "nope"/],
      ['missing placeholder', ({ report }) => report({ messageId: 'm', location: { file: 'a', line: 1, column: 1 } }), /no value for \{\{value\}\}/],
      ['line 0', ({ report }) => report({ messageId: 'm', data: { value: 1 }, location: { file: 'a', line: 0, column: 1 } }), /without file, line and column/],
      [
        'a related role its meta does not declare',
        ({ report }) => report({ messageId: 'm', data: { value: 1 }, location: { file: 'a', line: 1, column: 1 }, related: [{ role: 'consumer', location: { file: 'b', line: 2, column: 1 } }] }),
        /related place with role "consumer", which its meta.related does not declare/,
      ],
      [
        'a throw',
        () => {
          throw new TypeError('boom');
        },
        /rule test-broken failed: boom/,
      ],
    ];
    for (const [name, check, message] of cases) {
      it(name, () => {
        let caught: unknown;
        try {
          runAudit(model(repo), { rules: [broken(check)], onRuleError: 'throw' });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(AuditError);
        expect((caught as AuditError).code).toBe('RULE_FAILED');
        expect((caught as AuditError).message).toMatch(message);
      });
    }

    it('two rules with one id', () => {
      expect(() => runAudit(model(repo), { rules: [everyDeployment, everyDeployment] })).toThrow(/two rules have the id test-every-deployment/);
    });
  });
});

describe('filterToChangedFiles', () => {
  it('keeps findings, suppressed findings and diagnostics of the changed files only', () => {
    const m = model({
      'apps/kustomization.yaml': 'resources:\n  - a.yaml\n  - b.yaml\n',
      'apps/a.yaml': deployment('a'),
      'apps/b.yaml': `# kustodian-ignore test-every-deployment: fine\n${deployment('b')}`,
      'apps/c.yaml': 'x: [\n',
    });
    const result = runAudit(m, { rules });
    const onlyA = filterToChangedFiles(result, ['./apps/a.yaml']);
    expect(onlyA.findings.map((f) => f.location.file)).toEqual(['apps/a.yaml']);
    expect(onlyA.suppressed).toEqual([]);
    expect(onlyA.diagnostics).toEqual([]);
    const bc = filterToChangedFiles(result, new Set(['apps/b.yaml', 'apps/c.yaml']));
    expect(bc.findings).toEqual([]);
    expect(bc.suppressed).toHaveLength(1);
    expect(bc.diagnostics.map((d) => d.location.file)).toEqual(['apps/c.yaml']);
  });
});

describe('auditRepository', () => {
  it('reads kustodian.yaml from the repository: entry points, ignores and rule settings', () => {
    const fs = new MemoryFileSystem({
      'kustodian.yaml': 'entryPoints: [clusters/lab]\nignore: [apps/b.yaml]\nrules:\n  test-every-kustomization: off\n',
      'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n',
      'clusters/lab/kustomization.yaml': 'resources:\n  - ../../apps\n',
      'apps/kustomization.yaml': 'resources:\n  - a.yaml\n',
      'apps/a.yaml': deployment('a'),
      'apps/b.yaml': deployment('b'),
    });
    const { config, model: m, result } = auditRepository(fs, { rules });
    expect(config.entryPoints).toEqual(['clusters/lab']);
    expect(m.entryPoints.map((e) => e.path)).toEqual(['clusters/lab']);
    expect(m.files.map((f) => f.path)).not.toContain('apps/b.yaml');
    expect(result.findings.map(line)).toEqual(['apps/a.yaml:1:1 test-every-deployment Deployment a.']);
  });

  it('throws ConfigError for a bad kustodian.yaml', () => {
    const fs = new MemoryFileSystem({ 'kustodian.yaml': 'rules:\n  test-every-deployment: loud\n' });
    expect(() => auditRepository(fs, { rules })).toThrow(ConfigError);
  });

  it('works without a kustodian.yaml', () => {
    const fs = new MemoryFileSystem({ 'clusters/home/kustomization.yaml': 'resources:\n  - a.yaml\n', 'clusters/home/a.yaml': deployment('a') });
    expect(auditRepository(fs, { rules: [everyDeployment] }).result.findings.map(line)).toEqual(['clusters/home/a.yaml:1:1 test-every-deployment Deployment a.']);
  });

  it('gives a finding its related places: target first, then in file order, without repeats or the place of the finding itself', () => {
    const relating = defineRule({
      id: 'test-relating',
      meta: { category: 'structure', defaultSeverity: 'warning', summary: 'T.', rationale: 'T.', fix: 'T.', messages: { m: 'M.' }, related: { target: 'What it is about.', consumer: 'Who reads it.' } },
      check({ report }) {
        const at = (file: string, line: number) => ({ file, line, column: 1 });
        report({
          messageId: 'm',
          location: at('a.yaml', 3),
          related: [
            { role: 'consumer', location: at('c.yaml', 9), resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'c' } },
            { role: 'consumer', location: at('b.yaml', 1) },
            { role: 'consumer', location: at('c.yaml', 9) },
            { role: 'consumer', location: at('a.yaml', 3) },
            { role: 'target', location: at('a.yaml', 3), resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 's' } },
          ],
        });
      },
    });
    const [finding] = runAudit(model({ 'apps/kustomization.yaml': 'resources: []\n' }), { rules: [relating] }).findings;
    expect(finding!.related).toEqual([
      { role: 'target', file: 'a.yaml', line: 3, column: 1, resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 's' } },
      { role: 'consumer', file: 'b.yaml', line: 1, column: 1, resource: null },
      { role: 'consumer', file: 'c.yaml', line: 9, column: 1, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: null, name: 'c' } },
    ]);
  });
});
