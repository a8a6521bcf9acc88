/**
 * YAML text → trees, with yaml.v3's typing of scalars, comments kept as
 * entries (in the collection whose SOPS path they share), aliases expanded
 * and `<<` kept as an ordinary key, as sops does.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { SopsError } from '../errors.js';
import { resolvePlainScalar, resolveTaggedScalar } from '../format/yaml-resolve.js';
import { branch, comment, item, list } from '../tree/tree.js';
import type { BranchEntry, ListEntry, SopsComment, TreeBranch, TreeList, TreeScalar, TreeValue } from '../tree/tree.js';

/** Most nodes an alias expansion may produce, against alias bombs. */
const MAX_EXPANDED_NODES = 1_000_000;

function commentLines(text: string | null | undefined, inline = false): SopsComment[] {
  if (!text) return [];
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => comment(line, inline));
}

class YamlToTree {
  private nodes = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  private fail(message: string, node?: Node | null): never {
    const at = node?.range ? this.lines.linePos(node.range[0]) : undefined;
    const where = at ? `${this.file}:${at.line}:${at.col}` : this.file;
    throw new SopsError('SOPS_FILE_MALFORMED', `${where}: ${message}`, { file: this.file, line: at?.line });
  }

  private count(node: Node | null): void {
    this.nodes++;
    if (this.nodes > MAX_EXPANDED_NODES) this.fail('too many nodes after alias expansion', node);
  }

  private deref(node: Node | null, seen: Set<Node> = new Set()): Node | null {
    if (node && isAlias(node)) {
      if (seen.has(node)) this.fail('alias refers to itself', node);
      seen.add(node);
      const target = node.resolve(this.doc) as Node | undefined;
      if (!target) this.fail(`unknown alias *${node.source}`, node);
      return this.deref(target, seen);
    }
    return node;
  }

  scalar(node: Scalar): TreeScalar {
    const source = node.source ?? (node.value === null || node.value === undefined ? '' : String(node.value));
    if (node.tag) {
      const value = resolveTaggedScalar(node.tag, source);
      if (value === undefined) this.fail(`cannot read the scalar as ${node.tag}`, node);
      return value;
    }
    if (node.type === 'PLAIN' || node.type === undefined) return resolvePlainScalar(source);
    return source;
  }

  key(node: Node | null): string {
    const target = this.deref(node);
    if (target === null) return '';
    if (!isScalar(target)) this.fail('mapping keys must be scalars', target);
    return target.source ?? String(target.value ?? '');
  }

  value(node: Node | null): TreeValue {
    this.count(node);
    const target = this.deref(node);
    if (target === null) return null;
    if (isMap(target)) return this.map(target as YAMLMap<Node, Node>);
    if (isSeq(target)) return this.seq(target as YAMLSeq<Node>);
    if (isScalar(target)) return this.scalar(target);
    return this.fail('unsupported YAML node', target);
  }

  map(node: YAMLMap<Node, Node>): TreeBranch {
    const entries: BranchEntry[] = [...commentLines(node.commentBefore)];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      entries.push(...commentLines(keyNode?.commentBefore), ...commentLines(keyNode?.comment));
      const scalarValue = valueNode !== null && !isMap(valueNode) && !isSeq(valueNode);
      if (scalarValue) entries.push(...commentLines(valueNode.commentBefore));
      entries.push(item(this.key(keyNode), this.value(valueNode)));
      if (scalarValue) entries.push(...commentLines(valueNode.comment, true));
    }
    entries.push(...commentLines(node.comment));
    return branch(entries);
  }

  seq(node: YAMLSeq<Node>): TreeList {
    const entries: ListEntry[] = [...commentLines(node.commentBefore)];
    for (const child of node.items) {
      const scalarValue = child !== null && !isMap(child) && !isSeq(child);
      if (scalarValue) entries.push(...commentLines(child.commentBefore));
      entries.push(this.value(child));
      if (scalarValue) entries.push(...commentLines(child.comment, true));
    }
    entries.push(...commentLines(node.comment));
    return list(entries);
  }

  document(): TreeBranch {
    const contents = this.doc.contents as Node | null;
    const leading = commentLines(this.doc.commentBefore);
    const trailing = commentLines(this.doc.comment);
    if (contents === null || (isScalar(contents) && contents.value === null && !contents.tag)) {
      return branch([...leading, ...commentLines(contents?.commentBefore), ...trailing]);
    }
    const value = this.value(contents);
    if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'branch') {
      return this.fail('YAML documents that are sequences or single values are not supported', contents);
    }
    return branch([...leading, ...value.entries, ...trailing]);
  }
}

/** Every document of a YAML text as a tree branch. Throws SOPS_FILE_MALFORMED on bad input. */
export function parseYamlDocuments(text: string, file = '<yaml>'): TreeBranch[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { merge: false, uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const error = doc.errors[0];
    if (error) {
      const at = lines.linePos(error.pos[0]);
      // Without the token the parser quotes: it may be a secret value.
      const message = error.message.split('\n')[0]!.replace(/"(?:[^"\\]|\\.)*"/g, '(…)');
      throw new SopsError('SOPS_FILE_MALFORMED', `${file}:${at.line}:${at.col}: ${message}`, {
        file,
        line: at.line,
      });
    }
    return new YamlToTree(doc, lines, file).document();
  });
}
