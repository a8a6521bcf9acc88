import { renderText } from '../src/report/text.js';
import { sampleFinding, sampleResult } from './sample-result.js';

const result = sampleResult(
  [
    sampleFinding({ file: 'apps/a/kustomization.yaml', line: 1, message: 'A is not applied.', severity: 'warning', fix: 'Apply it.' }),
    sampleFinding({ ruleId: 'suppression-invalid', file: 'apps/a/kustomization.yaml', line: 4, column: 3, message: 'Bad suppression.', severity: 'error' }),
    sampleFinding({ file: 'apps/b/kustomization.yaml', line: 1, message: 'B is not applied.', severity: 'info' }),
  ],
  { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'unexpected end of stream', location: { file: 'apps/c/broken.yaml', line: 7, column: 2 } }] },
);

describe('renderText', () => {
  it('prints each problem on one line that starts with path:line:col, then load problems, then why it exits as it does', () => {
    expect(renderText(result)).toBe(
      [
        'apps/a/kustomization.yaml:1:1  warning  A is not applied.  kustomization-unapplied',
        '    fix: Apply it.',
        'apps/a/kustomization.yaml:4:3  error  Bad suppression.  suppression-invalid',
        '    fix: Fix it.',
        'apps/b/kustomization.yaml:1:1  info  B is not applied.  kustomization-unapplied',
        '    fix: Fix it.',
        '',
        'Problems reading the repository:',
        'apps/c/broken.yaml:7:2  error  unexpected end of stream  yaml-syntax',
        '',
        '3 findings (1 error, 1 warning, 1 info), 0 suppressed; 12 files and 34 resources audited. Exit 1: 1 finding and 1 load problem at or above error (--fail-on error).',
        '',
      ].join('\n'),
    );
  });

  it('says why it exits 0 or 1 for the threshold given', () => {
    expect(renderText(result, { failOn: 'never' })).toMatch(/ Exit 0: --fail-on never\.\n$/);
    expect(renderText(result, { failOn: 'warning' })).toMatch(/ Exit 1: 2 findings and 1 load problem at or above warning \(--fail-on warning\)\.\n$/);
    const mild = sampleResult([sampleFinding({ severity: 'info', message: 'Just so you know.' })]);
    expect(renderText(mild)).toMatch(/ Exit 0: none at or above error \(--fail-on error\)\.\n$/);
  });

  it('prints identical problems once, with their other places', () => {
    const same = sampleResult([
      sampleFinding({ file: 'a.yaml', line: 3, message: 'Namespace media is not declared.', fix: 'Declare it.' }),
      sampleFinding({ file: 'b.yaml', line: 9, column: 5, message: 'Namespace media is not declared.', fix: 'Declare it.' }),
      sampleFinding({ file: 'c.yaml', line: 1, message: 'Something else.' }),
    ]);
    const text = renderText(same);
    expect(text.match(/Namespace media is not declared\./g)).toHaveLength(1);
    expect(text).toContain('a.yaml:3:1  warning  Namespace media is not declared.  kustomization-unapplied\n    also at b.yaml:9:5\n');
    // Counts stay the real counts.
    expect(text).toContain('3 findings (0 errors, 3 warnings, 0 info)');
  });

  it('wraps long messages to the width given, and never without one', () => {
    const long = sampleResult([sampleFinding({ file: 'apps/x.yaml', line: 2, message: `Word ${'lorem ipsum dolor '.repeat(12)}end.`, fix: 'Short.' })]);
    const wrapped = renderText(long, { width: 80 });
    const lines = wrapped.split('\n').filter((l) => !l.includes('findings') && !l.includes('finding ('));
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]!.startsWith('apps/x.yaml:2:1  warning  Word lorem')).toBe(true);
    expect(lines[1]!.startsWith('    ')).toBe(true);
    expect(wrapped).toMatch(/end\.  kustomization-unapplied\n/);
    const unwrapped = renderText(long);
    expect(unwrapped.split('\n')[0]).toBe(`apps/x.yaml:2:1  warning  Word ${'lorem ipsum dolor '.repeat(12)}end.  kustomization-unapplied`);
  });

  it('has no escape codes unless colour is asked for', () => {
    expect(renderText(result)).not.toContain('\u001b[');
    const coloured = renderText(result, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText(result));
  });

  it('can leave fixes out, and says so when there is nothing to report', () => {
    expect(renderText(result, { fixes: false })).not.toContain('fix:');
    expect(renderText(sampleResult([]))).toBe('No findings, 0 suppressed; 12 files and 34 resources audited. Exit 0: none at or above error (--fail-on error).\n');
  });
});
