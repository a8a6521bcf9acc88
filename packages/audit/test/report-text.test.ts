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
  it('groups findings by file, then load problems, then a summary', () => {
    expect(renderText(result)).toBe(
      [
        'apps/a/kustomization.yaml',
        '  1:1     warning  A is not applied.  kustomization-unapplied',
        '          fix: Apply it.',
        '  4:3     error    Bad suppression.  suppression-invalid',
        '          fix: Fix it.',
        '',
        'apps/b/kustomization.yaml',
        '  1:1     info     B is not applied.  kustomization-unapplied',
        '          fix: Fix it.',
        '',
        'Problems reading the repository:',
        'apps/c/broken.yaml',
        '  7:2     error    unexpected end of stream  yaml-syntax',
        '',
        '3 findings (1 error, 1 warning, 1 info); 0 suppressed; 12 files and 34 resources audited.',
        '',
      ].join('\n'),
    );
  });

  it('has no escape codes unless colour is asked for', () => {
    expect(renderText(result)).not.toContain('\u001b[');
    const coloured = renderText(result, { color: true });
    expect(coloured).toContain('\u001b[31merror  \u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText(result));
  });

  it('can leave fixes out, and says so when there is nothing to report', () => {
    expect(renderText(result, { fixes: false })).not.toContain('fix:');
    expect(renderText(sampleResult([]))).toBe('No findings (0 suppressed; 12 files and 34 resources audited.)\n');
  });
});
