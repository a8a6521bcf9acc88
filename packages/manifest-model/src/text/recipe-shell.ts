/**
 * The shell inside task runners and bootstrap files: the `cmds` of
 * Taskfiles, the recipes of justfiles and Makefiles, the hooks of
 * helmfiles, and shell scripts kept as templates (`*.sh.j2`, `*.sh.tmpl`).
 * Each piece comes with the line it starts on, so that what is found in it
 * (a `kubectl create secret`, a `kubectl` without `-n`) is located in the
 * file.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { isRecord } from '../resources/resource.js';
import { blankTemplateLines } from './template-lines.js';
import type { Node } from 'yaml';

/** A piece of shell and the line (1-based) of the file it starts on. */
export interface RecipeShell {
  readonly text: string;
  readonly line: number;
  /** The column (1-based) its first line starts at. */
  readonly column: number;
}

export type RecipeFileKind = 'taskfile' | 'justfile' | 'makefile' | 'helmfile' | 'shell-template';

/** What kind of task or bootstrap file a path is, by its name; undefined for other files. */
export function recipeFileKind(path: string): RecipeFileKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/^(Taskfile|taskfile)(\.dist)?\.ya?ml$/.test(name) || (/(^|\/)\.taskfiles\//.test(path) && /\.ya?ml$/.test(name))) return 'taskfile';
  if (/^(justfile|Justfile|\.justfile)$/.test(name) || name.endsWith('.just')) return 'justfile';
  if (/^(Makefile|makefile|GNUmakefile)$/.test(name) || name.endsWith('.mk')) return 'makefile';
  if (/^helmfile\.ya?ml(\.gotmpl)?$/.test(name) || (/(^|\/)helmfile\.d\//.test(path) && /\.ya?ml(\.gotmpl)?$/.test(name))) return 'helmfile';
  if (/\.(sh|bash)\.(j2|jinja2?|tmpl|tpl|gotmpl)$/.test(name)) return 'shell-template';
  return undefined;
}

/** Where a YAML scalar's text starts: for a block scalar (`|`, `>`), the line after its indicator; inside the quotes of a quoted one. */
function positionOf(node: Node, text: string, counter: LineCounter): { line: number; column: number } {
  const start = node.range?.[0] ?? 0;
  const { line, col } = counter.linePos(start);
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    const next = text.split('\n')[line] ?? '';
    return { line: line + 1, column: next.length - next.trimStart().length + 1 };
  }
  return { line, column: isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? col + 1 : col };
}

/** Where each of `pieces` starts in `text`, searched in order (each after the one before). */
function locate(text: string, pieces: readonly string[]): RecipeShell[] {
  const lines = text.split('\n');
  const out: RecipeShell[] = [];
  let from = 0;
  for (const piece of pieces) {
    const first = piece.split('\n').find((l) => l.trim() !== '')?.trim();
    if (first === undefined) continue;
    for (let i = from; i < lines.length; i++) {
      const at = lines[i]!.indexOf(first);
      if (at < 0) continue;
      out.push({ text: piece, line: i + 1, column: at + 1 });
      from = i + 1;
      break;
    }
  }
  return out;
}

/** Every `cmds` entry of a Taskfile's tasks (a string, or `cmd:` of a mapping), and their `preconditions` `sh:`, in file order. */
function taskfileShell(text: string): RecipeShell[] {
  let doc: unknown;
  try {
    doc = load(text, { schema: CORE_SCHEMA, json: true });
  } catch {
    return [];
  }
  const tasks = isRecord(doc) ? doc['tasks'] : undefined;
  if (!isRecord(tasks)) return [];
  const pieces: string[] = [];
  const push = (value: unknown) => {
    if (typeof value === 'string') pieces.push(value);
  };
  for (const task of Object.values(tasks)) {
    if (typeof task === 'string') push(task);
    if (!isRecord(task)) continue;
    for (const key of ['preconditions', 'status', 'cmds']) {
      const list = task[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) push(isRecord(item) ? (item['cmd'] ?? item['sh']) : item);
    }
  }
  // Located in file order: the search goes forward, so the pieces are sorted by where their first line is.
  const order = pieces.map((piece) => ({ piece, at: text.indexOf(piece.split('\n').find((l) => l.trim() !== '')?.trim() ?? piece) })).sort((x, y) => x.at - y.at);
  return locate(text, order.map((o) => o.piece));
}

/** The hooks of a helmfile's releases and of the file itself: `command` and its `args`, as one command line. */
function helmfileShell(text: string): RecipeShell[] {
  const counter = new LineCounter();
  const out: RecipeShell[] = [];
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
  // A .gotmpl file may hold template lines ({{ … }} alone on a line).
  const yamlText = blankTemplateLines(text);
  const parsed = parseAllDocuments(yamlText, { lineCounter: counter, logLevel: 'silent', uniqueKeys: false });
  for (const doc of Array.isArray(parsed) ? parsed : []) {
    const visit = (node: unknown): void => {
      if (isSeq(node)) for (const item of node.items) visit(item);
      if (!isMap(node)) return;
      const hooks = node.get('hooks', true);
      if (isSeq(hooks)) {
        for (const hook of hooks.items) {
          if (!isMap(hook)) continue;
          const command = hook.get('command', true);
          if (!isScalar(command) || typeof command.value !== 'string') continue;
          const args = hook.get('args', true);
          const words = isSeq(args) ? args.items.filter(isScalar).map((a) => String(a.value)) : [];
          out.push({ text: [command.value, ...words].map(quote).join(' '), ...positionOf(command, yamlText, counter) });
        }
      }
      for (const key of ['releases']) visit(node.get(key, true));
    };
    visit(doc.contents);
  }
  return out;
}

/**
 * The recipe lines of a justfile or a Makefile: the indented lines under a
 * `target:` line (a tab in a Makefile; spaces or a tab in a justfile), with
 * the echo/ignore-error prefixes (`@`, `-`, `+`) taken off and a Makefile's
 * `$$` written `$`. A recipe with a shebang (`#!/usr/bin/env bash`) is one
 * script.
 */
function recipeLines(text: string, make: boolean): RecipeShell[] {
  const out: RecipeShell[] = [];
  const lines = text.split('\n');
  let inRecipe = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indented = make ? line.startsWith('\t') : /^[ \t]+\S/.test(line);
    if (indented && inRecipe) {
      let body = line.replace(/^\s+/, '').replace(/^[@+-]+/, '');
      const column = line.length - body.length + 1;
      if (make) body = body.replaceAll('$$', '$');
      if (body.trim() !== '' && !body.startsWith('#')) out.push({ text: body, line: i + 1, column });
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    inRecipe = make ? isMakeRule(line) : isJustRecipe(line);
  }
  return out;
}

/** `target: deps` (or `target:: deps`), not `VAR = a:b`, `VAR := x` or a directive. */
function isMakeRule(line: string): boolean {
  if (/^\s/.test(line) || /^(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|define|endef|export|unexport|override|vpath)\b/.test(line)) return false;
  const colon = line.search(/:(?!=)/);
  const equals = line.search(/[?:+!]?=/);
  return colon > 0 && (equals < 0 || colon < equals);
}

/** `recipe arg="x": deps`, not `name := value`, `set …`, `alias …`, `import …`, `mod …` or `export …`. */
function isJustRecipe(line: string): boolean {
  if (/^\s/.test(line) || /^(set|alias|import|mod|export)\s/.test(line) || /^[\w-]+\s*:=/.test(line)) return false;
  return /^@?[\w-]+[^:]*:(?!=)/.test(line);
}

/** The shell pieces of a task or bootstrap file of the given kind. */
export function recipeShell(kind: RecipeFileKind, text: string): RecipeShell[] {
  switch (kind) {
    case 'taskfile':
      return taskfileShell(text);
    case 'helmfile':
      return helmfileShell(text);
    case 'justfile':
      return recipeLines(text, false);
    case 'makefile':
      return recipeLines(text, true);
    case 'shell-template':
      return [{ text, line: 1, column: 1 }];
  }
}
