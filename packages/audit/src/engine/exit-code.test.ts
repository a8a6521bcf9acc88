import { sampleFinding, sampleResult } from '../../test/sample-result.js';
import { EXIT } from '@kustodian/core';
import { auditExitCode } from './exit-code.js';

describe('auditExitCode', () => {
  const warning = sampleFinding({ file: 'a.yaml', line: 1, message: 'w', severity: 'warning' });
  const info = sampleFinding({ file: 'a.yaml', line: 2, message: 'i', severity: 'info' });
  const error = sampleFinding({ file: 'a.yaml', line: 3, message: 'e', severity: 'error' });

  it('fails on errors by default', () => {
    expect(auditExitCode(sampleResult([]))).toBe(0);
    expect(auditExitCode(sampleResult([warning, info]))).toBe(0);
    expect(auditExitCode(sampleResult([warning, error]))).toBe(1);
  });

  it('fails at or above the given threshold, or never', () => {
    expect(auditExitCode(sampleResult([info]), { failOn: 'warning' })).toBe(0);
    expect(auditExitCode(sampleResult([warning]), { failOn: 'warning' })).toBe(1);
    expect(auditExitCode(sampleResult([info]), { failOn: 'info' })).toBe(1);
    expect(auditExitCode(sampleResult([error]), { failOn: 'never' })).toBe(0);
  });

  it('counts load diagnostics like findings', () => {
    const broken = sampleResult([], { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad', location: { file: 'a.yaml', line: 1, column: 1 } }] });
    expect(auditExitCode(broken)).toBe(1);
    const note = sampleResult([], { diagnostics: [{ code: 'flux-external-source', severity: 'info', message: 'n', location: { file: 'a.yaml', line: 1, column: 1 } }] });
    expect(auditExitCode(note)).toBe(0);
  });

  it('documents 2 for unusable input', () => {
    expect(EXIT).toEqual({ ok: 0, findings: 1, unusable: 2 });
  });
});
