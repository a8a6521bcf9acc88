import { locateResourceField, metadataOf, resourceKey } from '@kustodian/manifest-model';
import type { RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';
import type { Finding, FindingResource } from './finding.js';
import { findingResourceKey, toFindingResource } from './finding.js';

/** The annotation that suppresses findings on a resource. */
export const IGNORE_ANNOTATION = 'kustodian.io/ignore';

/** The word that starts a suppression comment. */
export const IGNORE_COMMENT = 'kustodian-ignore';

interface LineRange {
  readonly file: string;
  readonly from: number;
  readonly to: number;
}

/** A suppression written in the repository. */
export interface Suppression {
  readonly kind: 'annotation' | 'comment';
  /** The rule it names; '' when it names none (malformed). */
  readonly ruleId: string;
  /** '' when missing. */
  readonly reason: string;
  /** The suppression as written, for messages. */
  readonly text: string;
  /** Where it is written. */
  readonly location: SourceLocation;
  /** The annotated resource, for annotations. */
  readonly resource: FindingResource | null;
  /** Resource keys an annotation covers (one resource may be built several ways). */
  readonly resourceKeys: ReadonlySet<string>;
  /** Lines covered: a comment's own line up to the next line of content; an annotated resource's document. */
  readonly lines: readonly LineRange[];
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Split a `rule-id: reason` entry. */
function parseEntry(entry: string): { ruleId: string; reason: string } {
  const colon = entry.indexOf(':');
  const id = (colon < 0 ? entry : entry.slice(0, colon)).trim();
  const reason = colon < 0 ? '' : entry.slice(colon + 1).trim();
  return RULE_ID.test(id) ? { ruleId: id, reason } : { ruleId: '', reason };
}

/** Entries of a `kustodian.io/ignore` annotation value: `rule: reason`, separated by `;` or newlines. */
export function parseIgnoreAnnotation(value: string): { ruleId: string; reason: string; text: string }[] {
  return value
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map((text) => ({ ...parseEntry(text), text }));
}

type CommentSyntax = 'hash' | 'markdown';

const HASH_COMMENT = /(^|\s)#\s*kustodian-ignore\b(.*)$/;
const MARKDOWN_COMMENT = /<!--\s*kustodian-ignore\b(.*?)-->/;

function isFiller(line: string, syntax: CommentSyntax): boolean {
  return syntax === 'hash' ? /^\s*(#.*)?$/.test(line) : /^\s*(<!--.*-->\s*)?$/.test(line);
}

/**
 * Suppression comments of one file: `# kustodian-ignore <rule-id>: <reason>`
 * (YAML, shell) or `<!-- kustodian-ignore <rule-id>: <reason> -->` (Markdown).
 * A comment after content covers its line; a comment on a line of its own
 * covers itself and the lines down to the next line of content.
 */
export function findCommentSuppressions(file: string, text: string, syntax: CommentSyntax): Suppression[] {
  if (!text.includes(IGNORE_COMMENT)) return [];
  const lines = text.split(/\r?\n/);
  const out: Suppression[] = [];
  lines.forEach((line, i) => {
    const m = syntax === 'hash' ? HASH_COMMENT.exec(line) : MARKDOWN_COMMENT.exec(line);
    if (!m) return;
    const body = (syntax === 'hash' ? m[2]! : m[1]!).trim();
    const column = (m.index ?? 0) + (syntax === 'hash' ? m[1]!.length : 0) + 1;
    const before = line.slice(0, column - 1);
    let to = i + 1;
    if (before.trim() === '') {
      // On a line of its own: down to the next line of content.
      let next = i + 1;
      while (next < lines.length && isFiller(lines[next]!, syntax)) next++;
      to = Math.min(next + 1, lines.length);
    }
    const { ruleId, reason } = parseEntry(body);
    out.push({
      kind: 'comment',
      ruleId,
      reason,
      text: `${IGNORE_COMMENT} ${body}`.trim(),
      location: { file, line: i + 1, column },
      resource: null,
      resourceKeys: new Set(),
      lines: [{ file, from: i + 1, to }],
    });
  });
  return out;
}

function documentLines(resource: Resource): LineRange | undefined {
  if (resource.origin.type !== 'document') return undefined;
  const doc = resource.origin.document;
  const range = doc.document.range;
  return { file: doc.file, from: doc.lines.position(range[0]).line, to: doc.lines.position(Math.max(range[0], range[2] - 1)).line };
}

function annotationSuppressions(model: RepositoryModel): Suppression[] {
  const byPlace = new Map<string, { s: Suppression; keys: Set<string>; lines: LineRange[] }>();
  for (const resource of model.resources) {
    const annotations = metadataOf(resource.body)['annotations'];
    if (!annotations || typeof annotations !== 'object') continue;
    const value = (annotations as Record<string, unknown>)[IGNORE_ANNOTATION];
    if (typeof value !== 'string') continue;
    const location = locateResourceField(resource, ['metadata', 'annotations', IGNORE_ANNOTATION]);
    const lines = documentLines(resource);
    for (const entry of parseIgnoreAnnotation(value)) {
      const place = `${location.file}:${location.line}:${location.column}|${entry.text}`;
      let group = byPlace.get(place);
      if (!group) {
        const keys = new Set<string>();
        const ranges: LineRange[] = [];
        group = {
          keys,
          lines: ranges,
          s: { kind: 'annotation', ruleId: entry.ruleId, reason: entry.reason, text: entry.text, location, resource: toFindingResource(resource), resourceKeys: keys, lines: ranges },
        };
        byPlace.set(place, group);
      }
      group.keys.add(resourceKey(resource.id));
      if (lines && !group.lines.some((l) => l.file === lines.file && l.from === lines.from)) group.lines.push(lines);
    }
  }
  return [...byPlace.values()].map((g) => g.s);
}

function decode(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes || bytes.length > 8 * 1024 * 1024) return undefined;
  for (let i = 0; i < Math.min(bytes.length, 8192); i++) if (bytes[i] === 0) return undefined;
  return new TextDecoder('utf-8').decode(bytes);
}

/** Every suppression of the repository: resource annotations, then comments in YAML, shell and Markdown files. */
export function collectSuppressions(model: RepositoryModel): Suppression[] {
  const out = annotationSuppressions(model);
  for (const file of model.files) {
    let syntax: CommentSyntax;
    let text: string | undefined;
    switch (file.role) {
      case 'manifest':
      case 'kustomization':
      case 'helm-chart':
        syntax = 'hash';
        text = model.store.text(file.path);
        break;
      case 'shell':
        syntax = 'hash';
        text = decode(model.fs.readFile(file.path));
        break;
      case 'markdown':
        syntax = 'markdown';
        text = decode(model.fs.readFile(file.path));
        break;
      default:
        continue;
    }
    if (text !== undefined) out.push(...findCommentSuppressions(file.path, text, syntax));
  }
  return out;
}

/** Whether a suppression (of the finding's rule) covers a finding. */
export function covers(suppression: Suppression, finding: Finding): boolean {
  if (suppression.ruleId !== finding.ruleId) return false;
  const key = findingResourceKey(finding.resource);
  if (suppression.kind === 'annotation' && key !== null) return suppression.resourceKeys.has(key);
  const { file, line } = finding.location;
  return suppression.lines.some((r) => r.file === file && line >= r.from && line <= r.to);
}
