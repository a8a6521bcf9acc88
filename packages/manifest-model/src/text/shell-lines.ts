import { LineIndex } from '../source-location.js';

/**
 * A static reading of a shell script: enough of POSIX sh / bash syntax to find
 * the commands a script runs, with their words, redirections and 1-based
 * positions. It never executes or expands anything and never fails: text it
 * does not understand becomes ordinary words.
 */

/** One word of a command, quotes and escapes removed. */
export interface ShellWord {
  /** The word with quotes and backslash escapes removed; expansions (`$x`, `${x}`, `$(…)`) kept as written. */
  readonly value: string;
  /** The word as written. */
  readonly raw: string;
  /** The word holds an expansion outside single quotes, so its value is not known before the script runs. */
  readonly dynamic: boolean;
  readonly line: number;
  readonly column: number;
}

export type ShellRedirectOperator = '<' | '>' | '>>' | '>|' | '<>' | '<<' | '<<-' | '<<<' | '<&' | '>&' | '&>' | '&>>';

/** A redirection, e.g. `2>&1`, `</dev/null`, `&>log`. */
export interface ShellRedirect {
  /** The file descriptor written before the operator, when there is one (`2` in `2>&1`). */
  readonly fd: number | undefined;
  readonly operator: ShellRedirectOperator;
  /** The target word (a file, a descriptor number, `-`, or a here-document delimiter). */
  readonly target: string;
}

/** The body of a here-document (`<<EOF … EOF`). */
export interface ShellHeredoc {
  readonly delimiter: string;
  /** The body lines, without the closing delimiter line. */
  readonly lines: readonly string[];
  /** Line of the first body line. */
  readonly firstLine: number;
}

/** How a command is joined to the one before it in the same and-or list. */
export type ShellJoin = 'start' | '|' | '&&' | '||';

/** One simple command (a pipeline segment). */
export interface ShellCommand {
  /** Every word, reserved words and assignments included. */
  readonly words: readonly ShellWord[];
  /** Reserved words before the command (`if`, `then`, `while`, `!`, `{`, …). */
  readonly keywords: readonly string[];
  /** `NAME=value` words before the command name. */
  readonly assignments: readonly ShellWord[];
  /** The command name and its arguments. Empty for a command that only assigns or only holds reserved words. */
  readonly argv: readonly ShellWord[];
  /** Redirections that apply to the command, those of an enclosing group or compound command included (`done < file`). */
  readonly redirects: readonly ShellRedirect[];
  readonly heredocs: readonly ShellHeredoc[];
  /** The command as a single line (comments removed, continuation lines joined). */
  readonly text: string;
  /** Position of the first word. */
  readonly line: number;
  readonly column: number;
  /** Line of the last word. */
  readonly endLine: number;
  /**
   * Which list the command belongs to: commands joined by `|`, `&&`, `||`
   * share an index, and so do all commands of a group `( … )` / `{ … }` or a
   * compound command (`while … done`, `if … fi`, `case … esac`) followed by
   * `&`. Increases in script order.
   */
  readonly list: number;
  readonly joinedBy: ShellJoin;
  /** The list (or enclosing group) ends with `&`: it runs in the background. */
  readonly background: boolean;
  /**
   * Its standard input is a pipe: it follows `|`, or sits in a group or a
   * compound command (`( … )`, `{ … }`, `while … done`, `if … fi` …) that
   * follows `|`.
   */
  readonly pipedInput: boolean;
  /** Inside a command substitution `$(…)`, backticks or a process substitution `<(…)`. */
  readonly substitution: boolean;
}

/** A shell script, read statically. */
export interface ShellScript {
  /** Every command in script order; commands inside substitutions follow the command that holds them. */
  readonly commands: readonly ShellCommand[];
  readonly heredocs: readonly ShellHeredoc[];
}

const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', 'select', 'function', '!', '{', '}', '[[', ']]', 'time', 'coproc']);
/** Reserved words that are followed by a command, not by a name or a list. */
const COMMAND_PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
/** Compound commands and the word that ends them. */
const COMPOUND_END: Readonly<Record<string, string>> = { while: 'done', until: 'done', for: 'done', select: 'done', if: 'fi', case: 'esac' };
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

type Token =
  | { readonly type: 'word'; readonly word: ShellWord; readonly start: number; readonly nested: readonly NestedText[] }
  | { readonly type: 'op'; readonly op: string; readonly start: number }
  | { readonly type: 'redirect'; readonly redirect: ShellRedirect; readonly start: number; readonly nested: readonly NestedText[] }
  | { readonly type: 'heredoc'; readonly heredoc: ShellHeredoc; readonly start: number };

/** Text of a `$(…)`, backtick or `<(…)` substitution, with its offset in the script. */
interface NestedText {
  readonly text: string;
  readonly offset: number;
}

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
}

/** Where a nested script sits in the outer one, to give its words outer positions. */
interface Origin {
  readonly lines: LineIndex;
  readonly offset: number;
}

class Lexer {
  private i = 0;
  private readonly tokens: Token[] = [];
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly s: string,
    private readonly origin: Origin,
  ) {}

  run(): Token[] {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
      } else if (c === '\n') {
        this.tokens.push({ type: 'op', op: '\n', start: this.i });
        this.i++;
        if (this.pending.length > 0) this.readHeredocs();
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (this.isRedirectStart()) {
        this.readRedirect(undefined, this.i);
      } else if (';&|()'.includes(c)) {
        this.readOperator();
      } else {
        this.readWord();
      }
    }
    return this.tokens;
  }

  private position(offset: number): { line: number; column: number } {
    return this.origin.lines.position(this.origin.offset + offset);
  }

  private isRedirectStart(): boolean {
    const s = this.s;
    const c = s[this.i];
    if (c === '&' && s[this.i + 1] === '>') return true;
    if ((c === '<' || c === '>') && s[this.i + 1] !== '(') return true;
    return false;
  }

  private readOperator(): void {
    const s = this.s;
    const start = this.i;
    const two = s.slice(this.i, this.i + 2);
    const op = ['&&', '||', ';;', ';&', '|&'].includes(two) ? two : s[this.i]!;
    this.i += op.length;
    this.tokens.push({ type: 'op', op: op === '|&' ? '|' : op === ';&' ? ';;' : op, start });
  }

  private readRedirect(fd: number | undefined, start: number): void {
    const s = this.s;
    let operator: ShellRedirectOperator;
    const rest = s.slice(this.i, this.i + 3);
    if (rest.startsWith('&>>')) operator = '&>>';
    else if (rest.startsWith('&>')) operator = '&>';
    else if (rest.startsWith('<<<')) operator = '<<<';
    else if (rest.startsWith('<<-')) operator = '<<-';
    else if (rest.startsWith('<<')) operator = '<<';
    else if (rest.startsWith('<>')) operator = '<>';
    else if (rest.startsWith('<&')) operator = '<&';
    else if (rest.startsWith('>>')) operator = '>>';
    else if (rest.startsWith('>|')) operator = '>|';
    else if (rest.startsWith('>&')) operator = '>&';
    else if (rest.startsWith('<')) operator = '<';
    else operator = '>';
    this.i += operator.length;
    while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
    const target = this.scanWord();
    if (operator === '<<' || operator === '<<-') this.pending.push({ delimiter: target.value, stripTabs: operator === '<<-' });
    this.tokens.push({ type: 'redirect', redirect: { fd, operator, target: target.value }, start, nested: target.nested });
  }

  private readWord(): void {
    const start = this.i;
    const word = this.scanWord();
    // `2>`, `10<`: a number right before a redirection operator is its descriptor.
    if (/^\d+$/.test(word.raw) && (this.s[this.i] === '<' || this.s[this.i] === '>') && this.s[this.i + 1] !== '(') {
      this.readRedirect(Number(word.raw), start);
      return;
    }
    if (word.raw === '') {
      // Not a word character we understand: skip it rather than loop.
      this.i++;
      return;
    }
    const p = this.position(start);
    this.tokens.push({ type: 'word', word: { value: word.value, raw: word.raw, dynamic: word.dynamic, line: p.line, column: p.column }, start, nested: word.nested });
  }

  /** Reads one word from the current position; stops at a blank or an operator outside quotes. */
  private scanWord(): { value: string; raw: string; dynamic: boolean; nested: NestedText[] } {
    const s = this.s;
    const start = this.i;
    let value = '';
    let dynamic = false;
    const nested: NestedText[] = [];
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(') {
        // `name()` of a function definition, or `=(` of an array assignment: keep `(` only in the latter.
        if (value.endsWith('=')) {
          const end = this.matchingParen(this.i);
          value += s.slice(this.i, end);
          this.i = end;
          continue;
        }
        break;
      }
      if ((c === '<' || c === '>') && s[this.i + 1] === '(') {
        const end = this.matchingParen(this.i + 1);
        nested.push({ text: s.slice(this.i + 2, end - 1), offset: this.i + 2 });
        value += s.slice(this.i, end);
        dynamic = true;
        this.i = end;
        continue;
      }
      if (c === '<' || c === '>') break;
      if (c === '\\') {
        if (s[this.i + 1] === '\n') {
          this.i += 2;
          continue;
        }
        value += s[this.i + 1] ?? '';
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end < 0 ? s.length : end;
        value += s.slice(this.i + 1, stop);
        this.i = stop + 1;
        continue;
      }
      if (c === '"') {
        this.i++;
        while (this.i < s.length && s[this.i] !== '"') {
          const d = s[this.i]!;
          if (d === '\\' && this.i + 1 < s.length) {
            const e = s[this.i + 1]!;
            if (e === '\n') {
              this.i += 2;
            } else {
              value += '$`"\\'.includes(e) ? e : `\\${e}`;
              this.i += 2;
            }
          } else if (d === '$' || d === '`') {
            const expansion = this.scanExpansion(nested);
            value += expansion;
            dynamic = true;
          } else {
            value += d;
            this.i++;
          }
        }
        this.i++;
        continue;
      }
      if (c === '$' && s[this.i + 1] === "'") {
        const { text, end } = ansiCQuoted(s, this.i + 2);
        value += text;
        this.i = end;
        continue;
      }
      if (c === '$' || c === '`') {
        const expansion = this.scanExpansion(nested);
        value += expansion;
        if (expansion !== '$') dynamic = true;
        continue;
      }
      value += c;
      this.i++;
    }
    return { value, raw: s.slice(start, this.i).replace(/\\\n/g, ''), dynamic, nested };
  }

  /** At `$` or a backtick: consumes the expansion and returns it as written. */
  private scanExpansion(nested: NestedText[]): string {
    const s = this.s;
    const start = this.i;
    if (s[this.i] === '`') {
      let j = this.i + 1;
      while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
      nested.push({ text: s.slice(this.i + 1, j), offset: this.i + 1 });
      this.i = Math.min(j + 1, s.length);
      return s.slice(start, this.i);
    }
    const next = s[this.i + 1];
    if (next === '(') {
      const end = this.matchingParen(this.i + 1);
      if (s[this.i + 2] !== '(') nested.push({ text: s.slice(this.i + 2, end - 1), offset: this.i + 2 });
      this.i = end;
    } else if (next === '{') {
      let depth = 0;
      let j = this.i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '\\') j++;
        else if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) break;
      }
      this.i = Math.min(j + 1, s.length);
    } else if (next !== undefined && /[A-Za-z0-9_@*#?$!-]/.test(next)) {
      let j = this.i + 1;
      if (/[A-Za-z_]/.test(next)) while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      else j++;
      this.i = j;
    } else {
      this.i++;
    }
    return s.slice(start, this.i);
  }

  /** Offset just after the `)` matching the `(` at `open`, skipping quoted text. */
  private matchingParen(open: number): number {
    const s = this.s;
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === "'") {
        const end = s.indexOf("'", j + 1);
        j = end < 0 ? s.length : end;
      } else if (c === '"') {
        for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
    }
    return s.length;
  }

  private readHeredocs(): void {
    const s = this.s;
    for (const h of this.pending) {
      const lines: string[] = [];
      const firstOffset = this.i;
      while (this.i < s.length) {
        const nl = s.indexOf('\n', this.i);
        const end = nl < 0 ? s.length : nl;
        const line = s.slice(this.i, end).replace(/\r$/, '');
        this.i = nl < 0 ? s.length : nl + 1;
        if ((h.stripTabs ? line.replace(/^\t+/, '') : line) === h.delimiter) break;
        lines.push(line);
      }
      this.tokens.push({ type: 'heredoc', heredoc: { delimiter: h.delimiter, lines, firstLine: this.position(firstOffset).line }, start: firstOffset });
    }
    this.pending = [];
  }
}

function ansiCQuoted(s: string, from: number): { text: string; end: number } {
  let text = '';
  let j = from;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', e: '\x1b' };
  while (j < s.length && s[j] !== "'") {
    if (s[j] === '\\' && j + 1 < s.length) {
      text += escapes[s[j + 1]!] ?? `\\${s[j + 1]}`;
      j += 2;
    } else text += s[j++];
  }
  return { text, end: Math.min(j + 1, s.length) };
}

interface Builder {
  words: ShellWord[];
  redirects: ShellRedirect[];
  heredocs: ShellHeredoc[];
  nested: NestedText[];
  joinedBy: ShellJoin;
}

/** A group `( … )` / `{ … }` or a compound command (`while … done` …) being read. */
interface Group {
  /** Index in `out` of the group's first command. */
  readonly first: number;
  readonly list: number;
  /** The token that ends it: `)`, `}`, `done`, `fi`, `esac`. */
  readonly closer: string;
  /** It follows `|` (or sits in something that does). */
  readonly pipedInput: boolean;
}

function parseTokens(tokens: readonly Token[], origin: Origin, substitution: boolean, nextList: { value: number }): { commands: ShellCommand[]; heredocs: ShellHeredoc[] } {
  const out: { command: Omit<ShellCommand, 'background' | 'redirects' | 'list'> & { background: boolean; redirects: ShellRedirect[]; list: number } }[] = [];
  const pipedNow = () => current.joinedBy === '|' || groups.some((g) => g.pipedInput);
  const nestedOut = new Map<number, ShellCommand[]>();
  const heredocs: ShellHeredoc[] = [];
  let current: Builder = fresh('start');
  let list = nextList.value++;
  let listFirst = 0;
  const groups: Group[] = [];
  let lastCommandIndex = -1;
  /** Closed group waiting for its redirections and terminator. */
  let closed: Group | undefined;
  let closedRedirects: ShellRedirect[] = [];

  function fresh(joinedBy: ShellJoin): Builder {
    return { words: [], redirects: [], heredocs: [], nested: [], joinedBy };
  }

  function flush(): void {
    if (current.words.length === 0) {
      // Nothing to run (a lone redirection truncates a file): not a command.
      current = fresh(current.joinedBy);
      return;
    }
    const keywords: string[] = [];
    const assignments: ShellWord[] = [];
    let k = 0;
    const words = current.words;
    while (k < words.length) {
      const w = words[k]!;
      if (COMMAND_PREFIX_WORDS.has(w.raw)) {
        keywords.push(w.raw);
        k++;
        continue;
      }
      if (ASSIGNMENT.test(w.raw)) {
        assignments.push(w);
        k++;
        continue;
      }
      break;
    }
    let argv = words.slice(k);
    if (argv.length > 0 && RESERVED_WORDS.has(argv[0]!.raw)) {
      // `for x in …`, `case … in`, `done`, `fi`, `}`: no command to run here.
      keywords.push(...argv.map((w) => w.raw));
      argv = [];
    }
    const first = words[0];
    const last = words[words.length - 1];
    const textParts = [...words.map((w) => w.raw), ...current.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target}`)];
    out.push({
      command: {
        words,
        keywords,
        assignments,
        argv,
        redirects: [...current.redirects],
        heredocs: current.heredocs,
        text: textParts.join(' '),
        line: first!.line,
        column: first!.column,
        endLine: last!.line,
        list,
        joinedBy: current.joinedBy,
        background: false,
        pipedInput: pipedNow(),
        substitution,
      },
    });
    lastCommandIndex = out.length - 1;
    if (current.nested.length > 0) {
      const inner: ShellCommand[] = [];
      for (const n of current.nested) {
        const parsed = parseText(n.text, { lines: origin.lines, offset: origin.offset + n.offset }, true, nextList);
        inner.push(...parsed.commands);
        heredocs.push(...parsed.heredocs);
      }
      nestedOut.set(out.length - 1, inner);
    }
    current = fresh(current.joinedBy);
  }

  function endList(background: boolean): void {
    flush();
    if (closed) {
      for (let j = closed.first; j < out.length; j++) {
        const c = out[j]!.command;
        c.redirects.push(...closedRedirects);
        if (background) {
          c.background = true;
          c.list = closed.list;
        }
      }
      closed = undefined;
      closedRedirects = [];
    }
    if (background) for (let j = listFirst; j < out.length; j++) out[j]!.command.background = true;
    if (out.length > listFirst) {
      list = nextList.value++;
      listFirst = out.length;
    }
    current = fresh('start');
  }

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.type === 'word') {
      if (closed) {
        // A word after `)` / `}` on the same list: not a group after all (e.g. a case pattern); forget the group.
        closed = undefined;
        closedRedirects = [];
      }
      const atStart = current.words.length === 0 || current.words.every((w) => COMMAND_PREFIX_WORDS.has(w.raw));
      if (token.word.raw === '{' && atStart) {
        flush();
        groups.push({ first: out.length, list, closer: '}', pipedInput: pipedNow() });
        continue;
      }
      if (token.word.raw === '}' && atStart && groups.at(-1)?.closer === '}') {
        flush();
        closed = groups.pop();
        continue;
      }
      const end = COMPOUND_END[token.word.raw];
      if (end && atStart) groups.push({ first: out.length, list, closer: end, pipedInput: pipedNow() });
      if (atStart && groups.length > 0 && groups.at(-1)!.closer === token.word.raw && !['}', ')'].includes(token.word.raw)) {
        // `done`, `fi`, `esac`: what follows (`< file`, `| cmd`, `&`) applies to the whole compound command.
        current.words.push(token.word);
        flush();
        closed = groups.pop();
        continue;
      }
      current.words.push(token.word);
      current.nested.push(...token.nested);
    } else if (token.type === 'redirect') {
      if (closed && current.words.length === 0) closedRedirects.push(token.redirect);
      else current.redirects.push(token.redirect);
      current.nested.push(...token.nested);
    } else if (token.type === 'heredoc') {
      heredocs.push(token.heredoc);
      const target = lastCommandIndex >= 0 ? out[lastCommandIndex]!.command : undefined;
      if (target) (target.heredocs as ShellHeredoc[]).push(token.heredoc);
      else current.heredocs.push(token.heredoc);
    } else {
      const op = token.op;
      if (op === '(') {
        if (current.words.length > 0 && !current.words.every((w) => COMMAND_PREFIX_WORDS.has(w.raw))) {
          // `name()`: a function definition; its body follows.
          if (tokens[t + 1]?.type === 'op' && (tokens[t + 1] as { op: string }).op === ')') t++;
          current.words = [];
          current.nested = [];
          continue;
        }
        flush();
        groups.push({ first: out.length, list, closer: ')', pipedInput: pipedNow() });
      } else if (op === ')') {
        if (groups.at(-1)?.closer === ')') {
          flush();
          closed = groups.pop();
        } else {
          // A case pattern `a)` or `(a)`: the words before it are not a command.
          current = fresh(current.joinedBy);
        }
      } else if (op === '|' || op === '&&' || op === '||') {
        flush();
        current = fresh(op);
        if (closed && op !== '|') {
          closed = undefined;
          closedRedirects = [];
        }
      } else if (op === '&') {
        endList(true);
      } else {
        // ';', ';;', newline
        if (op === '\n' && current.joinedBy !== 'start' && current.words.length === 0 && current.redirects.length === 0) continue;
        endList(false);
      }
    }
  }
  endList(false);

  const commands: ShellCommand[] = [];
  out.forEach((o, index) => {
    commands.push(o.command);
    commands.push(...(nestedOut.get(index) ?? []));
  });
  return { commands, heredocs };
}

function parseText(text: string, origin: Origin, substitution: boolean, nextList: { value: number }): { commands: ShellCommand[]; heredocs: ShellHeredoc[] } {
  return parseTokens(new Lexer(text, origin).run(), origin, substitution, nextList);
}

/**
 * Read a shell script: its commands with words, reserved words,
 * assignments, redirections and here-documents, 1-based positions, and
 * whether each runs in the background. Continuation lines are joined,
 * comments dropped, lists split at `;`, `&&`, `||`, `|`, `&` and newlines.
 * Commands inside `$(…)`, backticks and `<(…)` are returned too (marked
 * `substitution`). Positions count from `firstLine` / `firstColumn` (a
 * code block or code span inside a larger file). Never throws.
 */
export function parseShellScript(text: string, options: { readonly firstLine?: number; readonly firstColumn?: number } = {}): ShellScript {
  const firstLine = options.firstLine ?? 1;
  const firstColumn = options.firstColumn ?? 1;
  const padded = '\n'.repeat(Math.max(0, firstLine - 1)) + ' '.repeat(Math.max(0, firstColumn - 1)) + text;
  const lines = new LineIndex(padded);
  const offset = padded.length - text.length;
  const { commands, heredocs } = parseText(text, { lines, offset }, false, { value: 0 });
  return { commands, heredocs };
}

/** The command name without a leading path (`/usr/local/bin/kubectl` → `kubectl`), or undefined. */
export function commandName(command: Pick<ShellCommand, 'argv'>): string | undefined {
  const first = command.argv[0];
  if (!first || first.dynamic) return undefined;
  const v = first.value;
  return v.slice(v.lastIndexOf('/') + 1);
}
