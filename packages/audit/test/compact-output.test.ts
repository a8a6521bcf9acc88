import { renderCompact } from '../src/report/compact.js';
import { sampleFinding, sampleResult } from './sample-result.js';

describe('compact output', () => {
  it('prints one greppable path:line:col: severity: message [id] line per problem, load problems too, and nothing else', () => {
    const result = sampleResult(
      [
        sampleFinding({ file: 'apps/a.yaml', line: 3, column: 7, message: 'Secret <db> is not\n  defined.', severity: 'error' }),
        sampleFinding({ ruleId: 'suppression-unused', file: 'apps/b.yaml', line: 1, message: 'Unused.', severity: 'info' }),
      ],
      { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad yaml', location: { file: 'c.yaml', line: 2, column: 1 } }] },
    );
    expect(renderCompact(result)).toBe(
      [
        'apps/a.yaml:3:7: error: Secret <db> is not defined. [kustomization-unapplied]',
        'apps/b.yaml:1:1: info: Unused. [suppression-unused]',
        'c.yaml:2:1: error: bad yaml [yaml-syntax]',
        '',
      ].join('\n'),
    );
  });

  it('never wraps, colours or summarises, and prints nothing for a clean result', () => {
    const long = `Word ${'lorem ipsum '.repeat(40)}end.`;
    expect(renderCompact(sampleResult([sampleFinding({ file: 'a.yaml', line: 1, message: long })]))).toBe(`a.yaml:1:1: warning: ${long} [kustomization-unapplied]\n`);
    expect(renderCompact(sampleResult([]))).toBe('');
  });
});
