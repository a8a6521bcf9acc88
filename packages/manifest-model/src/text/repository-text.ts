import { withoutGeneratedSections } from './generated-sections.js';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import type { KubeCommand } from './kubectl-commands.js';
import { findKubeCommands } from './kubectl-commands.js';
import type { MarkdownContent } from './markdown-code.js';
import { isShellBlock, parseMarkdown, shellTextOf } from './markdown-code.js';
import type { ShellScript } from './shell-lines.js';
import { parseShellScript } from './shell-lines.js';
import { recipeFileKind, recipeShell } from './recipe-shell.js';

/** Where a piece of shell comes from. */
export type ShellSourceKind = 'script' | 'code-block' | 'inline-code' | 'recipe';

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

/** The kubectl, flux and helm commands of one file's shell. */
export interface FileKubeCommands {
  readonly file: string;
  readonly commands: readonly KubeCommand[];
}

/** A piece of a Markdown file's shell, with the line it starts on (to keep document order). */
interface LinedSource {
  readonly line: number;
  readonly source: ShellSource;
}

export interface ShellOptions {
  /** Also the inline code spans of Markdown files (`kubectl create secret …` in prose). */
  readonly inlineCode?: boolean;
}

/**
 * The shell scripts and Markdown files of a repository, each read once: a
 * Markdown file into its code blocks, inline code and prose; shell (scripts,
 * the shell code blocks of Markdown and, when asked, its inline code) into
 * commands; and those into the kubectl, flux and helm commands they run.
 * Files inside a Helm chart folder are left out: a vendored chart's scripts
 * and README describe the chart, not this cluster.
 */
export class RepositoryText {
  private markdownCache: readonly MarkdownSource[] | undefined;
  private readonly scriptCache = new Map<string, ShellScript>();
  private readonly recipeCache = new Map<string, readonly ShellSource[]>();
  private blockCache: readonly (readonly LinedSource[])[] | undefined;
  private inlineCache: readonly (readonly LinedSource[])[] | undefined;
  private readonly shellCache = new Map<boolean, readonly (readonly ShellSource[])[]>();
  private readonly commandCache = new Map<boolean, readonly FileKubeCommands[]>();

  constructor(
    private readonly files: readonly RepositoryFile[],
    private readonly store: DocumentStore,
  ) {}

  /** Markdown files of the repository, read, in path order. */
  markdown(): readonly MarkdownSource[] {
    this.markdownCache ??= this.files.flatMap((file) => {
      if (file.role !== 'markdown' || file.chartRoot !== undefined) return [];
      const text = this.markdownText(file.path);
      return text === undefined ? [] : [{ file: file.path, content: parseMarkdown(text) }];
    });
    return this.markdownCache;
  }

  /** The text of every shell script and Markdown file, in path order (prose and code alike). */
  fileTexts(): readonly string[] {
    return this.files.flatMap((file) => {
      if ((file.role !== 'shell' && file.role !== 'markdown') || file.chartRoot !== undefined) return [];
      const text = file.role === 'markdown' ? this.markdownText(file.path) : this.store.text(file.path);
      return text === undefined ? [] : [text];
    });
  }

  /** A Markdown file as the user wrote it: kustodian-docs' generated sections blanked (generated-sections.ts). */
  private markdownText(path: string): string | undefined {
    const text = this.store.text(path);
    return text === undefined ? undefined : withoutGeneratedSections(text);
  }

  /** A shell script of the repository, read whole; undefined when it is not one or cannot be read. */
  script(path: string): ShellScript | undefined {
    const cached = this.scriptCache.get(path);
    if (cached) return cached;
    const text = this.store.text(path);
    if (text === undefined) return undefined;
    const script = parseShellScript(text);
    this.scriptCache.set(path, script);
    return script;
  }

  /**
   * The shell of the repository, per file in path order: each shell script
   * whole, the commands of Taskfiles, justfiles, Makefiles, helmfile hooks
   * and shell templates (`*.sh.j2`), and each Markdown file's shell code blocks (sh, bash, console, no
   * language …) and, with `inlineCode`, its inline code spans, in document
   * order. Line numbers are the file's.
   */
  shell(options: ShellOptions = {}): readonly (readonly ShellSource[])[] {
    const inline = options.inlineCode === true;
    const cached = this.shellCache.get(inline);
    if (cached) return cached;
    const out: ShellSource[][] = [];
    for (const file of this.files) {
      if (file.chartRoot !== undefined) continue;
      if (file.role === 'shell') {
        const script = this.script(file.path);
        if (script) out.push([{ file: file.path, kind: 'script', script }]);
        continue;
      }
      const recipes = this.recipes(file);
      if (recipes.length > 0) out.push([...recipes]);
    }
    const inlineParts = inline ? this.markdownInlineCode() : undefined;
    this.markdownCodeBlocks().forEach((blocks, i) => {
      const parts = inlineParts ? [...blocks, ...inlineParts[i]!].sort((a, b) => a.line - b.line) : blocks;
      if (parts.length > 0) out.push(parts.map((p) => p.source));
    });
    out.sort((a, b) => (a[0]!.file < b[0]!.file ? -1 : a[0]!.file > b[0]!.file ? 1 : 0));
    this.shellCache.set(inline, out);
    return out;
  }

  /** The shell of a Taskfile, justfile, Makefile, helmfile or shell template (recipe-shell.ts), parsed once; empty for other files. */
  private recipes(file: RepositoryFile): readonly ShellSource[] {
    const cached = this.recipeCache.get(file.path);
    if (cached) return cached;
    const kind = recipeFileKind(file.path);
    const text = kind === undefined ? undefined : this.store.rawText(file.path);
    const sources: ShellSource[] =
      kind === undefined || text === undefined ? [] : recipeShell(kind, text).map((piece) => ({ file: file.path, kind: 'recipe' as const, script: parseShellScript(piece.text, { firstLine: piece.line, firstColumn: piece.column }) }));
    this.recipeCache.set(file.path, sources);
    return sources;
  }

  /** The shell code blocks of each Markdown file (in markdown() order), parsed once for every shell() call. */
  private markdownCodeBlocks(): readonly (readonly LinedSource[])[] {
    this.blockCache ??= this.markdown().map(({ file, content }) =>
      content.codeBlocks.filter(isShellBlock).map((b) => ({ line: b.firstLine, source: { file, kind: 'code-block' as const, script: parseShellScript(shellTextOf(b), { firstLine: b.firstLine }) } })),
    );
    return this.blockCache;
  }

  /** The inline code spans of each Markdown file (in markdown() order), parsed once. */
  private markdownInlineCode(): readonly (readonly LinedSource[])[] {
    this.inlineCache ??= this.markdown().map(({ file, content }) =>
      content.inlineCode.map((c) => ({ line: c.line, source: { file, kind: 'inline-code' as const, script: parseShellScript(c.text, { firstLine: c.line, firstColumn: c.column + 1 }) } })),
    );
    return this.inlineCache;
  }

  /** The kubectl, flux and helm commands of every file's shell, per file in path order. */
  kubeCommands(options: ShellOptions = {}): readonly FileKubeCommands[] {
    const inline = options.inlineCode === true;
    const cached = this.commandCache.get(inline);
    if (cached) return cached;
    const out = this.shell(options).map((sources) => ({ file: sources[0]!.file, commands: findKubeCommands(sources.map((s) => s.script)) }));
    this.commandCache.set(inline, out);
    return out;
  }
}
