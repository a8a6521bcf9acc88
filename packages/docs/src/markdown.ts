/**
 * Markdown building blocks that pass markdownlint's default rules: lines of
 * at most 80 columns (wrapped at spaces, never inside a code span), tables
 * that stay within the limit, text from the repository escaped.
 */

export const LINE_LIMIT = 80;

/** Text as an inline code span, whatever backticks it holds. */
export function code(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean.includes('`')) return `\`${clean}\``;
  const longest = Math.max(...(clean.match(/`+/g) ?? ['']).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks} ${clean} ${ticks}`;
}

function escapeMarkup(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/** Text from the repository (annotations, names) as Markdown prose: no markup, no HTML, URLs as autolinks. */
export function prose(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let last = 0;
  // A bare URL is a markdownlint finding (MD034): it becomes an autolink.
  for (const match of clean.matchAll(/\bhttps?:\/\/[^\s<>]*[^\s<>.,;:!?)'"]/g)) {
    out.push(escapeMarkup(clean.slice(last, match.index)), `<${match[0]}>`);
    last = match.index + match[0].length;
  }
  out.push(escapeMarkup(clean.slice(last)));
  return out.join('');
}

/** Words of Markdown text for wrapping: runs of non-space characters and code spans (kept whole). */
function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      const end = close < 0 ? i + run.length : close + run.length;
      word += text.slice(i, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== '') out.push(word);
      word = '';
      i += 1;
    } else {
      word += c;
      i += 1;
    }
  }
  if (word !== '') out.push(word);
  return out;
}

/** A word that would start a list, heading, quote or table when it begins a line. */
function startsBlock(word: string): boolean {
  return /^(?:[-+*]|\d{1,9}[.)]|#{1,6}|>.*|=+|\|.*)$/.test(word);
}

/**
 * Wraps Markdown text at spaces so that no line exceeds the limit (a single
 * long word may, as markdownlint allows). `first` prefixes the first line,
 * `rest` the others (e.g. `- ` and two spaces for a list item).
 */
export function wrap(text: string, first = '', rest = ''.padEnd(first.length)): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words(text)) {
    if (empty) {
      line += word;
      empty = false;
    } else if (line.length + 1 + word.length <= LINE_LIMIT || startsBlock(word)) {
      line += ` ${word}`;
    } else {
      lines.push(line);
      line = rest + word;
    }
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** A bullet list, each item wrapped. */
export function bulletList(items: readonly string[]): string {
  return items.map((item) => wrap(item, '- ', '  ')).join('\n');
}

/** A paragraph, wrapped. */
export function paragraph(text: string): string {
  return wrap(text);
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

/** The text beyond the limit has whitespace in it: markdownlint's line-length rule would report the line. */
function tooLong(line: string): boolean {
  return line.replace(/\S*$/, '#').length > LINE_LIMIT;
}

/**
 * A table. Rows are written with a space around each cell when every line
 * fits, else without (`|a|b|`, still a table); a table that cannot fit
 * either way becomes a list of rows.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const body = rows.map((row) => headers.map((_, i) => cell(row[i] ?? '')));
  const head = headers.map(cell);
  const compact = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)];
  if (!compact.some(tooLong)) return compact.join('\n');
  const tight = [`|${head.join('|')}|`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `|${r.join('|')}|`)];
  if (!tight.some(tooLong)) return tight.join('\n');
  return bulletList(body.map((r) => r.map((value, i) => `${head[i]}: ${value === '' ? '-' : value}`).join('; ')));
}

/** `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Blocks separated by one blank line, empty ones left out. */
export function blocks(...parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n\n');
}
