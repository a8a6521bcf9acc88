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
