/**
 * The ordered, store-independent document model SOPS works on (sops.go
 * `TreeBranch`): one branch per YAML document, items in document order,
 * comments as entries of their own. Integers are `bigint` (Go `int`), floats
 * are `number` (Go `float64`), so that `1` and `1.0` stay distinct.
 */

/** A comment line, without its leading `#`. `inline` when it sat after a value on the same line. */
export interface SopsComment {
  readonly kind: 'comment';
  readonly text: string;
  readonly inline?: boolean;
}

/** A YAML timestamp, kept as the text Go's `time.Time.MarshalText` produces (RFC 3339, nanoseconds trimmed). */
export interface SopsTime {
  readonly kind: 'time';
  readonly text: string;
}

export type TreeScalar = string | bigint | number | boolean | null | SopsTime | Uint8Array;

export interface TreeItem {
  readonly kind: 'item';
  readonly key: string;
  readonly value: TreeValue;
}

export type BranchEntry = TreeItem | SopsComment;
export type ListEntry = TreeValue | SopsComment;

export interface TreeBranch {
  readonly kind: 'branch';
  readonly entries: readonly BranchEntry[];
}

export interface TreeList {
  readonly kind: 'list';
  readonly entries: readonly ListEntry[];
}

export type TreeValue = TreeScalar | TreeBranch | TreeList;

/** What SOPS encrypts and hashes: a scalar other than null, or a comment. */
export type Leaf = Exclude<TreeScalar, null> | SopsComment;

export function branch(entries: readonly BranchEntry[] = []): TreeBranch {
  return { kind: 'branch', entries };
}

export function list(entries: readonly ListEntry[] = []): TreeList {
  return { kind: 'list', entries };
}

export function item(key: string, value: TreeValue): TreeItem {
  return { kind: 'item', key, value };
}

export function comment(text: string, inline = false): SopsComment {
  return inline ? { kind: 'comment', text, inline } : { kind: 'comment', text };
}

export function sopsTime(text: string): SopsTime {
  return { kind: 'time', text };
}

function kindOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return undefined;
  return (value as { kind?: string }).kind;
}

export function isBranch(value: unknown): value is TreeBranch {
  return kindOf(value) === 'branch';
}

export function isList(value: unknown): value is TreeList {
  return kindOf(value) === 'list';
}

export function isComment(value: unknown): value is SopsComment {
  return kindOf(value) === 'comment';
}

export function isTime(value: unknown): value is SopsTime {
  return kindOf(value) === 'time';
}

export function isItem(entry: BranchEntry): entry is TreeItem {
  return entry.kind === 'item';
}

/** The items (not comments) of a branch. */
export function itemsOf(b: TreeBranch): TreeItem[] {
  return b.entries.filter(isItem);
}

/** The value under `key` in a branch, or undefined. */
export function lookup(b: TreeBranch, key: string): TreeValue | undefined {
  for (const entry of b.entries) if (entry.kind === 'item' && entry.key === key) return entry.value;
  return undefined;
}
