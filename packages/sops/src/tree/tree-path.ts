/**
 * Paths into a tree (`['data', 'password']`, `['list', 0]`) and the `sops
 * set`/`unset` edits: set replaces or adds a value in place, unset removes it.
 */
import { SopsError } from '../errors.js';
import { branch, isBranch, isComment, isList, item, list } from './tree.js';
import type { ListEntry, TreeBranch, TreeItem, TreeValue } from './tree.js';

/** Map keys and list indices from the root of a document. */
export type SopsPath = readonly (string | number)[];

function notFound(path: SopsPath, upTo: number, why: string): never {
  throw new SopsError('SOPS_PATH_NOT_FOUND', `${formatSopsPath(path)}: ${why} at ${formatSopsPath(path.slice(0, upTo + 1))}`, {
    path: [...path],
  });
}

/** The sops command-line form of a path: `["data"]["password"]`, `["list"][0]`. */
export function formatSopsPath(path: SopsPath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `[${JSON.stringify(p)}]`)).join('');
}

/** Parses the sops command-line form `["a"][0]["b"]` (JSON strings and integers in brackets). */
export function parseSopsPath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  const re = /\[\s*(?:("(?:[^"\\]|\\.)*")|'((?:[^'\\]|\\.)*)'|(\d+))\s*\]/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new SopsError('SOPS_PATH_NOT_FOUND', `invalid path ${JSON.stringify(text)}: use the form ["key"][0]["other"]`);
    if (m[1] !== undefined) path.push(JSON.parse(m[1]) as string);
    else if (m[2] !== undefined) path.push(m[2].replace(/\\(.)/g, '$1'));
    else path.push(Number(m[3]));
    pos = re.lastIndex;
  }
  if (path.length === 0) throw new SopsError('SOPS_PATH_NOT_FOUND', 'the path is empty');
  return path;
}

/** The value at a path, or undefined. */
export function getAtPath(doc: TreeBranch, path: SopsPath): TreeValue | undefined {
  let current: TreeValue = doc;
  for (const step of path) {
    if (typeof step === 'string' && isBranch(current)) {
      const entry: TreeItem | undefined = current.entries.find((e): e is TreeItem => e.kind === 'item' && e.key === step);
      if (!entry) return undefined;
      current = entry.value;
    } else if (typeof step === 'number' && isList(current)) {
      const values = current.entries.filter((e) => !isComment(e)) as TreeValue[];
      if (step >= values.length) return undefined;
      current = values[step]!;
    } else return undefined;
  }
  return current;
}

/** A value to put where a path does not exist yet. */
function fresh(rest: SopsPath, value: TreeValue): TreeValue {
  if (rest.length === 0) return value;
  const [head, ...tail] = rest;
  return typeof head === 'number' ? list([fresh(tail, value)]) : branch([item(head!, fresh(tail, value))]);
}

function setIn(current: TreeValue, path: SopsPath, depth: number, value: TreeValue): TreeValue {
  if (depth === path.length) return value;
  const step = path[depth]!;
  if (typeof step === 'string') {
    if (!isBranch(current)) return notFound(path, depth, 'not a mapping');
    let found = false;
    const entries = current.entries.map((e) => {
      if (found || e.kind !== 'item' || e.key !== step) return e;
      found = true;
      return item(e.key, setIn(e.value, path, depth + 1, value));
    });
    if (!found) entries.push(item(step, fresh(path.slice(depth + 1), value)));
    return branch(entries);
  }
  if (!isList(current)) return notFound(path, depth, 'not a list');
  let index = -1;
  let done = false;
  const entries: ListEntry[] = current.entries.map((e) => {
    if (isComment(e)) return e;
    index++;
    if (index !== step) return e;
    done = true;
    return setIn(e, path, depth + 1, value);
  });
  if (!done) {
    if (step !== index + 1) return notFound(path, depth, `index ${step} is past the end of the list`);
    entries.push(fresh(path.slice(depth + 1), value));
  }
  return list(entries);
}

/** A copy of the document with `value` at `path` (created when missing, as `sops set` does). */
export function setAtPath(doc: TreeBranch, path: SopsPath, value: TreeValue): TreeBranch {
  if (path.length === 0) throw new SopsError('SOPS_PATH_NOT_FOUND', 'the path is empty');
  return setIn(doc, path, 0, value) as TreeBranch;
}

function unsetIn(current: TreeValue, path: SopsPath, depth: number): TreeValue {
  const step = path[depth]!;
  const last = depth === path.length - 1;
  if (typeof step === 'string') {
    if (!isBranch(current)) return notFound(path, depth, 'not a mapping');
    const index = current.entries.findIndex((e) => e.kind === 'item' && e.key === step);
    if (index < 0) return notFound(path, depth, 'no such key');
    const entry = current.entries[index] as TreeItem;
    const entries = [...current.entries];
    if (last) entries.splice(index, 1);
    else entries[index] = item(entry.key, unsetIn(entry.value, path, depth + 1));
    return branch(entries);
  }
  if (!isList(current)) return notFound(path, depth, 'not a list');
  let index = -1;
  let position = -1;
  current.entries.forEach((e, i) => {
    if (isComment(e)) return;
    index++;
    if (index === step) position = i;
  });
  if (position < 0) return notFound(path, depth, `no index ${step}`);
  const entries = [...current.entries];
  if (last) entries.splice(position, 1);
  else entries[position] = unsetIn(entries[position] as TreeValue, path, depth + 1);
  return list(entries);
}

/** A copy of the document without the value at `path`. Throws SOPS_PATH_NOT_FOUND when it is absent. */
export function unsetAtPath(doc: TreeBranch, path: SopsPath): TreeBranch {
  if (path.length === 0) throw new SopsError('SOPS_PATH_NOT_FOUND', 'the path is empty');
  return unsetIn(doc, path, 0) as TreeBranch;
}
