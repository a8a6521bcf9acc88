import { renderCompact } from '../src/report/compact.js';
import { escapeXml, renderJunit } from '../src/report/junit.js';
import { renderJson } from '../src/report/json.js';
import { sampleFinding, sampleResult } from './sample-result.js';

const result = sampleResult(
  [
    sampleFinding({ file: 'apps/a.yaml', line: 3, column: 7, message: 'Secret <db> & "x" isn\'t\u0007 defined.\nSecond line.', severity: 'error' }),
    sampleFinding({ ruleId: 'suppression-unused', file: 'apps/b.yaml', line: 1, message: 'Unused.', severity: 'info' }),
  ],
  { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'bad yaml', location: { file: 'c.yaml', line: 2, column: 1 } }] },
);

/** A small well-formedness check: every tag closes in order, attributes are quoted, no bare & or <. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const text = body.slice(last, m.index);
    if (/<|&(?!(amp|lt|gt|quot|apos);)/.test(text)) return false;
    last = m.index + m[0].length;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else if (m[4] !== '/') stack.push(m[2]!);
  }
  return stack.length === 0 && body.slice(last).trim() === '';
}

describe('renderCompact', () => {
  it('prints one greppable path:line:col: severity: message [id] line per problem, and nothing else', () => {
    expect(renderCompact(result)).toBe(
      [
        'apps/a.yaml:3:7: error: Secret <db> & "x" isn\'t\u0007 defined. Second line. [kustomization-unapplied]',
        'apps/b.yaml:1:1: info: Unused. [suppression-unused]',
        'c.yaml:2:1: error: bad yaml [yaml-syntax]',
        '',
      ].join('\n'),
    );
    expect(renderCompact(sampleResult([]))).toBe('');
  });
});

describe('renderJunit', () => {
  const xml = renderJunit(result);

  it('is well-formed XML with what XML cannot hold dropped and the rest escaped', () => {
    expect(wellFormed(xml)).toBe(true);
    expect(wellFormed('<a><b></a></b>')).toBe(false);
    expect(escapeXml('<a href="x">&\'\u0007')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(xml).not.toContain('\u0007');
  });

  it('fails exactly the findings at or above --fail-on, with counts that add up', () => {
    expect(xml).toMatch(/<testsuites name="kustodian audit" tests="\d+" failures="2" errors="0" skipped="0">/);
    expect(xml).toContain('<testcase classname="kustodian-unapplied"'.replace('kustodian-unapplied', 'kustomization-unapplied') + ' name="apps/a.yaml:3:7">');
    expect(xml).toContain('<failure type="error" message="Secret &lt;db&gt; &amp; &quot;x&quot; isn&apos;t defined.\nSecond line.">');
    // The info finding passes, with its message kept.
    expect(xml).toMatch(/<testcase classname="suppression-unused" name="apps\/b\.yaml:1:1">\n {6}<system-out>info: Unused\./);
    const never = renderJunit(result, { failOn: 'never' });
    expect(never).toMatch(/<testsuites [^>]*failures="0"/);
    const info = renderJunit(result, { failOn: 'info' });
    expect(info).toMatch(/<testsuites [^>]*failures="3"/);
    const tests = [...xml.matchAll(/<testsuite name="[^"]+" tests="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(xml).toContain(`<testsuites name="kustodian audit" tests="${tests}"`);
    expect(tests).toBe((xml.match(/<testcase /g) ?? []).length);
  });
});

describe('renderJson run metadata', () => {
  it('carries the tool, repository, revision and entry points when given, and nothing when not', () => {
    const run = { tool: { name: 'kustodian', version: '1.2.3' }, repository: '/repo', revision: 'abc123', entryPoints: ['clusters/home'] };
    expect(JSON.parse(renderJson(result, run)).run).toEqual(run);
    expect('run' in JSON.parse(renderJson(result))).toBe(false);
  });
});
