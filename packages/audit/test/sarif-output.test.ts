import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { toSarifLog, renderSarif } from '../src/report/sarif.js';
import { sampleFinding, sampleFindingWithRelated, sampleResult } from './sample-result.js';

// ajv-formats is CommonJS with a default export.
const addFormats = ((addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? addFormatsPlugin) as FormatsPlugin;

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'schemas/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'api' };
const result = sampleResult(
  [
    sampleFinding({ file: 'apps/web app/kustomization.yaml', line: 1, message: 'Not applied.', severity: 'warning' }),
    sampleFinding({ ruleId: 'suppression-invalid', file: 'apps/web/deployment.yaml', line: 7, column: 9, message: 'Bad.', severity: 'error', resource: deployment }),
    sampleFinding({ ruleId: 'suppression-unused', file: 'apps/web/deployment.yaml', line: 9, message: 'Unused.', severity: 'info' }),
  ],
  {
    diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad YAML', location: { file: 'broken.yaml', line: 3, column: 4 } }],
    suppressed: [
      {
        finding: sampleFinding({ file: 'apps/old/kustomization.yaml', line: 1, message: 'Old.' }),
        suppression: { kind: 'comment', ruleId: 'kustomization-unapplied', reason: 'kept as a template', text: '', location: { file: 'apps/old/kustomization.yaml', line: 1, column: 1 }, resource: null, resourceKeys: new Set(), lines: [] },
      },
    ],
  },
);

describe('SARIF output', () => {
  const log = toSarifLog(result, { toolVersion: '1.2.3' });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const ok = validate(JSON.parse(renderSarif(result, { toolVersion: '1.2.3' })));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate(JSON.parse(renderSarif(sampleResult([]))))).toBe(true);
  });

  it('carries the run (version, repository root, revision, entry points) and the exit code with its reason, and stays valid', () => {
    const run = { tool: { name: 'kustodian', version: '2.0.0' }, repository: '/work/my repo', revision: 'abc123', entryPoints: ['clusters/home'] };
    const sarif = JSON.parse(renderSarif(result, { run, failOn: 'error' }));
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const [first] = sarif.runs;
    expect(first.tool.driver).toMatchObject({ version: '2.0.0', semanticVersion: '2.0.0' });
    expect(first.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/my%20repo/');
    expect(first.versionControlProvenance).toEqual([{ repositoryUri: 'file:///work/my%20repo/', revisionId: 'abc123', mappedTo: { uriBaseId: '%SRCROOT%' } }]);
    expect(first.properties).toEqual({ repository: '/work/my repo', revision: 'abc123', entryPoints: ['clusters/home'] });
    // The result has an error finding and an error diagnostic: the CLI exits 1 with --fail-on error, 0 with never.
    expect(first.invocations[0]).toMatchObject({ executionSuccessful: true, exitCode: 1, exitCodeDescription: '1 finding and 1 load problem at or above error (--fail-on error)' });
    expect(JSON.parse(renderSarif(result, { run, failOn: 'never' })).runs[0].invocations[0]).toMatchObject({ exitCode: 0, exitCodeDescription: '--fail-on never' });
  });

  it('states no exit code without a threshold, no revision outside git, and a version that is not SemVer only as version', () => {
    const run = { tool: { name: 'kustodian', version: 'dev' }, repository: 'C:\\Users\\me\\home ops', entryPoints: ['clusters/home'] };
    const sarif = JSON.parse(renderSarif(result, { run }));
    expect(validate(sarif)).toBe(true);
    const [first] = sarif.runs;
    expect(first.tool.driver.version).toBe('dev');
    expect(first.tool.driver).not.toHaveProperty('semanticVersion');
    expect(first.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///C:/Users/me/home%20ops/');
    expect(first).not.toHaveProperty('versionControlProvenance');
    expect(first.invocations[0]).not.toHaveProperty('exitCode');
    expect(first.invocations[0]).not.toHaveProperty('workingDirectory');
  });

  it('names no file: URI for a relative repository path (it would be read as a host name)', () => {
    const run = { tool: { name: 'kustodian', version: '2.0.0' }, repository: 'examples', revision: 'abc123', entryPoints: [] };
    const sarif = JSON.parse(renderSarif(result, { run, failOn: 'error' }));
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%']).toEqual({ description: { text: 'The root of the audited repository.' } });
    expect(sarif.runs[0]).not.toHaveProperty('versionControlProvenance');
    expect(sarif.runs[0].properties).toMatchObject({ repository: 'examples', revision: 'abc123' });
  });

  it('the validation is not vacuous: a broken log fails it', () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule that ran, with docs and default level', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(result.rules.map((r) => r.rule.id));
    const rule = rules.find((r) => r.id === 'kustomization-unapplied')!;
    expect(rule.shortDescription.text).toMatch(/\.$/);
    expect(rule.fullDescription.text.length).toBeGreaterThan(40);
    expect(rule.help.text).toContain(rule.helpUri);
    expect(rule.help.markdown).toContain(`](${rule.helpUri})`);
    expect(rule.helpUri).toMatch(/^https:\/\/.+\/docs\/rules\/kustomization-unapplied\.md$/);
    expect(rule.defaultConfiguration).toEqual({ level: 'warning' });
    expect(rules.find((r) => r.id === 'suppression-unused')!.defaultConfiguration).toEqual({ level: 'note' });
  });

  it('locates results by relative URI, line and column, with the rule index and a stable fingerprint', () => {
    const [first, second, third, suppressed] = log.runs[0]!.results;
    expect(first!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/web%20app/kustomization.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1 },
    });
    expect(second).toMatchObject({ ruleId: 'suppression-invalid', level: 'error', message: { text: 'Bad.' } });
    expect(second!.locations[0]!.physicalLocation.region).toEqual({ startLine: 7, startColumn: 9 });
    expect(second!.locations[0]!.logicalLocations).toEqual([{ name: 'api', fullyQualifiedName: 'Deployment/web/api', kind: 'resource' }]);
    expect(third!.level).toBe('note');
    expect(log.runs[0]!.tool.driver.rules[second!.ruleIndex!]!.id).toBe('suppression-invalid');
    expect(first!.partialFingerprints['kustodianFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(suppressed!.suppressions).toEqual([{ kind: 'inSource', justification: 'kept as a template' }]);
  });

  it('reports load problems as tool notifications', () => {
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      {
        descriptor: { id: 'yaml-syntax' },
        level: 'error',
        message: { text: 'bad YAML' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 4 } } }],
      },
    ]);
    expect(log.runs[0]!.tool.driver.version).toBe('1.2.3');
  });

  it('gives related places as relatedLocations, each with its role and object, valid against the schema', () => {
    const sarif = JSON.parse(renderSarif(sampleResult([sampleFindingWithRelated()])));
    expect(validate(sarif)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const [only] = sarif.runs[0].results;
    expect(only.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'apps/web/deployment.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 14, startColumn: 17 } }, message: { text: 'target: Secret web/web-env' } },
      { id: 1, physicalLocation: { artifactLocation: { uri: 'apps/web/worker.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 20, startColumn: 17 } }, message: { text: 'consumer: Deployment web/worker' } },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'apps/web/cron.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 5 } }, message: { text: 'consumer' } },
    ]);
    expect(JSON.parse(renderSarif(sampleResult([sampleFinding({ file: 'a.yaml', line: 1, message: 'Alone.' })]))).runs[0].results[0]).not.toHaveProperty('relatedLocations');
  });
});
