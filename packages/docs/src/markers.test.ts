import { describe, expect, it } from 'vitest';
import type { MarkedPage } from './markers.js';
import { findSections, mergePage, renderNewPage } from './markers.js';

const page = (a: string, b: string): MarkedPage => ({
  path: 'x/README.md',
  blocks: [
    { type: 'text', text: '# x' },
    { type: 'section', name: 'a', content: a },
    { type: 'text', text: '<!-- your text -->' },
    { type: 'section', name: 'b', content: b },
  ],
});

describe('a new file', () => {
  it('gets the skeleton: text blocks and sections with their markers', () => {
    expect(renderNewPage(page('## A\n\none', ''))).toBe(
      '# x\n\n<!-- kustodian:begin a -->\n\n## A\n\none\n\n<!-- kustodian:end a -->\n\n<!-- your text -->\n\n<!-- kustodian:begin b -->\n<!-- kustodian:end b -->\n',
    );
  });
});

describe('an existing file', () => {
  const existing = 'Intro  \r\nwith CRLF\r\n<!-- kustodian:begin a -->\nold\n<!-- kustodian:end a -->\nmiddle\t\n\n<!-- kustodian:begin b -->\n<!-- kustodian:end b -->\ntail without newline';

  it('has only the inside of its sections replaced; every other byte stays', () => {
    const { content, problems } = mergePage(page('new a', 'new b'), existing);
    expect(problems).toEqual([]);
    expect(content).toBe(
      'Intro  \r\nwith CRLF\r\n<!-- kustodian:begin a -->\n\nnew a\n\n<!-- kustodian:end a -->\nmiddle\t\n\n<!-- kustodian:begin b -->\n\nnew b\n\n<!-- kustodian:end b -->\ntail without newline',
    );
    // Merging again changes nothing.
    expect(mergePage(page('new a', 'new b'), content).content).toBe(content);
  });

  it('gets missing sections appended and sections that are no longer generated emptied', () => {
    const text = '# x\n\n<!-- kustodian:begin gone -->\nstale\n<!-- kustodian:end gone -->\n\n<!-- kustodian:begin a -->\n<!-- kustodian:end a -->\n';
    expect(mergePage(page('A', 'B'), text).content).toBe(
      '# x\n\n<!-- kustodian:begin gone -->\n<!-- kustodian:end gone -->\n\n<!-- kustodian:begin a -->\n\nA\n\n<!-- kustodian:end a -->\n\n<!-- kustodian:begin b -->\n\nB\n\n<!-- kustodian:end b -->\n',
    );
  });

  it.each([
    ['a begin without end', '<!-- kustodian:begin a -->\ntext\n', 'section a has no end marker', 1],
    ['an end without begin', 'text\n<!-- kustodian:end a -->\n', 'end of section a without its begin marker', 2],
    ['nested sections', '<!-- kustodian:begin a -->\n<!-- kustodian:begin b -->\n<!-- kustodian:end b -->\n<!-- kustodian:end a -->\n', 'section a has no end marker before section b begins at line 2', 1],
    ['a section twice', '<!-- kustodian:begin a -->\n<!-- kustodian:end a -->\n<!-- kustodian:begin a -->\n<!-- kustodian:end a -->\n', 'section a appears twice', 3],
    ['a marker inside a line', 'see <!-- kustodian:begin a --> here\n', 'a kustodian marker must be alone on its line', 1],
  ])('with %s is left alone and reported', (_name, text, message, line) => {
    const { content, problems } = mergePage(page('A', 'B'), text);
    expect(content).toBe(text);
    expect(problems[0]).toMatchObject({ file: 'x/README.md', line });
    expect(problems[0]!.message).toContain(message);
  });

  it('reports one problem for one missing end marker, not one for every marker after it', () => {
    const text = ['<!-- kustodian:begin a -->', 'x', '<!-- kustodian:begin b -->', '<!-- kustodian:end b -->', '<!-- kustodian:begin c -->', '<!-- kustodian:end c -->', ''].join('\n');
    const { problems } = mergePage(page('A', 'B'), text);
    expect(problems).toEqual([{ file: 'x/README.md', line: 1, message: 'section a has no end marker before section b begins at line 3' }]);
  });

  it('finds its sections by offsets', () => {
    const { sections } = findSections('a\n<!-- kustodian:begin s -->\nin\n<!-- kustodian:end s -->\n', 'f');
    expect(sections).toEqual([{ name: 's', innerStart: 29, innerEnd: 32 }]);
  });
});
