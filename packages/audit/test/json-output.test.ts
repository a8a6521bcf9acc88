import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { renderJson, toJsonReport } from '../src/report/json.js';
import { sampleFinding, sampleFindingWithRelated, sampleResult } from './sample-result.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/json-output.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const result = sampleResult(
  [
    sampleFinding({ file: 'apps/a/kustomization.yaml', line: 1, message: 'Not applied.', severity: 'warning', fix: 'Apply it.' }),
    sampleFinding({
      ruleId: 'suppression-invalid',
      file: 'apps/a/deployment.yaml',
      line: 4,
      column: 7,
      message: 'Bad.',
      severity: 'error',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' },
    }),
    sampleFinding({ file: 'crds/x.yaml', line: 2, message: 'Cluster-scoped.', severity: 'info', resource: { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'a' } }),
  ],
  { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad', location: { file: 'b.yaml', line: 3, column: 1 } }] },
);

describe('JSON output', () => {
  it('matches docs/json-output.schema.json', () => {
    expect(validate(JSON.parse(renderJson(result)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(JSON.parse(renderJson(sampleResult([]))))).toBe(true);
  });

  it('the schema rejects what the contract forbids', () => {
    const report = JSON.parse(renderJson(result));
    expect(validate({ ...report, version: 2 })).toBe(false);
    expect(validate({ ...report, findings: [{ ...report.findings[0], line: 0 }] })).toBe(false);
    expect(validate({ ...report, findings: [{ ...report.findings[0], extra: true }] })).toBe(false);
    const { fix: _fix, ...noFix } = report.findings[0];
    expect(validate({ ...report, findings: [noFix] })).toBe(false);
  });

  it('follows the contract field by field', () => {
    const report = toJsonReport(result);
    expect(report.version).toBe(1);
    expect(report.findings[1]).toEqual({
      ruleId: 'suppression-invalid',
      severity: 'error',
      message: 'Bad.',
      file: 'apps/a/deployment.yaml',
      line: 4,
      column: 7,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: 'web' },
      fix: 'Fix it.',
    });
    expect(report.findings[0]!.resource).toBeNull();
    expect(report.summary).toEqual({ error: 1, warning: 1, info: 1, files: 12, resources: 34, suppressed: 0 });
    expect(report.diagnostics).toEqual([{ code: 'yaml-syntax', severity: 'error', message: 'bad', file: 'b.yaml', line: 3, column: 1 }]);
    expect(renderJson(result).endsWith('}\n')).toBe(true);
  });

  it('carries the run (tool, repository, revision, entry points) when given, valid against the schema, and no run when not', () => {
    const run = { tool: { name: 'kustodian', version: '1.2.3' }, repository: '/home/me/cluster', revision: '3f1c2a9', entryPoints: ['clusters/home'] };
    const report = JSON.parse(renderJson(result, run));
    expect(report.run).toEqual(run);
    expect(validate(report)).toBe(true);
    const { revision: _revision, ...notGit } = run;
    expect(JSON.parse(renderJson(result, notGit)).run).toEqual(notGit);
    expect(validate(JSON.parse(renderJson(result, notGit)))).toBe(true);
    expect('run' in JSON.parse(renderJson(result))).toBe(false);
    expect(validate({ ...report, run: { ...run, tool: { name: 'kustodian' } } })).toBe(false);
    expect(validate({ ...report, run: { ...run, entryPoints: 'clusters/home' } })).toBe(false);
    expect(validate({ ...report, run: { ...run, extra: 1 } })).toBe(false);
  });

  it('carries related places when a finding has them, valid against the schema, and leaves the field out when it has none', () => {
    const json = JSON.parse(renderJson(sampleResult([sampleFindingWithRelated(), sampleFinding({ file: 'a.yaml', line: 1, message: 'Alone.' })])));
    expect(validate(json)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.findings[0].related).toEqual([
      { role: 'target', file: 'apps/web/deployment.yaml', line: 14, column: 17, resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 'web-env' } },
      { role: 'consumer', file: 'apps/web/worker.yaml', line: 20, column: 17, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'worker' } },
      { role: 'consumer', file: 'apps/web/cron.yaml', line: 9, column: 5, resource: null },
    ]);
    expect(json.findings[1]).not.toHaveProperty('related');
    // The schema knows the roles: one it does not know is refused.
    json.findings[0].related[0].role = 'friend';
    expect(validate(json)).toBe(false);
  });
});
