import type { RepositoryModel } from '@kustodian/manifest-model';
import type { MarkdownContent } from './markdown-code.js';
import { isShellBlock, parseMarkdown, shellTextOf } from './markdown-code.js';
import type { ShellScript } from './shell-lines.js';
import { parseShellScript } from './shell-lines.js';

/** Where a piece of shell comes from. */
export type ShellSourceKind = 'script' | 'code-block' | 'inline-code';

/** Shell text of the repository, read into commands. */
export interface ShellSource {
  /** Repository-relative path of the file. */
  readonly file: string;
  readonly kind: ShellSourceKind;
  readonly script: ShellScript;
}

/** A Markdown file of the repository, read. */
export interface MarkdownSource {
  readonly file: string;
  readonly content: MarkdownContent;
}

/**
 * Markdown files of the repository, read. Files inside a Helm chart folder are
 * left out: a vendored chart's README describes the chart's own defaults, not
 * this cluster.
 */
export function repositoryMarkdown(model: RepositoryModel): MarkdownSource[] {
  const out: MarkdownSource[] = [];
  for (const file of model.files) {
    if (file.role !== 'markdown' || file.chartRoot !== undefined) continue;
    const text = model.store.text(file.path);
    if (text !== undefined) out.push({ file: file.path, content: parseMarkdown(text) });
  }
  return out;
}

/**
 * The shell of the repository, per file in path order: each shell script
 * whole, and each Markdown file's shell code blocks (sh, bash, console, no
 * language …) and, with `inlineCode`, its inline code spans, in document
 * order. Line numbers are the file's.
 */
export function repositoryShell(model: RepositoryModel, options: { readonly inlineCode?: boolean } = {}): ShellSource[][] {
  const out: ShellSource[][] = [];
  for (const file of model.files) {
    if (file.role !== 'shell' || file.chartRoot !== undefined) continue;
    const text = model.store.text(file.path);
    if (text !== undefined) out.push([{ file: file.path, kind: 'script', script: parseShellScript(text) }]);
  }
  for (const { file, content } of repositoryMarkdown(model)) {
    const parts: { line: number; source: ShellSource }[] = content.codeBlocks
      .filter(isShellBlock)
      .map((b) => ({ line: b.firstLine, source: { file, kind: 'code-block' as const, script: parseShellScript(shellTextOf(b), { firstLine: b.firstLine }) } }));
    if (options.inlineCode) {
      for (const c of content.inlineCode) parts.push({ line: c.line, source: { file, kind: 'inline-code', script: parseShellScript(c.text, { firstLine: c.line, firstColumn: c.column + 1 }) } });
    }
    if (parts.length > 0) out.push(parts.sort((a, b) => a.line - b.line).map((p) => p.source));
  }
  return out.sort((a, b) => (a[0]!.file < b[0]!.file ? -1 : a[0]!.file > b[0]!.file ? 1 : 0));
}
