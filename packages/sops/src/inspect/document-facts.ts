/**
 * What inspection reads from a document without keys: every leaf with its
 * path and position, the raw `sops` value, and where the document starts.
 * YAML (and JSON) with positions from the `yaml` parser; dotenv line by line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { unflattenMetadata } from '../format/flatten.js';
import { treeToPlain } from '../tree/plain-value.js';

/** Map keys and list indices from the document root. */
export type FieldPath = readonly (string | number)[];

/** A YAML syntax error, located. */
export interface ParseErrorAt {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A scalar of the document (outside `sops`) and where its key is. */
export interface Leaf {
  readonly path: FieldPath;
  readonly value: unknown;
  readonly line?: number;
  readonly column?: number;
}

/** One document as inspection sees it. */
export interface DocumentFacts {
  readonly leaves: Leaf[];
  readonly sops?: unknown;
  readonly line?: number;
  readonly parseError?: ParseErrorAt;
}

// --- YAML / JSON ---------------------------------------------------------

class YamlFacts {
  readonly leaves: Leaf[] = [];
  private visits = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  private at(node: Node | null | undefined): { line?: number; column?: number } {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  private deref(node: Node | null): Node | null {
    let current = node;
    for (let i = 0; current && isAlias(current) && i < 100; i++) current = (current.resolve(this.doc) as Node | undefined) ?? null;
    return current;
  }

  private keyText(node: unknown): string {
    const key = this.deref((node ?? null) as Node | null);
    if (key && isScalar(key)) return key.source ?? String(key.value);
    return String(key);
  }

  walk(node: Node | null, path: FieldPath, anchor: Node | null): void {
    if (++this.visits > 100_000) return;
    const target = this.deref(node);
    if (target && isMap(target)) {
      for (const pair of (target as YAMLMap).items) {
        if (!isPair(pair)) continue;
        const key = this.keyText((pair as Pair).key);
        if (path.length === 0 && key === 'sops') continue;
        this.walk((pair as Pair<Node, Node>).value, [...path, key], (pair as Pair<Node, Node>).key);
      }
    } else if (target && isSeq(target)) {
      target.items.forEach((child, i) => this.walk(child as Node, [...path, i], child as Node));
    } else {
      const value = target && isScalar(target) ? target.value : null;
      this.leaves.push({ path, value: typeof value === 'bigint' ? String(value) : value, ...this.at(anchor ?? target) });
    }
  }

  sopsValue(): unknown {
    const contents = this.doc.contents;
    if (!contents || !isMap(contents)) return undefined;
    const pair = contents.items.find((p) => isPair(p) && this.keyText(p.key) === 'sops');
    if (!pair) return undefined;
    const value = this.deref(pair.value as Node | null);
    if (!value || !isMap(value)) return undefined;
    return value.toJS(this.doc, { maxAliasCount: 100 });
  }
}

function parseErrorOf(message: string, at: { line: number; col: number }): ParseErrorAt {
  return { message: message.split('\n')[0]!, line: at.line, column: at.col };
}

export function yamlFacts(text: string): DocumentFacts[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, merge: false, uniqueKeys: false, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const facts = new YamlFacts(doc, lines);
    const contents = doc.contents as Node | null;
    if (contents && isMap(contents)) facts.walk(contents, [], null);
    const error = doc.errors[0];
    const start = contents?.range?.[0];
    const line = start === undefined ? undefined : lines.linePos(start).line;
    let sops: unknown;
    try {
      sops = facts.sopsValue();
    } catch {
      sops = {};
    }
    return {
      leaves: facts.leaves,
      ...(sops === undefined ? {} : { sops }),
      ...(line === undefined ? {} : { line }),
      ...(error ? { parseError: parseErrorOf(error.message, lines.linePos(error.pos[0])) } : {}),
    };
  });
}

// --- a document parsed by the caller ----------------------------------------

/** A document the caller has parsed already (the manifest model parses every YAML file once). */
export interface ParsedDocument {
  /** The document as plain data (aliases resolved). */
  readonly value: unknown;
  /** 0-based index of the document in its file. */
  readonly index: number;
  /** Line where the document's content starts. */
  readonly line?: number;
  /** Where the key of a field is (a sequence item: the item); asked only for the fields whose position is read. */
  readonly locate?: (path: FieldPath) => { readonly line: number; readonly column: number } | undefined;
}

/** A leaf whose position is asked of `locate` on first read of its line or column. */
function lazyLeaf(path: FieldPath, value: unknown, locate: NonNullable<ParsedDocument['locate']>): Leaf {
  let found: { readonly line: number; readonly column: number } | undefined;
  let asked = false;
  const position = () => {
    if (!asked) {
      asked = true;
      found = locate(path);
    }
    return found;
  };
  const leaf = { path, value } as { path: FieldPath; value: unknown; line?: number; column?: number };
  Object.defineProperty(leaf, 'line', { enumerable: true, get: () => position()?.line });
  Object.defineProperty(leaf, 'column', { enumerable: true, get: () => position()?.column });
  return leaf;
}

/** Whether a leaf's position is computed on read (then a field made from it stays lazy too). */
export function hasLazyPosition(leaf: Leaf): boolean {
  return Object.getOwnPropertyDescriptor(leaf, 'line')?.get !== undefined;
}

/**
 * The facts of a document from its plain value, as yamlFacts reads them
 * from the text: every scalar outside the top-level `sops` key, with its
 * path; positions from `locate`, found only when read.
 */
export function valueFacts(doc: ParsedDocument): DocumentFacts {
  const leaves: Leaf[] = [];
  const root = doc.value;
  let sops: unknown;
  let visits = 0;
  const push = (path: FieldPath, value: unknown) => leaves.push(doc.locate ? lazyLeaf(path, value, doc.locate) : { path, value });
  // Iterative, like the walk of the text: a deep document must not exhaust the stack.
  const stack: { value: unknown; path: FieldPath }[] = [];
  if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
    const entries = Object.entries(root as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i]!;
      if (key === 'sops') {
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) sops = value;
        continue;
      }
      stack.push({ value, path: [key] });
    }
  }
  while (stack.length > 0) {
    if (++visits > 100_000) break;
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
    } else {
      push(path, value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? String(value) : (value ?? null));
    }
  }
  return { leaves, ...(sops === undefined ? {} : { sops }), ...(doc.line === undefined ? {} : { line: doc.line }) };
}

// --- dotenv ----------------------------------------------------------------

export function dotenvFacts(text: string): DocumentFacts {
  const leaves: Leaf[] = [];
  const metadata: [string, string][] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq < 0) return;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (key.startsWith('sops_')) metadata.push([key.slice(5), value.replaceAll('\\n', '\n')]);
    else leaves.push({ path: [key], value, line: i + 1, column: 1 });
  });
  const sops = metadata.length === 0 ? undefined : treeToPlain(unflattenMetadata(metadata));
  return { leaves, ...(sops === undefined ? {} : { sops }), line: 1 };
}
