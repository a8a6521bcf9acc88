/**
 * Generated sections between `<!-- kustodian:begin <name> -->` and
 * `<!-- kustodian:end <name> -->`. Everything outside the markers belongs
 * to the user and is kept byte for byte.
 */
import { GENERATED_SECTION_MARKER } from '@kustodian/manifest-model';

/** One part of a new file: text that becomes the user's, or a generated section. */
export type PageBlock = { readonly type: 'text'; readonly text: string } | { readonly type: 'section'; readonly name: string; readonly content: string };

/** A file made of generated sections, with the skeleton it gets when it does not exist yet. */
export interface MarkedPage {
  /** Relative to the repository root. */
  readonly path: string;
  /** In order: the skeleton of a new file; the sections are what gets regenerated. */
  readonly blocks: readonly PageBlock[];
}

/** A marker problem in an existing file: the file is left alone. */
export interface MarkerProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Text that every file with generated sections holds. */
export const GENERATED_MARK = '<!-- kustodian:begin ';

// The marker format is the model's (it leaves these sections out when it reads the repository's docs).
const MARKER = GENERATED_SECTION_MARKER;
const MARKER_LIKE = /<!--\s*kustodian:(begin|end)\b/;

export function beginMarker(name: string): string {
  return `<!-- kustodian:begin ${name} -->`;
}

export function endMarker(name: string): string {
  return `<!-- kustodian:end ${name} -->`;
}

/** What goes between the two marker lines (each line ends with a newline). */
function inner(content: string): string {
  const body = content.replace(/\n+$/, '');
  return body === '' ? '' : `\n${body}\n\n`;
}

/** A section with its markers, without a final newline. */
export function renderSection(name: string, content: string): string {
  return `${beginMarker(name)}\n${inner(content)}${endMarker(name)}`;
}

/** The text of a file that does not exist yet. */
export function renderNewPage(page: MarkedPage): string {
  const parts = page.blocks.map((b) => (b.type === 'text' ? b.text.replace(/\n+$/, '') : renderSection(b.name, b.content)));
  return `${parts.join('\n\n')}\n`;
}

interface SectionSpan {
  readonly name: string;
  /** Offset just after the begin marker's line. */
  readonly innerStart: number;
  /** Offset of the end marker's line. */
  readonly innerEnd: number;
}

/** The sections of an existing file, or the problems that make it unsafe to touch. */
export function findSections(text: string, file: string): { readonly sections: readonly SectionSpan[]; readonly problems: readonly MarkerProblem[] } {
  const sections: SectionSpan[] = [];
  const problems: MarkerProblem[] = [];
  const seen = new Set<string>();
  let open: { name: string; line: number; innerStart: number } | undefined;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    const line = index + 1;
    const lineStart = offset;
    offset += lineText.length + (index < lines.length - 1 ? 1 : 0);
    const match = MARKER.exec(lineText);
    if (!match) {
      if (MARKER_LIKE.test(lineText)) problems.push({ file, line, message: 'a kustodian marker must be alone on its line, as `<!-- kustodian:begin NAME -->`' });
      return;
    }
    const [, kind, name] = match as unknown as [string, 'begin' | 'end', string];
    if (kind === 'begin') {
      // One problem per broken marker: a begin inside an open section means that
      // section's end is missing; report it once and go on from the new begin.
      if (open) problems.push({ file, line: open.line, message: `section ${open.name} has no end marker before section ${name} begins at line ${line}` });
      if (seen.has(name)) problems.push({ file, line, message: `section ${name} appears twice` });
      open = { name, line, innerStart: lineStart + lineText.length + 1 };
      seen.add(name);
      return;
    }
    if (!open || open.name !== name) {
      // An end without its begin: reported, and the open section (if any) stays open.
      problems.push({ file, line, message: `end of section ${name} without its begin marker` });
      return;
    }
    sections.push({ name, innerStart: Math.min(open.innerStart, lineStart), innerEnd: lineStart });
    open = undefined;
  });
  if (open) problems.push({ file, line: open.line, message: `section ${open.name} has no end marker` });
  return { sections, problems };
}

/**
 * The file's text with every generated section replaced by its new content.
 * Sections the file lacks are appended; sections the generator no longer
 * writes are emptied. Bytes outside the markers do not change.
 */
export function mergePage(page: MarkedPage, existing: string | undefined): { readonly content: string; readonly problems: readonly MarkerProblem[] } {
  if (existing === undefined) return { content: renderNewPage(page), problems: [] };
  const { sections, problems } = findSections(existing, page.path);
  if (problems.length > 0) return { content: existing, problems };
  const generated = new Map(page.blocks.flatMap((b) => (b.type === 'section' ? [[b.name, b.content] as const] : [])));
  let out = '';
  let cursor = 0;
  for (const span of sections) {
    out += existing.slice(cursor, span.innerStart) + inner(generated.get(span.name) ?? '');
    cursor = span.innerEnd;
  }
  out += existing.slice(cursor);
  const present = new Set(sections.map((s) => s.name));
  const missing = page.blocks.filter((b): b is Extract<PageBlock, { type: 'section' }> => b.type === 'section' && !present.has(b.name));
  if (missing.length > 0) {
    const separator = out === '' ? '' : out.endsWith('\n\n') ? '' : out.endsWith('\n') ? '\n' : '\n\n';
    out += `${separator}${missing.map((b) => renderSection(b.name, b.content)).join('\n\n')}\n`;
  }
  return { content: out, problems: [] };
}
