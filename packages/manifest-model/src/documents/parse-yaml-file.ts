import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { isCollection, isMap, isNode, isScalar, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import { LineIndex } from '../source-location.js';
import type { SourceLocation } from '../source-location.js';
import type { FieldPath, YamlDocument } from './yaml-document.js';

export interface ParseYamlOptions {
  /** Largest file parsed, in bytes. @default 8 MiB */
  readonly maxBytes?: number;
  /**
   * How much larger than its own text a document may become by expanding
   * its aliases, as a multiple of the nodes it has: beyond, it is refused
   * as an alias bomb (`yaml-alias-limit`). @default 10
   */
  readonly maxAliasExpansion?: number;
  /** Always use the full (position-carrying) parser, never the fast path. @default false */
  readonly fullParser?: boolean;
}

export interface ParsedYamlFile {
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
  readonly text: string | undefined;
}

export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** How much larger than its own nodes a document may grow by expanding its aliases. */
export const DEFAULT_MAX_ALIAS_EXPANSION = 10;

/**
 * Keys written twice in one mapping, as the parser's `uniqueKeys` reports
 * them (at the second key), found in time linear in the document: a walk
 * with an explicit stack and one set of keys per mapping.
 */
function duplicateKeys(doc: Document.Parsed): { code: string; message: string; pos: [number, number] }[] {
  const out: { code: string; message: string; pos: [number, number] }[] = [];
  const stack: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node) || seen.has(node)) continue;
    seen.add(node);
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (isScalar(pair.key) && keys.has(key) && pair.key.range) out.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [pair.key.range[0], pair.key.range[1]] });
        keys.add(key);
        stack.push(pair.value);
      }
    } else for (const item of node.items) stack.push(item);
  }
  return out;
}

/** What a document nested deeper than the parser's stack allows is told (thousands of levels: no real manifest). */
const TOO_DEEP = 'the document is nested too deeply to be read (thousands of levels); it was not loaded';

/** True when the bytes look binary (a NUL in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Parse every document of a YAML file with positions. Never throws: syntax
 * errors, duplicate keys, alias bombs, binary and huge files become
 * Diagnostics; documents without errors are still returned.
 */
export function parseYamlFile(file: string, bytes: Uint8Array, options: ParseYamlOptions = {}): ParsedYamlFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const at = (line = 1, column = 1): SourceLocation => ({ file, line, column });
  if (bytes.length > maxBytes) {
    return {
      documents: [],
      text: undefined,
      diagnostics: [diagnostic('file-too-large', 'warning', `${file} is ${bytes.length} bytes, larger than the ${maxBytes}-byte limit (limits.maxFileBytes in kustodian.yaml); it was not parsed`, at())],
    };
  }
  if (looksBinary(bytes)) {
    return { documents: [], text: undefined, diagnostics: [diagnostic('file-binary', 'warning', `${file} looks binary; it was not parsed`, at())] };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = new LineIndex(text);
  const encoding = encodingDiagnostic(file, bytes, text, lines);
  const fast = options.fullParser ? undefined : parseFast(file, text, lines, options);
  if (fast) return { documents: fast, diagnostics: encoding, text };
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [...encoding];
  const documents: YamlDocument[] = [];
  let parsed;
  try {
    // Duplicate keys are found by duplicateKeys() in linear time: the parser's own check is quadratic in the keys of a mapping.
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  } catch (error) {
    return { documents: [], text, diagnostics: [diagnostic('yaml-syntax', 'error', `cannot parse YAML: ${firstLine((error as Error).message)}`, at())] };
  }
  const docs = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An EmptyStream: nothing to load.
    return { documents: [], diagnostics, text };
  }
  docs.forEach((doc, index) => {
    const errors = [...doc.errors, ...duplicateKeys(doc)];
    for (const err of errors) {
      const pos = lines.position(err.pos[0]);
      const tooDeep = /call stack/i.test(err.message);
      const code = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : tooDeep ? 'yaml-depth-limit' : 'yaml-syntax';
      diagnostics.push(diagnostic(code, 'error', tooDeep ? TOO_DEEP : firstLine(err.message), at(pos.line, pos.column)));
      if (tooDeep) break; // one is enough: the rest are the same overflow, met again
    }
    if (errors.length > 0) return;
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) return; // empty document
    let value: unknown;
    try {
      // Aliases share their anchor's value (no copy), so toJS is linear; the bomb check is ours, the same on both paths.
      value = doc.toJS({ maxAliasCount: -1 });
      if (aliasBomb(value, options)) throw new Error('excessive alias expansion: the document would be far larger than its text (an alias bomb; limits.aliasExpansion in kustodian.yaml)');
    } catch (error) {
      const start = contents && isNode(contents) && contents.range ? lines.position(contents.range[0]) : { line: 1, column: 1 };
      const message = (error as Error).message;
      const tooDeep = /call stack/i.test(message);
      const code = /alias/i.test(message) ? 'yaml-alias-limit' : tooDeep ? 'yaml-depth-limit' : 'yaml-syntax';
      diagnostics.push(diagnostic(code, 'error', tooDeep ? TOO_DEEP : firstLine(message), at(start.line, start.column)));
      return;
    }
    const start = contents && isNode(contents) && contents.range ? lines.position(contents.range[0]) : { line: 1, column: 1 };
    documents.push({ file, index, document: doc, value, lines, location: at(start.line, start.column) });
  });
  return { documents, diagnostics, text };
}

/**
 * Bytes that are not UTF-8 (a file saved as Latin-1, a truncated copy): a
 * warning at the first of them; they are read as U+FFFD, as Kubernetes would
 * refuse or mangle them.
 */
function encodingDiagnostic(file: string, bytes: Uint8Array, text: string, lines: LineIndex): Diagnostic[] {
  if (!text.includes('\uFFFD')) return [];
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return []; // a U+FFFD written on purpose
  } catch {
    const at = lines.position(text.indexOf('\uFFFD'));
    return [diagnostic('file-encoding', 'warning', `${file} is not valid UTF-8: the bytes at line ${at.line} (and any later ones) are read as U+FFFD`, { file, line: at.line, column: at.column })];
  }
}

/** Tags: left to the full parser, which knows every tag. (`!=` in a shell line or an expression is not a tag.) */
const NEEDS_FULL_PARSER = /(^|[\s[{,:])![^\s[\]{},=]/m;
// Something that may be an alias (`*name`); a cron field (`* * *`, `*/5`) is not.
const MAY_HAVE_ALIAS = /(^|[\s[{,:])\*[^\s[\]{},/*]/m;

/**
 * True when expanding a value's aliases makes it more than `maxAliasExpansion`
 * times its own (distinct) node count: a billion-laughs document. Aliases share
 * their anchor's value, so this counts each distinct node once and each shared
 * one by reference, in time linear in the distinct nodes.
 */
function aliasBomb(value: unknown, options: ParseYamlOptions): boolean {
  const sizes = new Map<object, number>();
  let distinct = 1;
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle counts once
    const children = Array.isArray(node) ? node : Object.values(node);
    distinct += children.length;
    let total = 1;
    for (const child of children) total += size(child);
    sizes.set(node, total);
    return total;
  };
  return size(value) > (options.maxAliasExpansion ?? DEFAULT_MAX_ALIAS_EXPANSION) * distinct + 1000;
}

/**
 * The fast path for the common case (YAML without tags or errors): values from js-yaml's core schema, document starts from
 * its parse events; the position-carrying AST is built only when a field is
 * located. Anything unusual (or any error) returns undefined and the full
 * parser, which reports precise diagnostics, takes over.
 */
function parseFast(file: string, text: string, lines: LineIndex, options: ParseYamlOptions): YamlDocument[] | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  const starts: number[] = [];
  let depth = 0;
  let values: unknown[];
  try {
    values = loadAll(text, undefined, {
      schema: CORE_SCHEMA,
      filename: file,
      listener(event, state) {
        if (event === 'open') {
          if (depth === 0) starts.push(state.position);
          depth++;
        } else depth--;
      },
    });
  } catch {
    return undefined;
  }
  if (starts.length !== values.length) return undefined;
  if (MAY_HAVE_ALIAS.test(text) && values.some((value) => aliasBomb(value, options))) return undefined; // the full parser reports it
  let ast: readonly Document.Parsed[] | undefined;
  // The fast path has already refused duplicate keys: the AST is only for positions.
  const parsedAst = () => (ast ??= parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }) as Document.Parsed[]);
  // Lines are cut from the text when read, not kept: a model keeps every file's text, not every file's lines too.
  const source: LazySource = { parsed: () => ast !== undefined, line: (i) => lines.lineOf(text, i), lineCount: lines.lineCount };
  const documents: YamlDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return; // empty document
    const start = lines.position(starts[index]!);
    documents.push(new LazyYamlDocument(file, index, value, { file, line: start.line, column: start.column }, lines, parsedAst, source));
  });
  return documents;
}

/** The text of a fast-path file, and whether its AST exists yet. */
interface LazySource {
  parsed(): boolean;
  /** Line `i` (0-based), without its line break; undefined past the end. */
  line(i: number): string | undefined;
  readonly lineCount: number;
}

/** A document whose position-carrying AST is parsed on first use, once per file. */
class LazyYamlDocument implements YamlDocument {
  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    readonly location: SourceLocation,
    readonly lines: LineIndex,
    private readonly ast: () => readonly Document.Parsed[],
    readonly source: LazySource,
  ) {}

  get document(): Document.Parsed {
    return this.ast()[this.index]!;
  }
}

/** The line scanner's answer alone (undefined where it leaves the question to the AST): for the parity tests. */
export function locateFieldByLines(doc: YamlDocument, path: FieldPath): SourceLocation | undefined {
  return doc instanceof LazyYamlDocument ? scanLocate(doc, path) : undefined;
}

/** A plain block-mapping key, as the line scanner reads it: no quotes, flow, anchors, tags, comments or `: ` inside. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

/**
 * The location of a field found by reading the lines of a document, without
 * its AST, for the common case: every key of the path a plain key of a block
 * mapping (`metadata:` / `  name: x`), or a key such a mapping does not have
 * (then, as the AST, the deepest key the path reaches), and the items of
 * block sequences (`- name: x`, `tls:\n- …`). Undefined whenever anything is
 * less plain (a flow collection, a quoted or unusual key, an anchor or tag
 * where a node starts): the AST answers then. The fast-path parity test holds it to the
 * AST's answer on every key of every YAML file of the corpus.
 */
function scanLocate(doc: LazyYamlDocument, path: FieldPath): SourceLocation | undefined {
  if (path.length === 0) return undefined;
  const count = doc.source.lineCount;
  // A sequence item's first line is read again as its mapping's: with the `-` read as a space (`- name: x` → `  name: x`).
  const patched = new Map<number, string>();
  const lineAt = (i: number) => patched.get(i) ?? doc.source.line(i)!;
  let cursor = doc.location.line - 1;
  let parentIndent = doc.location.column - 2; // the root mapping's keys start at the document's column
  let found: SourceLocation | undefined;
  /** The line of the key whose value the next path element goes into; undefined at the root. */
  let parentLine: number | undefined;
  for (const key of path) {
    if (typeof key === 'number') {
      // A flow sequence of scalars on the key's line (`targets: ["a:1", b]`): the item's first character.
      if (parentLine !== undefined && !/:\s*(#.*)?$/.test(lineAt(parentLine))) {
        if (key !== path[path.length - 1]) return undefined;
        const line = lineAt(parentLine);
        const colon = line.indexOf(': ', line.length - line.trimStart().length);
        const start = colon < 0 ? -1 : flowItemStart(line, colon + 2, key);
        return start < 0 ? undefined : { file: doc.file, line: parentLine + 1, column: start + 1 };
      }
      // A block sequence under the key (or at the root): `-` lines at one indent, which may be the key's own (`tls:\n- …`).
      let seqIndent: number | undefined;
      let index = -1;
      let hit: number | undefined;
      for (let i = cursor; i < count; i++) {
        const read = significantLine(lineAt(i));
        if (read === 'blank') continue;
        if (read === 'end') break;
        if (read === 'tab') return undefined;
        const { trimmed, indent } = read;
        const item = trimmed === '-' || trimmed.startsWith('- ');
        if (seqIndent === undefined) {
          if (indent < parentIndent || !item) return undefined;
          seqIndent = indent;
        }
        if (indent < seqIndent || (indent === seqIndent && !item)) break;
        if (indent > seqIndent) continue;
        if (++index === key) {
          hit = i;
          break;
        }
      }
      if (seqIndent === undefined) return undefined;
      if (hit === undefined) return found ?? doc.location;
      const line = lineAt(hit);
      const content = line.slice(seqIndent + 1);
      const offset = content.search(/\S/);
      // The item on the lines below its `-`, or starting with what moves the node's start (anchor, tag, alias, block scalar): the AST answers.
      if (offset < 0 || /^[&!*|>?#]/.test(content.slice(offset))) return undefined;
      found = { file: doc.file, line: hit + 1, column: seqIndent + 1 + offset + 1 };
      patched.set(hit, `${line.slice(0, seqIndent)} ${content}`);
      parentIndent = seqIndent;
      cursor = hit;
      parentLine = undefined;
      continue;
    }
    if (!PLAIN_KEY.test(key)) return undefined;
    let childIndent: number | undefined;
    let hit: number | undefined;
    for (let i = cursor; i < count; i++) {
      const read = significantLine(lineAt(i));
      if (read === 'blank') continue;
      if (read === 'end') break;
      if (read === 'tab') return undefined;
      const { trimmed, indent } = read;
      if (indent <= parentIndent) break;
      childIndent ??= indent;
      if (indent < childIndent) return undefined;
      if (indent > childIndent) continue;
      if (trimmed.startsWith('-') || trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('?')) return undefined;
      const colon = trimmed.indexOf(':');
      if (colon <= 0) return undefined;
      const name = trimmed.slice(0, colon);
      if (!PLAIN_KEY.test(name) || (trimmed.length > colon + 1 && !/\s/.test(trimmed[colon + 1]!))) return undefined;
      if (name === key) {
        hit = i;
        break;
      }
    }
    if (childIndent === undefined) return undefined;
    // Every key of this block mapping was read and none is this one: as the AST says, the deepest key the path
    // reaches (the document's start when it is the first key); a missing key is what a finding often points near.
    if (hit === undefined) return found ?? doc.location;
    found = { file: doc.file, line: hit + 1, column: childIndent + 1 };
    parentIndent = childIndent;
    cursor = hit + 1;
    parentLine = hit;
  }
  return found;
}

/** How the line scanner reads a line: blank or a comment, the end of the document, indented with a tab (the AST answers), or its text and indent. */
function significantLine(line: string): 'blank' | 'end' | 'tab' | { readonly trimmed: string; readonly indent: number } {
  const trimmed = line.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return 'blank';
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return 'end';
  const indent = line.length - trimmed.length;
  return line.slice(0, indent).includes('\t') ? 'tab' : { trimmed, indent };
}

/**
 * Where item `index` of a one-line flow sequence of scalars starts (`[a, "b,c", 'd']` from offset `from`), or -1 when
 * the value is anything else (nested collections, comments, a sequence that goes on to the next line, too few items).
 */
function flowItemStart(line: string, from: number, index: number): number {
  let i = from;
  while (line[i] === ' ') i++;
  if (line[i] !== '[') return -1;
  i++;
  for (let item = 0; ; item++) {
    while (line[i] === ' ') i++;
    const start = i;
    const c = line[i];
    if (c === undefined || c === ']' || c === ',' || c === '[' || c === '{' || c === '#' || c === '&' || c === '*' || c === '!' || c === '?') return -1;
    if (c === '"' || c === "'") {
      for (i++; i < line.length; i++) {
        if (c === '"' && line[i] === '\\') i++;
        else if (line[i] === c) {
          if (c === "'" && line[i + 1] === "'") i++;
          else break;
        }
      }
      if (i >= line.length) return -1;
      i++;
    } else {
      while (i < line.length && line[i] !== ',' && line[i] !== ']') {
        if (line[i] === '#' || line[i] === '[' || line[i] === '{' || line[i] === '"' || line[i] === "'" || (line[i] === ':' && line[i + 1] === ' ')) return -1;
        i++;
      }
    }
    while (line[i] === ' ') i++;
    if (item === index) return line[i] === ',' || line[i] === ']' ? start : -1;
    if (line[i] !== ',') return -1;
    i++;
  }
}

/**
 * The first line of a parser message, without the text it quotes: a parser
 * quotes the offending token, which may be a secret value (a broken line of a
 * plaintext Secret), and diagnostics are printed, written to SARIF, uploaded.
 */
export function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/"(?:[^"\\]|\\.)*"/g, '(…)')
    .replace(/'(?:[^'\\]|\\.)*'/g, '(…)')
    .trim();
}

/**
 * Like {@link locateField}, but computed on first read of `line` or
 * `column`: building a file's position-carrying AST is the dearest part of
 * loading a repository, and most located fields are never shown.
 */
export function locateFieldLazy(doc: YamlDocument, path: FieldPath): SourceLocation {
  let cached: SourceLocation | undefined;
  const get = () => (cached ??= locateField(doc, path));
  const location = { file: doc.file } as { file: string; line: number; column: number };
  Object.defineProperty(location, 'line', { enumerable: true, get: () => get().line });
  Object.defineProperty(location, 'column', { enumerable: true, get: () => get().column });
  return location;
}

/**
 * Location of a field in a document: the key of the deepest node the path
 * reaches (so a missing leaf points at its parent).
 */
export function locateField(doc: YamlDocument, path: FieldPath): SourceLocation {
  // Without an AST yet, the lines usually answer: building a file's AST is the dearest part of locating a finding.
  if (doc instanceof LazyYamlDocument && !doc.source.parsed()) {
    const scanned = scanLocate(doc, path);
    if (scanned) return scanned;
  }
  let node: unknown = doc.document.contents;
  let best: [number, number] | undefined = isNode(node) && node.range ? [node.range[0], node.range[1]] : undefined;
  for (const key of path) {
    if (!isCollection(node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    let keyRange: [number, number] | undefined;
    if (typeof key === 'number') {
      next = items[key];
      if (isNode(next) && (next as Node).range) keyRange = [(next as Node).range![0], (next as Node).range![1]];
    } else {
      for (const item of items) {
        const pair = item as { key?: unknown; value?: unknown };
        if (pair && typeof pair === 'object' && 'key' in pair) {
          const k = isScalar(pair.key) ? pair.key.value : pair.key;
          if (k === key) {
            next = pair.value;
            if (isNode(pair.key) && pair.key.range) keyRange = [pair.key.range[0], pair.key.range[1]];
            break;
          }
        }
      }
    }
    if (keyRange === undefined) break;
    best = keyRange;
    node = next;
  }
  if (!best) return doc.location;
  const p = doc.lines.position(best[0]);
  return { file: doc.file, line: p.line, column: p.column };
}

/**
 * Where a place inside a string value sits: for a literal block scalar (`|`)
 * whose text is the one given, the line of `offset` inside the block;
 * otherwise the field's key.
 */
export function locateInBlock(doc: YamlDocument, path: FieldPath, text: string, offset: number): SourceLocation {
  const keyLocation = locateField(doc, path);
  if (offset <= 0) return keyLocation;
  const linesBefore = text.slice(0, offset).split('\n').length - 1;
  // Without an AST: a `key: |` block maps its lines one to one onto the file's, which the line of the match confirms.
  if (doc instanceof LazyYamlDocument && !doc.source.parsed()) {
    const keyLine = doc.source.line(keyLocation.line - 1) ?? '';
    const target = doc.source.line(keyLocation.line + linesBefore);
    const wanted = text.split('\n')[linesBefore];
    if (/:\s+\|[-+0-9]*\s*$/.test(keyLine) && target !== undefined && wanted !== undefined && wanted.trim() !== '' && target.trim() === wanted.trim()) {
      return { file: keyLocation.file, line: keyLocation.line + 1 + linesBefore, column: keyLocation.column };
    }
  }
  const node = doc.document.getIn(path, true);
  if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || node.value !== text || !node.range) return keyLocation;
  const header = doc.lines.position(node.range[0]).line;
  return { file: keyLocation.file, line: header + 1 + linesBefore, column: keyLocation.column };
}
