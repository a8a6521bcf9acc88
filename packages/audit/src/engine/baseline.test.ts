import { sampleFinding, sampleResult } from '../../test/sample-result.js';
import { AuditError } from '../errors.js';
import { applyBaseline, findingFingerprint, readBaseline, writeBaseline } from './baseline.js';

describe('baseline', () => {
  const a = sampleFinding({ ruleId: 'rule-a', file: 'apps/a.yaml', line: 3, message: 'A is wrong.' });
  const b = sampleFinding({ ruleId: 'rule-b', file: 'apps/b.yaml', line: 9, message: 'B is wrong.', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'b' } });

  it('round-trips through text and hides exactly the accepted findings', () => {
    const baseline = readBaseline(writeBaseline(sampleResult([a, b])));
    const c = sampleFinding({ ruleId: 'rule-a', file: 'apps/c.yaml', line: 1, message: 'C is new.' });
    const outcome = applyBaseline(sampleResult([a, b, c]), baseline);
    expect(outcome.result.findings).toEqual([c]);
    expect(outcome.matched).toBe(2);
    expect(outcome.stale).toEqual([]);
  });

  it('still matches when lines moved (an edit above the finding)', () => {
    const baseline = readBaseline(writeBaseline(sampleResult([b])));
    const moved = { ...b, location: { ...b.location, line: 42, column: 7 } };
    expect(applyBaseline(sampleResult([moved]), baseline).result.findings).toEqual([]);
  });

  it('does not match another resource, file, rule or message', () => {
    const baseline = readBaseline(writeBaseline(sampleResult([b])));
    const variants = [
      { ...b, resource: { ...b.resource!, name: 'other' } },
      { ...b, location: { ...b.location, file: 'apps/other.yaml' } },
      { ...b, ruleId: 'rule-c' },
      { ...b, message: 'B is wrong twice.' },
    ];
    expect(applyBaseline(sampleResult(variants), baseline).result.findings).toEqual(variants);
  });

  it('accepts as many identical findings as it recorded, and lists entries that match nothing as stale', () => {
    const text = writeBaseline(sampleResult([a, { ...a, location: { ...a.location, line: 30 } }]));
    expect(JSON.parse(text).findings).toEqual([{ ruleId: 'rule-a', file: 'apps/a.yaml', resource: null, message: 'A is wrong.', count: 2 }]);
    const third = { ...a, location: { ...a.location, line: 50 } };
    const outcome = applyBaseline(sampleResult([a, a, third]), readBaseline(text));
    expect(outcome.result.findings).toEqual([third]);
    expect(applyBaseline(sampleResult([]), readBaseline(text)).stale).toHaveLength(1);
  });

  it('writes sorted, stable text', () => {
    expect(writeBaseline(sampleResult([b, a]))).toBe(writeBaseline(sampleResult([a, b])));
    expect(writeBaseline(sampleResult([]))).toBe('{\n  "version": 1,\n  "findings": []\n}\n');
  });

  it('rejects a malformed baseline with BASELINE_INVALID', () => {
    for (const text of ['not json', '[]', '{"version":2,"findings":[]}', '{"version":1,"findings":[{"ruleId":1}]}', '{"version":1,"findings":[{"ruleId":"a","file":"f","message":"m","count":0}]}']) {
      expect(() => readBaseline(text, 'baseline.json')).toThrow(AuditError);
      try {
        readBaseline(text, 'baseline.json');
      } catch (error) {
        expect((error as AuditError).code).toBe('BASELINE_INVALID');
        expect((error as AuditError).message).toContain('baseline.json');
      }
    }
  });

  it('fingerprints ignore the line but not the message', () => {
    expect(findingFingerprint(a)).toBe(findingFingerprint({ ...a, location: { ...a.location, line: 99 } }));
    expect(findingFingerprint(a)).not.toBe(findingFingerprint({ ...a, message: 'A is different.' }));
    expect(findingFingerprint(a)).toMatch(/^[0-9a-f]{32}$/);
  });
});
