/**
 * The parts of a Markdown file that rules read: fenced code blocks (with their
 * language), inline code spans and prose lines, each with 1-based lines. Not a
 * full CommonMark parser: enough to tell code from prose line by line.
 */

/** A fenced code block (``` or ~~~). */
export interface MarkdownCodeBlock {
  /** First word of the info string, lower-cased; '' when the fence names none. */
  readonly language: string;
  /** The whole info string as written. */
  readonly info: string;
  /** Line of the opening fence. */
  readonly fenceLine: number;
  /** Line of the first content line (fenceLine + 1). */
  readonly firstLine: number;
  /** Content lines, with the fence's indentation removed. */
  readonly lines: readonly string[];
}

/** An inline code span (`…`) of a prose line. */
export interface MarkdownInlineCode {
  readonly text: string;
  readonly line: number;
  /** Column of the opening backtick. */
  readonly column: number;
}

/** A line outside code blocks and HTML comments. */
export interface MarkdownProseLine {
  readonly text: string;
  readonly line: number;
}

export interface MarkdownContent {
  readonly codeBlocks: readonly MarkdownCodeBlock[];
  readonly inlineCode: readonly MarkdownInlineCode[];
  readonly prose: readonly MarkdownProseLine[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/;

/** Split a Markdown text into code blocks, inline code and prose. Never throws. */
export function parseMarkdown(text: string): MarkdownContent {
  const lines = text.split(/\r?\n/);
  const codeBlocks: MarkdownCodeBlock[] = [];
  const inlineCode: MarkdownInlineCode[] = [];
  const prose: MarkdownProseLine[] = [];
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (!inComment) {
      const fence = FENCE.exec(line);
      if (fence) {
        const indent = fence[1]!.length;
        const marker = fence[2]!;
        const info = fence[3]!.trim();
        const content: string[] = [];
        let j = i + 1;
        for (; j < lines.length; j++) {
          const l = lines[j]!;
          const trimmed = l.trim();
          if (trimmed.startsWith(marker[0]!.repeat(marker.length)) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === marker[0]) break;
          content.push(stripIndent(l, indent));
        }
        codeBlocks.push({ language: (info.split(/\s+/)[0] ?? '').replace(/^\{\.?|\}$/g, '').toLowerCase(), info, fenceLine: lineNo, firstLine: lineNo + 1, lines: content });
        i = j;
        continue;
      }
    }
    // HTML comments are not prose (they hold suppressions and notes to editors).
    let visible = '';
    let rest = line;
    while (rest.length > 0) {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) {
          rest = '';
        } else {
          rest = rest.slice(end + 3);
          inComment = false;
        }
      } else {
        const start = rest.indexOf('<!--');
        if (start < 0) {
          visible += rest;
          rest = '';
        } else {
          visible += rest.slice(0, start) + ' '.repeat(4);
          rest = rest.slice(start + 4);
          inComment = true;
        }
      }
    }
    if (visible.trim() === '') continue;
    prose.push({ text: visible, line: lineNo });
    inlineCode.push(...inlineCodeOf(visible, lineNo));
  }
  return { codeBlocks, inlineCode, prose };
}

function stripIndent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && k < line.length && (line[k] === ' ' || line[k] === '\t')) k++;
  return line.slice(k);
}

/** Code spans of one line: a run of backticks up to the next run of the same length. */
function inlineCodeOf(line: string, lineNo: number): MarkdownInlineCode[] {
  const out: MarkdownInlineCode[] = [];
  const runs = [...line.matchAll(/`+/g)];
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r]!;
    const close = runs.findIndex((m, k) => k > r && m[0].length === open[0].length);
    if (close < 0) continue;
    const start = open.index! + open[0].length;
    let code = line.slice(start, runs[close]!.index!);
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
    out.push({ text: code, line: lineNo, column: open.index! + 1 });
    r = close;
  }
  return out;
}

const SHELL_LANGUAGES = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'console', 'shell-session', 'shellsession', 'terminal', 'ksh', 'fish']);
const SESSION_LANGUAGES = new Set(['console', 'shell-session', 'shellsession', 'terminal']);

/** The block holds shell commands (sh, bash, shell, console, … or no language at all). */
export function isShellBlock(block: Pick<MarkdownCodeBlock, 'language'>): boolean {
  return SHELL_LANGUAGES.has(block.language);
}

/** `$ `, `% `, `❯ ` or `user@host:~$ ` / `root@host:~# ` before a command. */
const PROMPT = /^(\s*)(?:\$|%|❯|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#])\s(.*)$/;

/**
 * The shell text of a block, one output line per content line so that line
 * numbers stay those of the file (parse it with `firstLine: block.firstLine`).
 * In a session (a `console` block, or any shell block whose commands start
 * with a `$ ` prompt) only prompted lines and their continuation lines are
 * kept, the prompt blanked out; output lines become empty.
 */
export function shellTextOf(block: MarkdownCodeBlock): string {
  const prompted = block.lines.filter((l) => PROMPT.test(l) && /^\s*\$\s/.test(l)).length;
  const session = SESSION_LANGUAGES.has(block.language) || prompted > 0;
  if (!session) return block.lines.join('\n');
  const out: string[] = [];
  let continued = false;
  for (const line of block.lines) {
    const m = PROMPT.exec(line);
    if (m && (SESSION_LANGUAGES.has(block.language) || /^\s*\$\s/.test(line))) {
      // The prompt becomes blanks, so that columns stay those of the file.
      out.push(' '.repeat(line.length - m[2]!.length) + m[2]!);
      continued = /\\$/.test(m[2]!);
    } else if (continued) {
      // A continuation line, possibly behind the secondary prompt `> `.
      const rest = line.replace(/^(\s*)> /, '$1  ');
      out.push(rest);
      continued = /\\$/.test(rest);
    } else {
      out.push('');
    }
  }
  return out.join('\n');
}
