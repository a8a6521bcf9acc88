/**
 * The sops tree walk (sops.go `walkBranch`/`walkSlice`): every scalar leaf
 * and every comment, in document order, with its key path and the comments
 * seen before it. Returns a new tree with each leaf replaced.
 */
import type { CommentStack } from '../format/should-encrypt.js';
import { branch, comment, isBranch, isComment, isList, item, list } from './tree.js';
import type { BranchEntry, Leaf, ListEntry, SopsComment, TreeBranch, TreeList, TreeValue } from './tree.js';

export interface LeafContext {
  /** Map keys from the root; list indices are not part of it (this is what SOPS authenticates). */
  readonly path: readonly string[];
  /** The same position with list indices, for messages. */
  readonly display: readonly (string | number)[];
  readonly comments: CommentStack;
  readonly isComment: boolean;
}

/** Returns the new leaf; a string returned for a comment becomes that comment's text. */
export type LeafVisitor = (leaf: Leaf, context: LeafContext) => Leaf | string;

class Walker {
  constructor(private readonly visit: LeafVisitor) {}

  private commentEntry(c: SopsComment, path: readonly string[], display: readonly (string | number)[], stack: string[][]): SopsComment {
    stack[stack.length - 1]!.push(c.text);
    const result = this.visit(c, { path, display, comments: stack.map((l) => [...l]), isComment: true });
    if (typeof result === 'string') return comment(result, c.inline ?? false);
    if (isComment(result)) return c.inline ? comment(result.text, true) : result;
    return comment(String(result), c.inline ?? false);
  }

  private value(v: TreeValue, path: readonly string[], display: readonly (string | number)[], stack: string[][]): TreeValue {
    if (v === null) return null;
    if (isBranch(v)) return this.branch(v, path, display, stack);
    if (isList(v)) return this.list(v, path, display, stack);
    const result = this.visit(v, { path, display, comments: stack.map((l) => [...l]), isComment: false });
    return isComment(result) ? result.text : result;
  }

  branch(b: TreeBranch, path: readonly string[], display: readonly (string | number)[], outer: string[][]): TreeBranch {
    const stack = [...outer.map((l) => [...l]), []];
    const entries: BranchEntry[] = b.entries.map((entry) => {
      if (entry.kind === 'comment') return this.commentEntry(entry, path, display, stack);
      const next = item(entry.key, this.value(entry.value, [...path, entry.key], [...display, entry.key], stack));
      stack[stack.length - 1] = [];
      return next;
    });
    return branch(entries);
  }

  list(l: TreeList, path: readonly string[], display: readonly (string | number)[], outer: string[][]): TreeList {
    const stack = [...outer.map((x) => [...x]), []];
    let index = 0;
    const entries: ListEntry[] = l.entries.map((entry) => {
      if (isComment(entry)) return this.commentEntry(entry, path, display, stack);
      const next = this.value(entry, path, [...display, index++], stack);
      stack[stack.length - 1] = [];
      return next;
    });
    return list(entries);
  }
}

/** A copy of the documents with every leaf (and comment) passed through `visit`, in document order. */
export function mapLeaves(documents: readonly TreeBranch[], visit: LeafVisitor): TreeBranch[] {
  const walker = new Walker(visit);
  return documents.map((doc) => walker.branch(doc, [], [], []));
}

/** `a.b[0].c` for messages. */
export function formatDisplayPath(display: readonly (string | number)[]): string {
  return display
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('') || '(root)';
}
