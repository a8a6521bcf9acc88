/**
 * The flat form of the metadata in dotenv files: nested names joined with
 * `__map_<key>` and `__list_<index>` (sops `stores/flatten.go`), sorted.
 */
import { branch, isBranch, isComment, isList, item, list } from '../tree/tree.js';
import type { TreeBranch, TreeValue } from '../tree/tree.js';

const MAP = '__map_';
const LIST = '__list_';

function flattenInto(out: [string, string][], name: string, value: TreeValue): void {
  if (value === null) return;
  if (isBranch(value)) {
    for (const e of value.entries) if (e.kind === 'item') flattenInto(out, `${name}${MAP}${e.key}`, e.value);
    return;
  }
  if (isList(value)) {
    value.entries.filter((e) => !isComment(e)).forEach((e, i) => flattenInto(out, `${name}${LIST}${i}`, e as TreeValue));
    return;
  }
  if (typeof value === 'object' && !(value instanceof Uint8Array)) out.push([name, value.text]);
  else out.push([name, typeof value === 'string' ? value : String(value)]);
}

/** `[name, value]` pairs for a metadata tree, sorted by name. */
export function flattenMetadata(metadata: TreeBranch): [string, string][] {
  const out: [string, string][] = [];
  for (const e of metadata.entries) if (e.kind === 'item') flattenInto(out, e.key, e.value);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

type Token = { readonly map: string } | { readonly index: number };

function tokenize(name: string): Token[] {
  const tokens: Token[] = [];
  const re = /__(map|list)_/g;
  let last = 0;
  let kind: 'map' | 'list' = 'map';
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const part = name.slice(last, m.index);
    tokens.push(kind === 'map' ? { map: part } : { index: Number(part) });
    kind = m[1] as 'map' | 'list';
    last = m.index + m[0].length;
  }
  const part = name.slice(last);
  tokens.push(kind === 'map' ? { map: part } : { index: Number(part) });
  return tokens;
}

type Nested = string | Map<string, Nested> | Nested[];

function toTree(value: Nested): TreeValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return list(Array.from(value, (v) => (v === undefined ? null : toTree(v))));
  return branch([...value].map(([k, v]) => item(k, toTree(v))));
}

/** The metadata tree from flattened `[name, value]` pairs (names without the `sops_` prefix). */
export function unflattenMetadata(pairs: readonly (readonly [string, string])[]): TreeBranch {
  const root = new Map<string, Nested>();
  for (const [name, value] of pairs) {
    const tokens = tokenize(name);
    let current: Map<string, Nested> | Nested[] = root;
    tokens.forEach((token, i) => {
      const last = i === tokens.length - 1;
      const next = tokens[i + 1];
      const make = (): Nested => (next !== undefined && 'index' in next ? [] : new Map());
      if (current instanceof Map) {
        const key = 'map' in token ? token.map : String(token.index);
        if (last) current.set(key, value);
        else {
          if (typeof current.get(key) !== 'object') current.set(key, make());
          current = current.get(key) as Map<string, Nested> | Nested[];
        }
      } else {
        const index = 'index' in token ? token.index : Number(token.map);
        if (last) current[index] = value;
        else {
          if (typeof current[index] !== 'object') current[index] = make();
          current = current[index] as Map<string, Nested> | Nested[];
        }
      }
    });
  }
  return toTree(root) as TreeBranch;
}
