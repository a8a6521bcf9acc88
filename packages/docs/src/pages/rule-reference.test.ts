import { ruleDocFiles } from '@kustodian/audit';
import { MemoryFileSystem } from '@kustodian/manifest-model';
import { describe, expect, it } from 'vitest';
import { planRuleReference, staleFiles } from '../plan-docs.js';

describe('the rule reference', () => {
  const pages = ruleDocFiles();
  const current = Object.fromEntries(pages.map((p) => [p.path, p.content]));

  it('is the rendering of the audit package, page for page', () => {
    const planned = planRuleReference(new MemoryFileSystem(current));
    expect(planned.map((f) => [f.path, f.after])).toEqual(pages.map((p) => [p.path, p.content]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
    expect(staleFiles(planned)).toEqual([]);
  });

  it('rewrites a stale page and removes a generated page whose rule is gone, not a hand-written one', () => {
    const [first] = pages;
    const fs = new MemoryFileSystem({
      ...current,
      [first!.path]: 'edited by hand\n',
      'docs/rules/retired-rule.md': '<!-- DO NOT EDIT: generated -->\n# retired-rule\n',
      'docs/rules/notes.md': '# Notes on rules\n',
    });
    expect(staleFiles(planRuleReference(fs)).map((f) => [f.path, f.after === undefined ? 'remove' : 'write'])).toEqual(
      [
        [first!.path, 'write'],
        ['docs/rules/retired-rule.md', 'remove'],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  });
});
