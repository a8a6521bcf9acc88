#!/usr/bin/env node
import { ConfigError } from '@kustodian/manifest-model';
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeFileSystem } from '@kustodian/manifest-model';
import { EXIT } from '@kustodian/core';
import { staleDiff } from './check-mode.js';
import type { PlannedFile } from './plan-docs.js';
import { planRepositoryDocs, planRuleReference, staleFiles } from './plan-docs.js';
import { writeDocs } from './write-docs.js';

export const HELP = `Usage: kustodian-docs <generate | check> [--repo DIR] [options]

Docs of a Flux GitOps repository from the Kustodian model: a README.md in every
folder under the docs roots that Flux applies, and SECRETS.md at the root.
Only the text between <!-- kustodian:begin NAME --> and <!-- kustodian:end NAME -->
markers is generated; everything else in those files is kept.

Commands:
  generate    write the docs (atomically), leaving up-to-date files alone
  check       write nothing; print a unified diff of what is stale and exit 1

Options:
  --repo DIR              the repository (default: the current folder)
  --config FILE           configuration file, relative to the repository
                          (default: kustodian.yaml; docs.roots sets the folders)
  --rule-reference DIR    also generate or check the rule reference
                          (docs/rules/) of the Kustodian workspace at DIR
  -h, --help              this help

Exit status: 0 up to date (check) or written (generate), 1 stale docs or a file
whose markers are broken (left unchanged), 2 unusable input.
`;

export { EXIT };

/** Where the command writes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function label(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

export async function main(argv: readonly string[], io: Output): Promise<number> {
  const usage = (message: string) => {
    io.err(`kustodian-docs: ${message}\n`);
    return EXIT.unusable;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { repo: { type: 'string' }, config: { type: 'string' }, 'rule-reference': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const [command, ...extra] = positionals;
  if (command !== 'generate' && command !== 'check') return usage(`${command === undefined ? 'no command given' : `unknown command '${command}'`}\n\n${HELP}`);
  if (extra.length > 0) return usage(`unexpected argument '${extra[0]}'; the repository is given with --repo DIR`);
  // Like every linter: the repository is the current folder unless one is named.
  const given = values.repo ?? '.';
  const repo = resolve(given);
  if (!isDirectory(repo)) return usage(`${given} is not a folder`);
  const workspace = values['rule-reference'] !== undefined ? resolve(values['rule-reference']) : undefined;
  if (workspace !== undefined && !isDirectory(workspace)) return usage(`${values['rule-reference']} is not a folder`);

  let docs;
  try {
    docs = planRepositoryDocs(new NodeFileSystem(repo), values.config !== undefined ? { configFile: values.config } : {});
  } catch (error) {
    if (error instanceof ConfigError) {
      const where = error.problems.map((p) => `  ${error.file}:${p.line}:${p.column}  ${p.key ? `${p.key}: ` : ''}${p.message}`).join('\n');
      return usage(`invalid configuration ${error.file}\n${where}`);
    }
    throw error;
  }
  const targets: { root: string; files: readonly PlannedFile[] }[] = [{ root: repo, files: docs.files }];
  if (workspace !== undefined) targets.push({ root: workspace, files: planRuleReference(new NodeFileSystem(workspace)) });

  for (const p of docs.problems) io.err(`${label(resolve(repo, p.file))}:${p.line}: ${p.message}; the file is left unchanged\n`);
  const total = targets.reduce((n, t) => n + t.files.length, 0);
  const stale = targets.flatMap((t) => staleFiles(t.files).map((f) => ({ root: t.root, file: f })));

  if (command === 'check') {
    for (const t of targets) io.out(staleDiff(t.files, label(t.root)));
    const broken = new Set(docs.problems.map((p) => p.file)).size;
    if (stale.length > 0) io.err(`kustodian-docs: ${stale.length} of ${total} docs files are stale; run kustodian-docs generate${values.repo !== undefined ? ` --repo ${values.repo}` : ''}\n`);
    if (broken > 0) io.err(`kustodian-docs: ${broken === 1 ? '1 docs file has broken markers and was not checked' : `${broken} docs files have broken markers and were not checked`}; fix the markers named above\n`);
    if (stale.length === 0 && broken === 0) io.out(`${total} docs files are up to date.\n`);
    return stale.length > 0 || docs.problems.length > 0 ? EXIT.findings : EXIT.ok;
  }

  let refused = 0;
  let written = 0;
  for (const t of targets) {
    const result = await writeDocs(t.root, t.files);
    for (const path of result.written) io.out(`wrote ${label(resolve(t.root, path))}\n`);
    for (const r of result.refused) io.err(`kustodian-docs: ${r.reason}; the file is left unchanged\n`);
    written += result.written.length;
    refused += result.refused.length;
  }
  io.out(`${total} docs files, ${written} written${refused > 0 ? `, ${refused} refused` : ''}.\n`);
  return docs.problems.length > 0 || refused > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * The kustodian-docs program, for a bin file: runs `main` on this process's
 * arguments and sets its exit status. A failure that is not a usage problem
 * is a bug: its stack on stderr and exit status 2.
 */
export function runProgram(): Promise<void> {
  return main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kustodian-docs: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.unusable;
    },
  );
}
