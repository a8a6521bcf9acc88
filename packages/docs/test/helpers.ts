import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { lint } from 'markdownlint/sync';
import { main } from '../src/main.js';

/** The Kustodian workspace root. */
export const WORKSPACE = resolve(import.meta.dirname, '../../..');
export const EXAMPLES = join(WORKSPACE, 'examples');
/** The second example repository: its own GitRepository, the kubernetes/apps/<ns>/<app> layout. */
export const HOME_OPS_EXAMPLE = join(WORKSPACE, 'examples-home-ops');
/** ../shared/corpus relative to the repository root. */
export const CORPUS = resolve(WORKSPACE, '../shared/corpus');

const temps: string[] = [];

/** A copy of a folder in a fresh temporary directory (removed by cleanTemps). */
export function copyTree(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustodian-docs-'));
  temps.push(dir);
  const target = join(dir, 'repo');
  cpSync(source, target, { recursive: true });
  return target;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the command line and captures its output. */
export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Every file under a folder (relative paths, sorted) with its bytes. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'latin1'));
    }
  };
  walk(root);
  return out;
}

/** markdownlint with its default rules: `file:line rule detail` for every problem. */
export function lintProblems(files: Readonly<Record<string, string>>): string[] {
  const results = lint({ strings: { ...files }, config: { default: true } });
  return Object.entries(results).flatMap(([file, problems]) => (problems ?? []).map((p) => `${file}:${p.lineNumber} ${p.ruleNames.join('/')} ${p.errorDetail ?? ''} ${p.errorContext ?? ''}`));
}
