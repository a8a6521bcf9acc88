import { findCommentSuppressions, parseIgnoreAnnotation } from './suppressions.js';

describe('parseIgnoreAnnotation', () => {
  it('splits entries on ";" and newlines and keeps reasons whole', () => {
    expect(parseIgnoreAnnotation('secret-unused: read by a CronJob outside git; namespace-missing: created by the chart\nkustomization-unapplied:kept for reference')).toEqual([
      { ruleId: 'secret-unused', reason: 'read by a CronJob outside git', text: 'secret-unused: read by a CronJob outside git' },
      { ruleId: 'namespace-missing', reason: 'created by the chart', text: 'namespace-missing: created by the chart' },
      { ruleId: 'kustomization-unapplied', reason: 'kept for reference', text: 'kustomization-unapplied:kept for reference' },
    ]);
  });

  it('keeps a colon inside the reason', () => {
    expect(parseIgnoreAnnotation('secret-unused: see https://example.test/x')[0]).toMatchObject({ ruleId: 'secret-unused', reason: 'see https://example.test/x' });
  });

  it('marks a missing reason with "" and a missing rule id with ""', () => {
    expect(parseIgnoreAnnotation('secret-unused')).toMatchObject([{ ruleId: 'secret-unused', reason: '' }]);
    expect(parseIgnoreAnnotation('secret-unused:   ')).toMatchObject([{ ruleId: 'secret-unused', reason: '' }]);
    expect(parseIgnoreAnnotation('Not A Rule: because')).toMatchObject([{ ruleId: '', reason: 'because' }]);
    expect(parseIgnoreAnnotation(' ; ;\n')).toEqual([]);
  });
});

describe('findCommentSuppressions', () => {
  it('a comment on its own line covers itself and the lines down to the next line of content', () => {
    const text = ['apiVersion: v1', '# kustodian-ignore rule-a: reason a', '# another comment', '', 'kind: ConfigMap', 'data: {}'].join('\n');
    const [s] = findCommentSuppressions('a.yaml', text, 'hash');
    expect(s).toMatchObject({ kind: 'comment', ruleId: 'rule-a', reason: 'reason a', location: { file: 'a.yaml', line: 2, column: 1 } });
    expect(s!.lines).toEqual([{ file: 'a.yaml', from: 2, to: 5 }]);
  });

  it('a comment after content covers only its own line', () => {
    const text = ['data:', '  key: value # kustodian-ignore rule-b: fine here', '  other: x'].join('\n');
    const [s] = findCommentSuppressions('a.yaml', text, 'hash');
    expect(s).toMatchObject({ ruleId: 'rule-b', reason: 'fine here', location: { line: 2, column: 14 } });
    expect(s!.lines).toEqual([{ file: 'a.yaml', from: 2, to: 2 }]);
  });

  it('ignores "#" that does not start a comment', () => {
    expect(findCommentSuppressions('a.yaml', 'url: http://x/#kustodian-ignore rule-a: no\n', 'hash')).toEqual([]);
  });

  it('reads shell comments and indented comments', () => {
    const text = '#!/bin/sh\n  # kustodian-ignore script-needs-terminal: runs in a terminal by design\n  read -r answer\n';
    const [s] = findCommentSuppressions('run.sh', text, 'hash');
    expect(s).toMatchObject({ ruleId: 'script-needs-terminal', location: { line: 2, column: 3 } });
    expect(s!.lines).toEqual([{ file: 'run.sh', from: 2, to: 3 }]);
  });

  it('reads Markdown HTML comments', () => {
    const text = '# Title\n\n<!-- kustodian-ignore docs-stale: written by hand -->\n\nSome text\n';
    const [s] = findCommentSuppressions('README.md', text, 'markdown');
    expect(s).toMatchObject({ ruleId: 'docs-stale', reason: 'written by hand', location: { line: 3, column: 1 } });
    expect(s!.lines).toEqual([{ file: 'README.md', from: 3, to: 5 }]);
    expect(findCommentSuppressions('README.md', '# kustodian-ignore docs-stale: a heading, not a comment\n', 'markdown')).toEqual([]);
  });

  it('keeps a suppression without a reason or without a rule, for the engine to report', () => {
    const found = findCommentSuppressions('a.yaml', '# kustodian-ignore rule-a\n# kustodian-ignore\nkind: X\n', 'hash');
    expect(found.map((s) => [s.ruleId, s.reason, s.text])).toEqual([
      ['rule-a', '', 'kustodian-ignore rule-a'],
      ['', '', 'kustodian-ignore'],
    ]);
  });
});
