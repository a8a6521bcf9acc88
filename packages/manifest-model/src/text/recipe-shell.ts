/**
 * The shell inside task runners and bootstrap files: the `cmds` of
 * Taskfiles, the recipes of justfiles and Makefiles, the hooks of
 * helmfiles, and shell scripts kept as templates (`*.sh.j2`, `*.sh.tmpl`).
 * Each piece comes with the line it starts on, so that what is found in it
 * (a `kubectl create secret`, a `kubectl` without `-n`) is located in the
 * file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
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

/** Every `cmds` entry of a Taskfile's tasks (a string, or `cmd:` of a mapping), and their `preconditions` `sh:`. */
function taskfileShell(text: string): RecipeShell[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false, logLevel: 'silent', uniqueKeys: false });
  const out: RecipeShell[] = [];
  const tasks = isMap(doc.contents) ? doc.contents.get('tasks', true) : undefined;
  if (!isMap(tasks)) return out;
  const push = (node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string') out.push({ text: node.value, ...positionOf(node, text, counter) });
  };
  for (const pair of tasks.items) {
    const task = pair.value;
    if (isScalar(task)) push(task);
    if (!isMap(task)) continue;
    for (const key of ['cmds', 'preconditions', 'status']) {
      const list = task.get(key, true);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        if (isMap(item)) push(item.get('cmd', true) ?? item.get('sh', true));
        else push(item);
      }
    }
  }
  return out;
}

/** The hooks of a helmfile's releases and of the file itself: `command` and its `args`, as one command line. */
function helmfileShell(text: string): RecipeShell[] {
  const counter = new LineCounter();
  const out: RecipeShell[] = [];
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
  // A .gotmpl file may hold template lines ({{ … }} alone on a line): they are blanked, keeping the line numbers.
  const yamlText = text.replace(/^[ \t]*\{\{.*\}\}[ \t]*$/gm, '');
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
