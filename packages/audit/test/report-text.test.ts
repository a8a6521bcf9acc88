import { renderText } from '../src/report/text.js';
import { sampleFinding, sampleFindingWithRelated, sampleResult } from './sample-result.js';

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
    const mild = sampleResult([sampleFinding({ file: 'a.yaml', line: 1, severity: 'info', message: 'Just so you know.' })]);
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

  it('lists many other places of one problem, wrapped under "also at" when a width is given', () => {
    const places = Array.from({ length: 8 }, (_, i) => sampleFinding({ file: `apps/app-${i}/kustomization.yaml`, line: i + 1, message: 'Same.', fix: 'Same fix.' }));
    const text = renderText(sampleResult(places), { width: 80, fixes: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('apps/app-0/kustomization.yaml:1:1  warning  Same.  kustomization-unapplied');
    expect(lines[1]).toMatch(/^ {4}also at apps\/app-1\/kustomization\.yaml:2:1,( \S+,)*$/);
    expect(lines[2]).toMatch(/^ {12}apps\/app-\d\/kustomization\.yaml:\d:1,/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    const listed = text.match(/apps\/app-\d\/kustomization\.yaml:\d:1/g) ?? [];
    expect(listed).toEqual(places.map((f) => `${f.location.file}:${f.location.line}:1`));
    expect(text).toContain('8 findings (0 errors, 8 warnings, 0 info)');
  });

  it('wraps long messages, fixes and the summary to the width given, and never without one', () => {
    const long = sampleResult([sampleFinding({ file: 'apps/x.yaml', line: 2, message: `Word ${'lorem ipsum dolor '.repeat(12)}end.`, fix: `Short ${'fix words '.repeat(10)}end.` })]);
    const wrapped = renderText(long, { width: 80 });
    const lines = wrapped.split('\n');
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]!.startsWith('apps/x.yaml:2:1  warning  Word lorem')).toBe(true);
    expect(lines[1]!.startsWith('    lorem') || lines[1]!.startsWith('    ipsum') || lines[1]!.startsWith('    dolor')).toBe(true);
    expect(wrapped).toMatch(/end\.  kustomization-unapplied\n {4}fix: Short fix/);
    // The fix hangs under its text, the summary's second line under the summary.
    expect(wrapped).toMatch(/\n {9}(fix|words)/);
    expect(wrapped).toMatch(/\n1 finding \(0 errors, 1 warning, 0 info\), 0 suppressed; .*\n {4}\S/);
    // The same words, the same order: only line breaks and indentation differ.
    const unwrapped = renderText(long);
    expect(wrapped.replace(/\s+/g, ' ')).toBe(unwrapped.replace(/\s+/g, ' '));
    expect(unwrapped.split('\n')[0]).toBe(`apps/x.yaml:2:1  warning  Word ${'lorem ipsum dolor '.repeat(12)}end.  kustomization-unapplied`);
    expect(unwrapped.split('\n')).toHaveLength(5);
  });

  it('keeps path:line:col and severity whole on the first line, breaks no word, and counts columns by character', () => {
    const path = `platform/${'very-long-folder-name/'.repeat(3)}deployment.yaml`;
    const text = renderText(sampleResult([sampleFinding({ file: path, line: 120, column: 17, message: 'Secret db is referenced by spec.template.spec.containers[0].env[7].valueFrom.secretKeyRef.name but nothing defines it.' })]), { width: 60, fixes: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe(`${path}:120:17  warning`);
    expect(lines[1]).toBe('    Secret db is referenced by');
    expect(lines[2]).toBe('    spec.template.spec.containers[0].env[7].valueFrom.secretKeyRef.name');
    expect(lines[3]).toBe('    but nothing defines it.  kustomization-unapplied');
    // The summary breaks between words, never inside `Exit 0:` (at 95 columns a line would end with "Exit").
    const summary = renderText(sampleResult([sampleFinding({ file: 'a.yaml', line: 1, message: 'M.' })]), { width: 95, fixes: false }).split('\n').slice(-3, -1);
    expect(summary).toEqual(['1 finding (0 errors, 1 warning, 0 info), 0 suppressed; 12 files and 34 resources audited.', '    Exit 0: none at or above error (--fail-on error).']);
    // ’ is one column: 'the job’s' fits exactly where 'the jobXs' would.
    const quote = renderText(sampleResult([sampleFinding({ file: 'a.yaml', line: 1, message: 'abcd the job’s script ends.' })]), { width: 42, fixes: false });
    expect(quote.split('\n')[0]).toBe('a.yaml:1:1  warning  abcd the job’s script');
  });

  it('prints a message with line breaks on one line when not wrapping', () => {
    const text = renderText(sampleResult([sampleFinding({ file: 'a.yaml', line: 1, message: 'First line.\n  Second line.' })]), { fixes: false });
    expect(text.split('\n')[0]).toBe('a.yaml:1:1  warning  First line. Second line.  kustomization-unapplied');
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

  it('prints related places as indented "see also" lines under the problem, and counts those past ten', () => {
    const lines = renderText(sampleResult([sampleFindingWithRelated()]), { fixes: false }).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'apps/web/deployment.yaml:14:17  error  Secret web/web-env is needed by 3 objects but nothing defines it.  secret-undefined',
      '    see also target: apps/web/deployment.yaml:14:17 (Secret web/web-env)',
      '    see also consumer: apps/web/worker.yaml:20:17 (Deployment web/worker)',
      '    see also consumer: apps/web/cron.yaml:9:5',
    ]);
    const many = sampleFindingWithRelated();
    const related = Array.from({ length: 13 }, (_, i) => ({ role: 'consumer' as const, file: `apps/k${i}.yaml`, line: 1, column: 1, resource: null }));
    const text = renderText(sampleResult([{ ...many, related }]), { fixes: false }).split('\n');
    expect(text.filter((l) => l.startsWith('    see also consumer:'))).toHaveLength(10);
    expect(text).toContain('    see also 3 more places (--format json lists them all)');
  });
});

describe('text from the repository with control characters', () => {
  it('prints a file name with ESC sequences, a newline or a bidi override escaped, in every human format', async () => {
    const { renderCompact } = await import('../src/report/compact.js');
    const { renderGithubAnnotations } = await import('../src/report/github-annotations.js');
    const { renderMarkdown } = await import('../src/report/markdown.js');
    const evil = 'apps/\u001b[2K\u001b[1Aok\nfake.yaml:1:1  error  forged\u202e.yaml';
    const result = sampleResult([sampleFinding({ file: evil, line: 3, message: 'Secret \u001b[31mred\u001b[0m is missing.' })]);
    for (const out of [renderText(result), renderCompact(result), renderGithubAnnotations(result), renderMarkdown(result)]) {
      expect(out).not.toMatch(/[\u001b\u202e]/);
      expect(out).toContain('\\x1b[2K');
    }
    expect(renderText(result).split('\n')[0]).toBe('apps/\\x1b[2K\\x1b[1Aok\\nfake.yaml:1:1  error  forged\\u202e.yaml:3:1  warning  Secret \\x1b[31mred\\x1b[0m is missing.  kustomization-unapplied');
  });
});
