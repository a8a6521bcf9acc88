import { lint } from 'markdownlint/sync';
// micromark renders as GitHub does (CommonMark + GFM tables); it comes with markdownlint.
import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { escapeMarkdown, renderMarkdown } from '../src/report/markdown.js';
import { sampleFinding, sampleFindingWithRelated, sampleResult } from './sample-result.js';

const result = sampleResult(
  [
    sampleFinding({ file: 'apps/a.yaml', line: 3, message: 'Secret <db> | "x" is *missing*.', severity: 'error', fix: 'Add `db`.' }),
    sampleFinding({ file: 'apps/a.yaml', line: 9, message: 'Second.', severity: 'warning', fix: 'Add `db`.' }),
    sampleFinding({ ruleId: 'suppression-unused', file: 'apps/b.yaml', line: 1, message: 'Unused.', severity: 'info' }),
  ],
  { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad | yaml', location: { file: 'c.yaml', line: 2, column: 1 } }] },
);

describe('renderMarkdown', () => {
  const md = renderMarkdown(result, { docsBaseUrl: 'https://docs.test/rules/' });

  it('starts with a summary table by severity', () => {
    expect(md).toContain('| Severity | Findings |\n| --- | ---: |\n| 🔴 error | 1 |\n| 🟡 warning | 1 |\n| 🔵 info | 1 |');
    expect(md).toContain('3 findings in 2 files; 0 suppressed; 12 files and 34 resources audited.');
  });

  it('groups findings by file in collapsible sections with rule links and fixes', () => {
    expect(md).toContain('<details>\n<summary><code>apps/a.yaml</code>: 1 error, 1 warning</summary>');
    expect(md).toContain('| 3:1 | error | [kustomization-unapplied](https://docs.test/rules/kustomization-unapplied.md) | Secret &lt;db&gt; \\| "x" is \\*missing\\*. |');
    expect(md).toContain('- **kustomization-unapplied**: Add `db`.');
    expect(md).toContain('<summary><code>apps/b.yaml</code>: 1 info</summary>');
    expect(md).toContain('<summary>1 problem reading the repository</summary>');
    expect(md.indexOf('apps/a.yaml')).toBeLessThan(md.indexOf('apps/b.yaml'));
  });

  it('is well-formed Markdown', () => {
    const problems = lint({ strings: { report: md }, config: { default: true, MD013: false, MD033: false, MD041: false } }).report ?? [];
    expect(problems.map((p) => `${p.lineNumber} ${p.ruleNames.join('/')} ${p.ruleDescription}`)).toEqual([]);
  });

  it('escapes what would become markup, links or table cells', () => {
    expect(escapeMarkdown('a|b <i>[x](y)</i> \\ _d_\nline')).toBe('a\\|b &lt;i&gt;\\[x\\](y)&lt;/i&gt; \\\\ \\_d\\_ line');
  });

  it('keeps code spans as code (no visible backslashes), escaping only their pipes', () => {
    expect(escapeMarkdown('set `spec.a|b` to `<x>` and *not* this')).toBe('set `spec.a\\|b` to `<x>` and \\*not\\* this');
    // A lone backtick is no code span: it is escaped.
    expect(escapeMarkdown('a ` b')).toBe('a \\` b');
  });

  it('renders code spans of messages and fixes as code, with no visible backslash, and pipes stay inside their cell', () => {
    const code = sampleResult([
      sampleFinding({ file: 'docs/a.md', line: 14, column: 12, message: '`kubectl get` acts in namespace a | b, see `x|y` and `<z>`.', severity: 'error', fix: 'Run `sops -e -i <file>`.' }),
    ]);
    const html = micromark(renderMarkdown(code), { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()], allowDangerousHtml: true });
    const row = /<tr>\n<td align="right">14:12<\/td>\n<td>error<\/td>\n<td>.*?<\/td>\n<td>(.*)<\/td>\n<\/tr>/.exec(html);
    expect(row?.[1]).toBe('<code>kubectl get</code> acts in namespace a | b, see <code>x|y</code> and <code>&lt;z&gt;</code>.');
    expect(html).toContain('<li><strong>kustomization-unapplied</strong>: Run <code>sops -e -i &lt;file&gt;</code>.</li>');
    expect(html).not.toContain('\\`');
  });

  it('says so when clean', () => {
    expect(renderMarkdown(sampleResult([]))).toContain('No findings; 0 suppressed;');
  });

  it('lists related places in the message cell, one "see also" per line, inside one table row', () => {
    const md = renderMarkdown(sampleResult([sampleFindingWithRelated()]));
    const row = md.split('\n').find((l) => l.startsWith('| 14:17 '))!;
    expect(row).toContain('<br>see also consumer: apps/web/worker.yaml:20:17 (Deployment web/worker)');
    const html = micromark(md, { allowDangerousHtml: true, extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
    // The severity table (a header and 3 rows) and the file's table (a header and the one finding): the places did not break the row.
    expect(html.match(/<tr>/g)).toHaveLength(4 + 2);
    expect(html).toContain('<br>see also consumer: apps/web/cron.yaml:9:5');
  });
});
