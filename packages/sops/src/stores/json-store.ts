/**
 * JSON text ↔ tree, keeping key order (JSON.parse would reorder integer-like
 * keys) and writing what Go's encoding/json writes: `"key": value`, tab or
 * space indentation, `<`, `>`, `&`, U+2028 and U+2029 escaped.
 */
import { SopsError } from '../errors.js';
import { formatJsonFloat, isInt64 } from '../format/go-values.js';
import { branch, isBranch, isComment, isList, isTime, item, list } from '../tree/tree.js';
import type { BranchEntry, ListEntry, TreeBranch, TreeValue } from '../tree/tree.js';

class JsonReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new SopsError('SOPS_FILE_MALFORMED', `${this.file}:${line}:${column}: ${message}`, { file: this.file, line });
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  top(): TreeBranch {
    if (this.peek() !== '{') this.fail('SOPS only supports JSON files with a top-level object');
    const result = this.object();
    if (this.peek() !== undefined) this.fail('unexpected text after the top-level object');
    return result;
  }

  /** The items between `open` and `close`, separated by commas. */
  private items<T>(open: string, close: string, item: () => T): T[] {
    this.expect(open);
    const items: T[] = [];
    if (this.peek() === close) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(item());
      const next = this.peek();
      this.pos++;
      if (next === close) return items;
      if (next !== ',') this.fail(`expected ',' or '${close}'`);
    }
  }

  private object(): TreeBranch {
    return branch(
      this.items<BranchEntry>('{', '}', () => {
        if (this.peek() !== '"') this.fail('expected an object key');
        const key = this.string();
        this.expect(':');
        return item(key, this.value());
      }),
    );
  }

  private array(): TreeValue {
    return list(this.items<ListEntry>('[', ']', () => this.value()));
  }

  private value(): TreeValue {
    const ch = this.peek();
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail('unexpected character');
    this.pos += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const int = BigInt(m[0]);
      if (isInt64(int)) return int;
    }
    return Number(m[0]);
  }

  private string(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === '"') return out;
      if (ch < ' ') this.fail('control character in string');
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc !== undefined && esc in simple) out += simple[esc];
      else if (esc === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else this.fail('bad escape');
    }
  }
}

/** The top-level object of a JSON text as a tree branch. */
export function parseJsonDocument(text: string, file = '<json>'): TreeBranch {
  return new JsonReader(text, file).top();
}

/** Go `json.Marshal` of a string (HTML-safe escaping, invalid UTF-16 as U+FFFD). */
export function jsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function scalarJson(value: TreeValue): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    const text = formatJsonFloat(value);
    if (text === undefined) throw new SopsError('SOPS_UNSUPPORTED', 'JSON cannot hold NaN or infinite numbers');
    return text;
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return jsonString(Buffer.from(value).toString('base64'));
  if (isTime(value)) return jsonString(value.text);
  throw new TypeError('not a scalar');
}

function valueJson(value: TreeValue, indent: string, depth: number): string {
  const pad = indent.repeat(depth + 1);
  const close = indent.repeat(depth);
  if (isBranch(value)) {
    const parts = value.entries
      .filter((e) => e.kind === 'item')
      .map((e) => `${pad}${jsonString(e.key)}: ${valueJson(e.value, indent, depth + 1)}`);
    return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${close}}`;
  }
  if (isList(value)) {
    const parts = value.entries.filter((e) => !isComment(e)).map((e) => `${pad}${valueJson(e as TreeValue, indent, depth + 1)}`);
    return parts.length === 0 ? '[]' : `[\n${parts.join(',\n')}\n${close}]`;
  }
  return scalarJson(value);
}

export interface JsonEmitOptions {
  /** Spaces per level; -1 (the sops default) means a tab. @default -1 */
  readonly indent?: number;
  /** End with a newline (sops 3.10+ does for encrypted files and always for plain output). @default true */
  readonly trailingNewline?: boolean;
}

/** JSON text for a tree branch, comments dropped. */
export function emitJson(document: TreeBranch, options: JsonEmitOptions = {}): string {
  const n = options.indent ?? -1;
  const indent = n < 0 ? '\t' : ' '.repeat(n);
  return valueJson(document, indent, 0) + (options.trailingNewline === false ? '' : '\n');
}
