import { isCollection, isNode, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import { LineIndex } from '../source-location.js';
import type { SourceLocation } from '../source-location.js';
import type { FieldPath, YamlDocument } from './yaml-document.js';

export interface ParseYamlOptions {
  /** Largest file parsed, in bytes. @default 8 MiB */
  readonly maxBytes?: number;
  /** Most alias expansions a document may have. @default 100 */
  readonly maxAliasCount?: number;
}

export interface ParsedYamlFile {
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
  readonly text: string | undefined;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

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
      diagnostics: [diagnostic('file-too-large', 'warning', `${file} is ${bytes.length} bytes, larger than the ${maxBytes}-byte limit; it was not parsed`, at())],
    };
  }
  if (looksBinary(bytes)) {
    return { documents: [], text: undefined, diagnostics: [diagnostic('file-binary', 'warning', `${file} looks binary; it was not parsed`, at())] };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = new LineIndex(text);
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (error) {
    return { documents: [], text, diagnostics: [diagnostic('yaml-syntax', 'error', `cannot parse YAML: ${(error as Error).message}`, at())] };
  }
  const docs = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An EmptyStream: nothing to load.
    return { documents: [], diagnostics, text };
  }
  docs.forEach((doc, index) => {
    const errors = doc.errors;
    for (const err of errors) {
      const pos = lines.position(err.pos[0]);
      const code = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
      diagnostics.push(diagnostic(code, 'error', firstLine(err.message), at(pos.line, pos.column)));
    }
    if (errors.length > 0) return;
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) return; // empty document
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 100 });
    } catch (error) {
      const start = contents && isNode(contents) && contents.range ? lines.position(contents.range[0]) : { line: 1, column: 1 };
      const message = (error as Error).message;
      const code = /alias/i.test(message) ? 'yaml-alias-limit' : 'yaml-syntax';
      diagnostics.push(diagnostic(code, 'error', firstLine(message), at(start.line, start.column)));
      return;
    }
    const start = contents && isNode(contents) && contents.range ? lines.position(contents.range[0]) : { line: 1, column: 1 };
    documents.push({ file, index, document: doc, value, lines, location: at(start.line, start.column) });
  });
  return { documents, diagnostics, text };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * Location of a field in a document: the key of the deepest node the path
 * reaches (so a missing leaf points at its parent).
 */
export function locateField(doc: YamlDocument, path: FieldPath): SourceLocation {
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
