import { commandName, parseShellScript } from './shell-lines.js';
import type { ShellCommand } from './shell-lines.js';

const argv = (c: ShellCommand) => c.argv.map((w) => w.value);
const summary = (text: string) => parseShellScript(text).commands.map((c) => ({ argv: argv(c), line: c.line, bg: c.background, join: c.joinedBy }));

describe('parseShellScript', () => {
  it('splits on newlines, ;, &&, || and |, with 1-based lines and columns', () => {
    const script = parseShellScript('set -e\nA=1 echo a; echo b && echo c || echo d | grep d\n');
    expect(script.commands.map(argv)).toEqual([['set', '-e'], ['echo', 'a'], ['echo', 'b'], ['echo', 'c'], ['echo', 'd'], ['grep', 'd']]);
    expect(script.commands.map((c) => c.joinedBy)).toEqual(['start', 'start', 'start', '&&', '||', '|']);
    expect(script.commands[1]!.assignments.map((w) => w.raw)).toEqual(['A=1']);
    expect(script.commands.map((c) => [c.line, c.column])).toEqual([[1, 1], [2, 1], [2, 13], [2, 23], [2, 33], [2, 42]]);
    // commands joined by |, && and || share a list; ; and newlines start a new one
    const lists = script.commands.map((c) => c.list);
    expect(lists[2]).toBe(lists[3]);
    expect(lists[3]).toBe(lists[5]);
    expect(new Set(lists.slice(0, 3)).size).toBe(3);
  });

  it('joins continuation lines and keeps the line of the first word', () => {
    const script = parseShellScript('# header\nkubectl create secret generic x \\\n  -n flux-system \\\n  --from-file=a=b\n');
    expect(script.commands).toHaveLength(1);
    const c = script.commands[0]!;
    expect(argv(c)).toEqual(['kubectl', 'create', 'secret', 'generic', 'x', '-n', 'flux-system', '--from-file=a=b']);
    expect([c.line, c.endLine]).toEqual([2, 4]);
    expect(c.argv[5]!.line).toBe(3);
    expect(c.text).toBe('kubectl create secret generic x -n flux-system --from-file=a=b');
  });

  it('strips comments outside quotes only', () => {
    const script = parseShellScript(`echo "a # b" 'c # d' e#f # comment ; echo no\necho x # && echo y\n`);
    expect(script.commands.map(argv)).toEqual([['echo', 'a # b', 'c # d', 'e#f'], ['echo', 'x']]);
  });

  it('removes quotes and escapes, and marks words holding expansions as dynamic', () => {
    const [c] = parseShellScript(`kubectl -n "$NS" get pods 'lit$x' "a\\"b" \${X:-y} plain $'tab\\there'`).commands;
    expect(c!.argv.map((w) => [w.value, w.dynamic])).toEqual([
      ['kubectl', false],
      ['-n', false],
      ['$NS', true],
      ['get', false],
      ['pods', false],
      ['lit$x', false],
      ['a"b', false],
      ['${X:-y}', true],
      ['plain', false],
      ['tab\there', false],
    ]);
  });

  it('marks the background & for the whole list, and not for the next command', () => {
    expect(summary('ssh -N -L 1:2:3 host &\nsleep 2\na && b &\nc')).toEqual([
      { argv: ['ssh', '-N', '-L', '1:2:3', 'host'], line: 1, bg: true, join: 'start' },
      { argv: ['sleep', '2'], line: 2, bg: false, join: 'start' },
      { argv: ['a'], line: 3, bg: true, join: 'start' },
      { argv: ['b'], line: 3, bg: true, join: '&&' },
      { argv: ['c'], line: 4, bg: false, join: 'start' },
    ]);
  });

  it('tells & apart from &&, &> and >&', () => {
    const script = parseShellScript('cmd &>/dev/null\ncmd2 >log 2>&1 &\n');
    expect(script.commands.map((c) => c.background)).toEqual([false, true]);
    expect(script.commands[0]!.redirects).toEqual([{ fd: undefined, operator: '&>', target: '/dev/null' }]);
    expect(script.commands[1]!.redirects).toEqual([
      { fd: undefined, operator: '>', target: 'log' },
      { fd: 2, operator: '>&', target: '1' },
    ]);
  });

  it('reads redirections with and without a descriptor, and a word that is only digits', () => {
    const [c] = parseShellScript('tail -n 20 file </dev/null 2> err 1>>out').commands;
    expect(argv(c!)).toEqual(['tail', '-n', '20', 'file']);
    expect(c!.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target}`)).toEqual(['</dev/null', '2>err', '1>>out']);
  });

  it('keeps here-document bodies out of the commands and attaches them to their command', () => {
    const script = parseShellScript('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x # not a comment\nEOF\necho done\ncat <<-END\n\tindented\n\tEND\n');
    expect(script.commands.map(argv)).toEqual([['kubectl', 'apply', '-f', '-'], ['echo', 'done'], ['cat']]);
    expect(script.commands[0]!.heredocs).toEqual([{ delimiter: 'EOF', lines: ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: x # not a comment'], firstLine: 2 }]);
    expect(script.heredocs.map((h) => h.firstLine)).toEqual([2, 9]);
    expect(script.commands[2]!.heredocs[0]!.lines).toEqual(['\tindented']);
  });

  it('returns commands inside $(…) and backticks, marked, with their own positions', () => {
    const script = parseShellScript('kubectl -n x port-forward \\\n  $(kubectl get svc -l a=b -o name) 8080:80 &\necho `date`\n');
    expect(script.commands.map((c) => [argv(c), c.substitution, c.background, c.line, c.column])).toEqual([
      [['kubectl', '-n', 'x', 'port-forward', '$(kubectl get svc -l a=b -o name)', '8080:80'], false, true, 1, 1],
      [['kubectl', 'get', 'svc', '-l', 'a=b', '-o', 'name'], true, false, 2, 5],
      [['echo', '`date`'], false, false, 3, 1],
      [['date'], true, false, 3, 7],
    ]);
  });

  it('separates reserved words from the command they introduce', () => {
    const script = parseShellScript('if [ -t 0 ]; then read -r answer; fi\nwhile IFS= read -r line; do echo "$line"; done < file\nfor f in a b; do rm "$f"; done\n');
    expect(script.commands.map((c) => [c.keywords, argv(c)])).toEqual([
      [['if'], ['[', '-t', '0', ']']],
      [['then'], ['read', '-r', 'answer']],
      [['fi'], []],
      [['while'], ['read', '-r', 'line']],
      [['do'], ['echo', '$line']],
      [['done'], []],
      [['for', 'f', 'in', 'a', 'b'], []],
      [['do'], ['rm', '$f']],
      [['done'], []],
    ]);
    expect(script.commands[3]!.assignments.map((w) => w.raw)).toEqual(['IFS=']);
    expect(script.commands[5]!.redirects).toEqual([{ fd: undefined, operator: '<', target: 'file' }]);
  });

  it('applies a group’s & and redirections to every command in it', () => {
    const script = parseShellScript('( sleep 1; kill $$ ) >/dev/null 2>&1 &\n{ a; b; } > log\nc\n');
    const [sleep, kill, a, b, c] = script.commands;
    expect([sleep!.background, kill!.background, a!.background, c!.background]).toEqual([true, true, false, false]);
    expect(sleep!.list).toBe(kill!.list);
    expect(kill!.redirects.map((r) => r.operator)).toEqual(['>', '>&']);
    expect(b!.redirects).toEqual([{ fd: undefined, operator: '>', target: 'log' }]);
    expect(c!.redirects).toEqual([]);
  });

  it('applies what follows done / fi / esac to the whole compound command', () => {
    const script = parseShellScript('while read -r a; do\n  read -r b\ndone < list.txt\nfor i in 1 2; do sleep 1; done &\nif true; then echo x; fi >log\necho after\n');
    const byText = (t: string) => script.commands.find((c) => c.text === t)!;
    expect(byText('read -r b').redirects).toEqual([{ fd: undefined, operator: '<', target: 'list.txt' }]);
    expect(byText('while read -r a').redirects).toEqual([{ fd: undefined, operator: '<', target: 'list.txt' }]);
    expect([byText('do sleep 1').background, byText('do sleep 1').list]).toEqual([true, byText('for i in 1 2').list]);
    expect(byText('then echo x').redirects.map((r) => r.target)).toEqual(['log']);
    expect(byText('echo after').redirects).toEqual([]);
    expect(byText('echo after').background).toBe(false);
  });

  it('marks commands whose input is a pipe, inside piped groups and loops too', () => {
    const script = parseShellScript('git log -1 | (\n  read -r name\n  read -r email\n)\nfind . | while read -r f; do\n  read -r g\ndone\nread -r x\n');
    expect(script.commands.map((c) => [c.argv.map((w) => w.value).join(' ') || c.keywords.join(' '), c.pipedInput])).toEqual([
      ['git log -1', false],
      ['read -r name', true],
      ['read -r email', true],
      ['find .', false],
      ['read -r f', true],
      ['do', true],
      ['read -r g', true],
      ['done', true],
      ['read -r x', false],
    ]);
  });

  it('skips function definitions and case patterns but reads their bodies', () => {
    const script = parseShellScript('cleanup() {\n  kill "$PID"\n}\ncase "$1" in\n  up) kubectl get pods ;;\n  *) echo usage ;;\nesac\n');
    expect(script.commands.map(argv).filter((a) => a.length > 0)).toEqual([['kill', '$PID'], ['kubectl', 'get', 'pods'], ['echo', 'usage']]);
    expect(script.commands.find((c) => c.argv[0]?.value === 'kubectl')!.line).toBe(5);
  });

  it('continues a list after a trailing | or && on the next line', () => {
    expect(summary('a |\n  b &&\n  c')).toEqual([
      { argv: ['a'], line: 1, bg: false, join: 'start' },
      { argv: ['b'], line: 2, bg: false, join: '|' },
      { argv: ['c'], line: 3, bg: false, join: '&&' },
    ]);
  });

  it('offsets positions with firstLine and firstColumn (code inside Markdown)', () => {
    const [c] = parseShellScript('\nkubectl get pods', { firstLine: 10 }).commands;
    expect([c!.line, c!.column]).toEqual([11, 1]);
    const [a, b] = parseShellScript('echo a\necho b', { firstLine: 3, firstColumn: 7 }).commands;
    expect([a!.line, a!.column, a!.argv[1]!.column, b!.line, b!.column]).toEqual([3, 7, 12, 4, 1]);
  });

  it('never throws on unbalanced quotes or parentheses', () => {
    for (const text of ['echo "unterminated', "echo 'x", 'echo $(date', 'echo ${x', '( a', ')', '}', 'a &&', '|', 'cat <<EOF\nno end', '`x']) {
      expect(() => parseShellScript(text)).not.toThrow();
    }
  });

  it('commandName drops the path and ignores dynamic command names', () => {
    const [a, b, c] = parseShellScript('/usr/local/bin/kubectl get pods\n"$KUBECTL" get pods\nFOO=1\n').commands;
    expect(commandName(a!)).toBe('kubectl');
    expect(commandName(b!)).toBeUndefined();
    expect(commandName(c!)).toBeUndefined();
  });
});
