import { isShellBlock, parseMarkdown, shellTextOf } from './markdown-code.js';

const doc = [
  '# Title', // 1
  '', // 2
  'Run `kubectl -n web get pods` in the `` web `x` `` namespace.', // 3
  '', // 4
  '```sh', // 5
  'kubectl get pods', // 6
  '# not a heading', // 7
  '```', // 8
  '', // 9
  '<!-- kustodian-ignore rule: reason', // 10
  'still a comment -->', // 11
  'after <!-- hidden --> visible', // 12
  '', // 13
  '1. A step:', // 14
  '   ~~~~ Console title="x"', // 15
  '   $ kubectl get nodes', // 16
  '   NAME STATUS', // 17
  '   ~~~~', // 18
  '````', // 19
  '```yaml', // 20
  '````', // 21
  'last', // 22
].join('\n');

describe('parseMarkdown', () => {
  const md = parseMarkdown(doc);

  it('finds fenced blocks with their language, fence line and content lines', () => {
    expect(md.codeBlocks.map((b) => ({ language: b.language, fenceLine: b.fenceLine, firstLine: b.firstLine, lines: b.lines }))).toEqual([
      { language: 'sh', fenceLine: 5, firstLine: 6, lines: ['kubectl get pods', '# not a heading'] },
      { language: 'console', fenceLine: 15, firstLine: 16, lines: ['$ kubectl get nodes', 'NAME STATUS'] },
      { language: '', fenceLine: 19, firstLine: 20, lines: ['```yaml'] },
    ]);
    expect(md.codeBlocks[1]!.info).toBe('Console title="x"');
  });

  it('keeps prose lines outside code blocks and HTML comments', () => {
    expect(md.prose.map((p) => p.line)).toEqual([1, 3, 12, 14, 22]);
    expect(md.prose.find((p) => p.line === 12)!.text).not.toContain('hidden');
  });

  it('finds inline code spans, double-backtick spans included', () => {
    expect(md.inlineCode).toEqual([
      { text: 'kubectl -n web get pods', line: 3, column: 5 },
      { text: 'web `x`', line: 3, column: 38 },
    ]);
  });

  it('reads an unclosed fence to the end of the file without throwing', () => {
    const open = parseMarkdown('text\n```bash\nkubectl get pods\n');
    expect(open.codeBlocks.map((b) => b.lines)).toEqual([['kubectl get pods', '']]);
    expect(open.prose.map((p) => p.line)).toEqual([1]);
  });
});

describe('isShellBlock', () => {
  it('accepts shell languages and blocks without a language, not YAML', () => {
    expect(['sh', 'bash', 'shell', 'console', 'zsh', ''].map((language) => isShellBlock({ language }))).toEqual([true, true, true, true, true, true]);
    expect(['yaml', 'json', 'text', 'powershell'].map((language) => isShellBlock({ language }))).toEqual([false, false, false, false]);
  });
});

describe('shellTextOf', () => {
  const block = (language: string, lines: string[]) => ({ language, info: language, fenceLine: 1, firstLine: 2, lines });

  it('returns a script block unchanged', () => {
    expect(shellTextOf(block('bash', ['a \\', '  b', 'c']))).toBe('a \\\n  b\nc');
  });

  it('keeps only prompted lines and their continuations in a session, one line per line', () => {
    const text = shellTextOf(block('console', ['$ kubectl -n a port-forward \\', '    svc/x 8080:80 &', 'Forwarding from 127.0.0.1:8080', 'user@host:~$ curl localhost:8080', '{"ok": true}']));
    expect(text.split('\n')).toEqual(['  kubectl -n a port-forward \\', '    svc/x 8080:80 &', '', '             curl localhost:8080', '']);
  });

  it('reads continuation lines behind the secondary prompt', () => {
    expect(shellTextOf(block('console', ['$ kubectl get \\', '> pods -n web', 'NAME READY'])).split('\n')).toEqual(['  kubectl get \\', '  pods -n web', '']);
  });

  it('treats a shell block with $ prompts as a session', () => {
    expect(shellTextOf(block('sh', ['$ flux get ks', 'NAME READY']))).toBe('  flux get ks\n');
  });
});
