import type { Diagnostic } from '@kustodian/manifest-model';
import { auditExitCode } from '../src/engine/exit-code.js';
import type { FailOn } from '../src/engine/exit-code.js';
import { escapeXml, escapeXmlAttribute, JUNIT_LOAD_SUITE, renderJunit } from '../src/report/junit.js';
import { sampleFinding, sampleResult } from './sample-result.js';

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML 1.0 subset the JUnit report uses (a declaration,
 * elements, attributes, text, the five entities and character references; no
 * comments, CDATA or DTD): it throws on anything that is not well-formed, and
 * returns the decoded tree, so that tests read values as a CI system would.
 */
function parseXml(xml: string): XmlElement {
  const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (invalid) throw new Error(`character U+${invalid[0].codePointAt(0)!.toString(16)} is not allowed in XML`);
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${at}`);
  };
  const name = () => /^[A-Za-z_][\w.-]*/.exec(xml.slice(at))?.[0] ?? fail('expected a name');
  const skipSpace = () => {
    while (/\s/.test(xml[at] ?? '')) at++;
  };
  const reference = (): string => {
    const m = /^&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/.exec(xml.slice(at)) ?? fail('bare & or unknown entity');
    at += m[0].length;
    if (m[1]) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[m[1]]!;
    const code = m[2] ? Number(m[2]) : parseInt(m[3]!, 16);
    const char = String.fromCodePoint(code);
    if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(char)) fail('reference to a character XML does not allow');
    return char;
  };
  const element = (): XmlElement => {
    if (xml[at] !== '<') fail('expected <');
    at++;
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    at += el.name.length;
    for (;;) {
      const before = at;
      skipSpace();
      if (xml.startsWith('/>', at)) {
        at += 2;
        return el;
      }
      if (xml[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected a space before an attribute');
      const key = name();
      at += key.length;
      skipSpace();
      if (xml[at] !== '=') fail('expected =');
      at++;
      skipSpace();
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") fail('attribute value not quoted');
      at++;
      let value = '';
      while (xml[at] !== quote) {
        if (at >= xml.length || xml[at] === '<') fail('< or end of input in an attribute value');
        // A parser turns literal tabs and line breaks in attribute values into spaces.
        if (xml[at] === '&') value += reference();
        else {
          const char = xml[at++]!;
          value += /[\t\n\r]/.test(char) ? ' ' : char;
        }
      }
      at++;
      if (key in el.attributes) fail(`duplicate attribute ${key}`);
      el.attributes[key] = value;
    }
    for (;;) {
      if (at >= xml.length) fail(`${el.name} is not closed`);
      if (xml.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        at += closing.length;
        skipSpace();
        if (xml[at] !== '>') fail('expected >');
        at++;
        return el;
      }
      if (xml.startsWith('<!', at) || xml.startsWith('<?', at)) fail('comments, CDATA and processing instructions are not expected');
      if (xml[at] === '<') el.children.push(element());
      else if (xml[at] === '&') el.text += reference();
      else if (xml.startsWith(']]>', at)) fail(']]> in text');
      else el.text += xml[at++];
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (declaration) at = declaration[0].length;
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== xml.length) fail('content after the root element');
  return root;
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

describe('the small XML parser of these tests', () => {
  it('reads elements, attributes, entities and character references', () => {
    const doc = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#10;2"><b/>t&lt;&#x41;</a>\n');
    expect(doc).toEqual({ name: 'a', attributes: { x: '1 & \n2' }, children: [{ name: 'b', attributes: {}, children: [], text: '' }], text: 't<A' });
    expect(parseXml('<a x="1\n2"/>').attributes.x).toBe('1 2');
  });

  it('rejects what is not well-formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a x="<"/>',
      '<a x=1/>',
      '<a x="1" x="2"/>',
      '<a>\u0007</a>',
      '<a>&#7;</a>',
      '<a/><b/>',
      '<a>',
      '<a x="1"y="2"/>',
      '<a>]]></a>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

const nasty = 'Secret <db> & "x" isn\'t\u0007 here,\ttab\nsecond line \uD800 end.';
const diagnostics: Diagnostic[] = [
  { code: 'yaml-syntax', severity: 'error', message: 'bad <yaml>', location: { file: 'c.yaml', line: 2, column: 1 } },
  { code: 'flux-external-source', severity: 'info', message: 'external', location: { file: 'd.yaml', line: 5, column: 3 } },
];
const result = sampleResult(
  [
    sampleFinding({ file: 'apps/a & b.yaml', line: 3, column: 7, message: nasty, severity: 'error', fix: 'Define <db>.' }),
    sampleFinding({ ruleId: 'suppression-unused', file: 'apps/b.yaml', line: 1, message: 'Unused.', severity: 'info' }),
  ],
  {
    diagnostics,
    suppressed: [
      {
        finding: sampleFinding({ ruleId: 'suppression-unused', file: 'apps/old.yaml', line: 4, message: 'Old.' }),
        suppression: { kind: 'comment', ruleId: 'suppression-unused', reason: 'kept <on purpose>', text: '', location: { file: 'apps/old.yaml', line: 4, column: 1 }, resource: null, resourceKeys: new Set(), lines: [] },
      },
    ],
  },
);

describe('JUnit output', () => {
  const xml = renderJunit(result);
  const doc = parseXml(xml);
  const suite = (name: string) => doc.children.find((s) => s.name === 'testsuite' && s.attributes.name === name)!;

  it('is well-formed XML that gives back every message, characters XML cannot hold shown as U+FFFD', () => {
    expect(doc.name).toBe('testsuites');
    const failure = all(suite('kustomization-unapplied'), 'failure')[0]!;
    expect(failure.attributes.message).toBe(nasty.replace(/[\u0007\uD800]/g, '\uFFFD'));
    expect(failure.attributes.type).toBe('error');
    // The body is the compact line, whose text from the repository is printable: controls escaped (\x07, \t), a lone surrogate as U+FFFD.
    expect(failure.text).toBe(`apps/a & b.yaml:3:7: error: ${nasty.replace('\n', ' ').replace('\u0007', '\\x07').replace('\t', '\\t').replace('\uD800', '\uFFFD')} [kustomization-unapplied]\nfix: Define <db>.`);
    expect(all(suite('kustomization-unapplied'), 'testcase')[0]!.attributes).toEqual({ classname: 'kustomization-unapplied', name: 'apps/a & b.yaml:3:7' });
  });

  it('escapes markup characters, keeps line breaks and tabs of attribute values as references', () => {
    expect(escapeXml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeXml('a\u0000b\u001fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('a\r\nb')).toBe('a&#13;\nb');
    expect(escapeXmlAttribute('a\tb\nc')).toBe('a&#9;b&#10;c');
  });

  it('has one suite per rule that ran, and one for load problems; a rule that found nothing is one passing case', () => {
    const names = doc.children.map((s) => s.attributes.name);
    expect(names).toEqual([...result.rules.map((r) => r.rule.id), JUNIT_LOAD_SUITE]);
    const quiet = suite(result.rules.map((r) => r.rule.id).find((id) => id !== 'kustomization-unapplied' && id !== 'suppression-unused')!);
    expect(quiet.attributes).toMatchObject({ tests: '1', failures: '0', errors: '0', skipped: '0' });
    expect(quiet.children).toEqual([{ name: 'testcase', attributes: { classname: quiet.attributes.name, name: 'no findings' }, children: [], text: '' }]);
  });

  it('fails what is at or above --fail-on, passes the rest with its message, skips what is suppressed', () => {
    const unused = suite('suppression-unused');
    const [info, suppressed] = all(unused, 'testcase');
    expect(info!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(info!.children[0]!.text).toBe('apps/b.yaml:1:1: info: Unused. [suppression-unused]\nfix: Fix it.');
    expect(suppressed!.attributes.name).toBe('apps/old.yaml:4:1');
    expect(suppressed!.children).toEqual([{ name: 'skipped', attributes: { message: 'suppressed: kept <on purpose>' }, children: [], text: '' }]);
    const load = all(suite(JUNIT_LOAD_SUITE), 'testcase');
    expect(load.map((c) => [c.attributes.classname, c.attributes.name, c.children[0]!.name])).toEqual([
      ['yaml-syntax', 'c.yaml:2:1', 'error'],
      ['flux-external-source', 'd.yaml:5:3', 'system-out'],
    ]);
    expect(load[0]!.children[0]!.attributes).toEqual({ type: 'error', message: 'bad <yaml>' });
  });

  it.each<[FailOn, number, number]>([
    ['error', 1, 1],
    ['warning', 1, 1],
    ['info', 2, 2],
    ['never', 0, 0],
  ])('with --fail-on %s: %i failures and %i errors, counts that match the cases, failing exactly when the exit status is 1', (failOn, failures, errors) => {
    const report = parseXml(renderJunit(result, { failOn }));
    const count = (el: XmlElement) => ({
      tests: String(all(el, 'testcase').length),
      failures: String(all(el, 'failure').length),
      errors: String(all(el, 'error').length),
      skipped: String(all(el, 'skipped').length),
    });
    for (const s of report.children) expect(s.attributes, s.attributes.name).toMatchObject(count(s));
    expect(report.attributes).toEqual({ name: 'kustodian audit', ...count(report) });
    expect(report.attributes).toMatchObject({ failures: String(failures), errors: String(errors), skipped: '1' });
    expect(failures + errors > 0).toBe(auditExitCode(result, { failOn }) === 1);
  });

  it('is a passing report for a clean result', () => {
    const clean = parseXml(renderJunit(sampleResult([])));
    expect(clean.attributes).toMatchObject({ failures: '0', errors: '0', skipped: '0', tests: String(sampleResult([]).rules.length) });
    expect(clean.children.map((s) => s.attributes.name)).not.toContain(JUNIT_LOAD_SUITE);
  });
});
