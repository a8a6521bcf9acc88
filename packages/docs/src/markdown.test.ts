import { describe, expect, it } from 'vitest';
import { lintProblems } from '../test/helpers.js';
import { bulletList, code, LINE_LIMIT, paragraph, prose, table, wrap } from './markdown.js';

const doc = (...blocks: string[]) => `# Title\n\n${blocks.join('\n\n')}\n`;

describe('wrap', () => {
  it('keeps lines within the limit, breaking only at spaces outside code spans', () => {
    const text = `${'word '.repeat(30)}${code('a code span with spaces in it')} ${'tail '.repeat(20)}`;
    const lines = wrap(text).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(LINE_LIMIT);
    expect(lines.some((l) => l.includes('`a code span with spaces in it`'))).toBe(true);
  });

  it('lets one long word run past the limit on a line of its own', () => {
    const long = code(`spec.${'template.spec.'.repeat(8)}name`);
    const lines = wrap(`Used through ${long} here.`, '- ', '  ').split('\n');
    expect(lines).toEqual(['- Used through', `  ${long}`, '  here.']);
  });

  it('never starts a line with a list, heading or quote marker', () => {
    for (const marker of ['-', '+', '*', '#', '##', '>', '1.', '2)']) {
      const lines = wrap(`${'x'.repeat(79)} ${marker} y`).split('\n');
      expect(lines).toEqual([`${'x'.repeat(79)} ${marker}`, 'y']);
    }
  });
});

describe('table', () => {
  it('pads cells when every row fits', () => {
    expect(table(['Kind', 'Name'], [['Secret', 'a|b']])).toBe('| Kind | Name |\n| --- | --- |\n| Secret | a\\|b |');
  });

  it('drops the padding when a padded row would be too long', () => {
    const out = table(['A', 'B', 'C'], [['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)]]);
    expect(out.split('\n')[0]).toBe('|A|B|C|');
    expect(lintProblems({ t: doc(out) })).toEqual([]);
  });

  it('becomes a list when no table layout fits', () => {
    const out = table(['A', 'B'], [['words with spaces '.repeat(4), 'more words with spaces '.repeat(3)]]);
    expect(out.startsWith('- A: words with spaces')).toBe(true);
    expect(lintProblems({ t: doc(out) })).toEqual([]);
  });
});

describe('prose and code', () => {
  it('escapes markup and turns bare URLs into autolinks', () => {
    expect(prose('Runs *everything* <b>here</b>, see https://example.com/a_b.')).toBe('Runs \\*everything\\* \\<b\\>here\\</b\\>, see <https://example.com/a_b>.');
  });

  it('quotes backticks in code spans', () => {
    expect(code('Host(`a`)')).toBe('`` Host(`a`) ``');
    expect(code('plain')).toBe('`plain`');
  });

  it('produces Markdown that passes markdownlint', () => {
    const text = doc(
      paragraph(prose(`A description with a URL https://example.com/docs and ${'many words '.repeat(20)}`)),
      bulletList([`${code('ns/name')}: ${'long text '.repeat(15)}`, 'short']),
      table(['Kind', 'Name', 'Namespace'], [['Deployment', 'web', 'default']]),
    );
    expect(lintProblems({ text })).toEqual([]);
  });
});
