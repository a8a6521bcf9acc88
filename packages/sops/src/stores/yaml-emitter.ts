/**
 * Writes trees as YAML laid out the way yaml.v3 lays out sops output: block
 * style only, sequences indented under their key, maps inside sequence items
 * compact after `- `, nested content aligned to multiples of the indent,
 * literal blocks for multi-line strings, no line folding.
 */
import { formatFloatG } from '../format/go-values.js';
import { isBranch, isComment, isList, isTime } from '../tree/tree.js';
import type { SopsComment, TreeBranch, TreeList, TreeValue } from '../tree/tree.js';
import { doubleQuoted, literalHeader, singleQuoted, stringStyle } from './yaml-scalar-style.js';

export interface YamlEmitOptions {
  /** Spaces per indentation level (sops `stores.yaml.indent`). @default 4 */
  readonly indent?: number;
}

type ScalarText = { readonly inline: string } | { readonly header: string; readonly body: string };

class Writer {
  readonly lines: string[] = [];
  private continueLine = false;
  /** Whether the last written line ends with a one-line scalar (an inline comment may follow). */
  lastLineIsScalar = false;

  line(indent: number, text: string): void {
    if (this.continueLine) {
      this.lines[this.lines.length - 1] += text;
      this.continueLine = false;
    } else {
      this.lines.push(' '.repeat(indent) + text);
    }
    this.lastLineIsScalar = false;
  }

  /** The next `line` call continues the current line (after `- `). */
  joinNext(): void {
    this.continueLine = true;
  }

  appendToLast(text: string): void {
    this.lines[this.lines.length - 1] += text;
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function bytesText(bytes: Uint8Array): string | undefined {
  try {
    return textDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

class YamlEmitter {
  constructor(private readonly best: number) {}

  /** yaml.v3: "everything else aligns to the chosen indentation". */
  private align(indent: number): number {
    return this.best * Math.floor((indent + this.best) / this.best);
  }

  /** `indicator`: the content's offset from the parent's indentation, written when the text starts with a space or newline. */
  private stringText(text: string, key: boolean, indicator = this.best): ScalarText {
    switch (stringStyle(text, key)) {
      case 'plain':
        return { inline: text };
      case 'single':
        return { inline: singleQuoted(text) };
      case 'double':
        return { inline: doubleQuoted(text) };
      case 'literal':
        return { header: literalHeader(text, indicator), body: text };
    }
  }

  private scalarText(value: TreeValue, indicator: number): ScalarText {
    if (typeof value === 'string') return this.stringText(value, false, indicator);
    if (typeof value === 'bigint') return { inline: value.toString() };
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return { inline: '.nan' };
      if (!Number.isFinite(value)) return { inline: value > 0 ? '.inf' : '-.inf' };
      return { inline: formatFloatG(value) };
    }
    if (typeof value === 'boolean') return { inline: String(value) };
    if (value === null) return { inline: 'null' };
    if (value instanceof Uint8Array) {
      const text = bytesText(value);
      return text === undefined ? { inline: `!!binary ${Buffer.from(value).toString('base64')}` } : this.stringText(text, false, indicator);
    }
    if (isTime(value)) return { inline: value.text };
    throw new TypeError('not a scalar');
  }

  keyText(key: string): string {
    if (key === '<<') return '!!merge <<';
    const text = this.stringText(key, true);
    return 'inline' in text ? text.inline : doubleQuoted(key);
  }

  private literalBody(w: Writer, body: string, indent: number): void {
    const lines = body.split('\n');
    if (body.endsWith('\n')) lines.pop();
    for (const line of lines) w.lines.push(line === '' ? '' : ' '.repeat(indent) + line);
  }

  private comment(w: Writer, c: SopsComment, indent: number): void {
    if (c.inline && w.lastLineIsScalar) {
      w.appendToLast(` #${c.text}`);
      return;
    }
    w.line(indent, `#${c.text}`);
  }

  /** Writes `prefix` + a scalar; `childIndent` is where a literal block's lines go. */
  private scalar(w: Writer, indent: number, prefix: string, value: TreeValue, childIndent: number): void {
    const text = this.scalarText(value, childIndent - indent);
    if ('inline' in text) {
      w.line(indent, prefix + text.inline);
      w.lastLineIsScalar = true;
    } else {
      w.line(indent, prefix + text.header);
      this.literalBody(w, text.body, childIndent);
    }
  }

  /**
   * The comments that would open the line of a collection written after `- `
   * (its leading comments, and those of a nested list's first collection),
   * and the collection without them.
   */
  private hoistComments<T extends TreeBranch | TreeList>(value: T): [SopsComment[], T] {
    let n = 0;
    while (n < value.entries.length && isComment(value.entries[n])) n++;
    const comments = value.entries.slice(0, n) as SopsComment[];
    const rest = value.entries.slice(n);
    const first = rest[0];
    if (isList(value) && (isBranch(first) || isList(first))) {
      const [inner, stripped] = this.hoistComments(first);
      return [[...comments, ...inner], { ...value, entries: [stripped, ...rest.slice(1)] }];
    }
    return [comments, { ...value, entries: rest } as T];
  }

  /** An empty collection written as `{}`/`[]`, with its comments on the lines before it. */
  private emptyCollection(w: Writer, indent: number, prefix: string, value: TreeBranch | TreeList): void {
    const flow = isBranch(value) ? '{}' : '[]';
    if (value.entries.length === 0) {
      w.line(indent, `${prefix}${flow}`);
      return;
    }
    const child = this.align(indent);
    w.line(indent, prefix.trimEnd());
    for (const entry of value.entries) this.comment(w, entry as SopsComment, child);
    w.line(child, flow);
  }

  branch(w: Writer, b: TreeBranch, indent: number): void {
    for (const entry of b.entries) {
      if (entry.kind === 'comment') {
        this.comment(w, entry, indent);
        continue;
      }
      const prefix = `${this.keyText(entry.key)}: `;
      const value = entry.value;
      if (isBranch(value) || isList(value)) {
        const hasValues = value.entries.some((e) => !isComment(e));
        if (!hasValues) this.emptyCollection(w, indent, prefix, value);
        else {
          w.line(indent, prefix.trimEnd());
          if (isBranch(value)) this.branch(w, value, this.align(indent));
          else this.list(w, value, this.align(indent));
        }
      } else {
        this.scalar(w, indent, prefix, value, this.align(indent));
      }
    }
  }

  list(w: Writer, l: TreeList, indent: number): void {
    for (const entry of l.entries) {
      if (isComment(entry)) {
        this.comment(w, entry, indent);
        continue;
      }
      if (isBranch(entry) || isList(entry)) {
        const hasValues = entry.entries.some((e) => !isComment(e));
        if (!hasValues) {
          this.emptyCollection(w, indent, '- ', entry);
          continue;
        }
        // Comments before the first key cannot share the `- ` line: they go above it,
        // where they keep the same SOPS path (list indices are not part of paths).
        const [comments, rest] = this.hoistComments(entry);
        for (const c of comments) this.comment(w, c, indent);
        w.line(indent, '- ');
        w.joinNext();
        if (isBranch(rest)) this.branch(w, rest, indent + 2);
        else this.list(w, rest, indent + 2);
      } else {
        this.scalar(w, indent, '- ', entry, indent + 2);
      }
    }
  }
}

/** YAML text for the documents, separated by `---`, ending with a newline. */
export function emitYaml(documents: readonly TreeBranch[], options: YamlEmitOptions = {}): string {
  const emitter = new YamlEmitter(options.indent ?? 4);
  const parts = documents.map((doc) => {
    const w = new Writer();
    if (!doc.entries.some((e) => e.kind === 'item')) {
      for (const entry of doc.entries) w.line(0, `#${(entry as SopsComment).text}`);
      w.line(0, '{}');
    } else {
      emitter.branch(w, doc, 0);
    }
    return `${w.lines.join('\n')}\n`;
  });
  return parts.join('---\n');
}
