import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../../resources/resource.js';

export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Reads a list of RFC 6902 operations; a message when the value is not one. */
export function parseJsonPatch(value: unknown): JsonPatchOperation[] | string {
  if (!Array.isArray(value)) return 'a JSON 6902 patch must be a list of operations';
  const ops: JsonPatchOperation[] = [];
  for (const [i, item] of value.entries()) {
    if (!isRecord(item) || typeof item['op'] !== 'string' || !OPS.has(item['op'])) return `operation ${i} has no valid "op"`;
    if (typeof item['path'] !== 'string') return `operation ${i} (${item['op']}) has no "path"`;
    if ((item['op'] === 'move' || item['op'] === 'copy') && typeof item['from'] !== 'string') return `operation ${i} (${item['op']}) has no "from"`;
    if ((item['op'] === 'add' || item['op'] === 'replace' || item['op'] === 'test') && !('value' in item)) return `operation ${i} (${item['op']}) has no "value"`;
    ops.push(item as unknown as JsonPatchOperation);
  }
  return ops;
}

class PatchError extends Error {}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`path "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, allowEnd: boolean, pointer: string): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`"${token}" in "${pointer}" is not a list index`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new PatchError(`index ${i} in "${pointer}" is out of range`);
  return i;
}

/** The container holding the last token of a pointer, and that token. */
function parentOf(doc: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const path = tokens(pointer);
  if (path.length === 0) throw new PatchError('the whole document cannot be the target');
  let node = doc;
  for (const t of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(t, node.length, false, pointer)];
    else if (isRecord(node) && t in node) node = node[t];
    else throw new PatchError(`"${pointer}" does not exist`);
  }
  if (!Array.isArray(node) && !isRecord(node)) throw new PatchError(`"${pointer}" does not exist`);
  return { parent: node, key: path[path.length - 1]! };
}

function get(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const t of tokens(pointer)) {
    if (Array.isArray(node)) node = node[arrayIndex(t, node.length, false, pointer)];
    else if (isRecord(node) && t in node) node = node[t];
    else throw new PatchError(`"${pointer}" does not exist`);
  }
  return node;
}

function add(doc: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, true, pointer), 0, value);
  else parent[key] = value;
}

function remove(doc: unknown, pointer: string): unknown {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(key, parent.length, false, pointer), 1)[0];
  if (!(key in parent)) throw new PatchError(`"${pointer}" does not exist`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function replace(doc: unknown, pointer: string, value: unknown): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(key, parent.length, false, pointer)] = value;
  else if (key in parent) parent[key] = value;
  else throw new PatchError(`"${pointer}" does not exist`);
}

/**
 * Applies JSON 6902 operations to a copy of `body`. Returns the patched
 * copy, or a message naming the first operation that failed (the body is
 * then left as it was, and kustomize would stop the build).
 */
export function applyJsonPatch(body: Record<string, unknown>, ops: readonly JsonPatchOperation[]): Record<string, unknown> | string {
  const doc = structuredClone(body);
  for (const [i, op] of ops.entries()) {
    try {
      const value = structuredClone(op.value);
      switch (op.op) {
        case 'add':
          add(doc, op.path, value);
          break;
        case 'remove':
          remove(doc, op.path);
          break;
        case 'replace':
          replace(doc, op.path, value);
          break;
        case 'move':
          add(doc, op.path, remove(doc, op.from!));
          break;
        case 'copy':
          add(doc, op.path, structuredClone(get(doc, op.from!)));
          break;
        case 'test':
          if (!isDeepStrictEqual(get(doc, op.path), value)) throw new PatchError(`test of "${op.path}" failed`);
          break;
      }
    } catch (error) {
      if (error instanceof PatchError) return `operation ${i} (${op.op} ${op.path}): ${error.message}`;
      throw error;
    }
  }
  return doc;
}
