import { ConfigError } from '@kustodian/manifest-model';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { FailOn, RepositoryAudit, ReportFormat, ReportOptions, ReportRun } from '@kustodian/audit';
import { allRules, applyBaseline, auditExitCode, auditRepository, AuditError, EntryPointNotFoundError, filterToChangedFiles, readBaseline, renderReport, REPORT_FORMATS, UnknownRuleError, writeBaseline } from '@kustodian/audit';
import { NodeFileSystem } from '@kustodian/manifest-model';
import { writeFileAtomic } from '@kustodian/core';
import { parseCommandArgs, UsageError } from '../args.js';
import type { Repository } from '../repository.js';
import { repositoryOf } from '../repository.js';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { gitRevision } from '../revision.js';
import { cliVersion } from '../version.js';

export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export const AUDIT_HELP = `Usage: kustodian audit [--repo DIR | DIR] [options]

Audit a Flux GitOps repository (default: the current directory). In text
format a line on stderr first says what is audited: the repository, its git
revision and the entry points.

Options:
  --repo DIR               the repository (default: the current directory)
  --format FORMAT          ${REPORT_FORMATS.join(', ')} (default: text)
  --output FILE            write the report to FILE (atomically) instead of stdout
  --fail-on LEVEL          ${FAIL_ON.join(', ')}: exit 1 when a finding is at
                           or above LEVEL (default: error)
  --config FILE            configuration file, relative to the repository
                           (default: kustodian.yaml)
  --entry-point DIR        where Flux starts, relative to the repository
                           (repeatable); found automatically
  --rule ID                run only this rule (repeatable; see 'kustodian rules')
  --skip-rule ID           do not run this rule (repeatable)
  --baseline FILE          report only findings that are not in FILE
  --write-baseline FILE    write every current finding to FILE and exit 0
  --changed-since REV      report only findings in files changed since the git
                           revision REV; only what those files can affect is
                           built (see docs/ci.md)
  --no-fix                 leave out how-to-fix lines in text output
  -q, --quiet              print the report only: nothing on stderr but errors
  -v, --verbose            also print on stderr the configuration file read,
                           the counts of files, resources and build units, and
                           the time of each phase
  -h, --help               this help

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 unusable input.
Colour only on a terminal; NO_COLOR turns it off.
`;

export const AUDIT_OPTIONS = {
  repo: { type: 'string' },
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  'fail-on': { type: 'string', default: 'error' },
  config: { type: 'string' },
  'entry-point': { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'skip-rule': { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'changed-since': { type: 'string' },
  'no-fix': { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Files changed since a revision (committed, staged, unstaged and untracked), relative to the repository folder. */
export async function changedFilesSince(repo: string, revision: string): Promise<string[]> {
  const git = async (...args: string[]) => (await execFileAsync('git', args, { cwd: repo, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 })).stdout;
  // --end-of-options before the revision: a revision is never taken for an option.
  // --relative and ls-files' default give paths relative to the folder, whatever links lead to it.
  const [changed, untracked] = await Promise.all([git('diff', '--name-only', '-z', '--relative', '--end-of-options', revision, '--'), git('ls-files', '--others', '--exclude-standard', '-z')]);
  return [...new Set([...changed.split('\0'), ...untracked.split('\0')])].filter((p) => p !== '').sort();
}

/**
 * For each needle, the tracked files under the repository folder whose text (in the working tree) holds it, by
 * `git grep` (threads); undefined when git cannot tell. Untracked files are among the changed files already.
 */
export function gitSearch(repo: string, needles: readonly string[]): Map<string, string[]> | undefined {
  let out: string;
  try {
    // -o: one `path NUL match` line per match, so that each file is known for the needle it holds.
    out = execFileSync('git', ['grep', '-o', '-z', '-F', '-I', '-f', '-'], { cwd: repo, encoding: 'utf8', input: `${needles.join('\n')}\n`, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    // Status 1: no file matches.
    if ((error as { status?: number }).status === 1) return new Map();
    return undefined;
  }
  const found = new Map<string, Set<string>>();
  for (const line of out.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul < 0) continue;
    const needle = line.slice(nul + 1);
    (found.get(needle) ?? found.set(needle, new Set()).get(needle)!).add(line.slice(0, nul));
  }
  return new Map([...found].map(([needle, files]) => [needle, [...files]]));
}

const execFileAsync = promisify(execFile);

const WRITE_ERRORS: Readonly<Record<string, string>> = { EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOSPC: 'no space left on the device', EROFS: 'the file system is read-only' };

/** Write a report or baseline; why it cannot be written is unusable input (exit 2), named by the path as given. */
async function writeOutput(path: string, content: string, repo: string): Promise<void> {
  const folder = dirname(path);
  let folderKind: 'folder' | 'other' | undefined;
  try {
    folderKind = statSync(resolve(folder)).isDirectory() ? 'folder' : 'other';
  } catch {
    folderKind = undefined;
  }
  if (folderKind !== 'folder') throw new UsageError(`kustodian audit: cannot write ${path}: ${folderKind === 'other' ? `${folder} is not a folder` : `the folder ${folder} does not exist`}`);
  try {
    // Reports and baselines are not secret: readable like any file the user writes.
    // A link is written through only when it stays in the repository; a device or FIFO (/dev/stdout) is written to as it is.
    await writeFileAtomic(resolve(path), content, { mode: 0o644, within: repo });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause ?? (error as NodeJS.ErrnoException);
    const code = cause.code ?? (error as NodeJS.ErrnoException).code;
    throw new UsageError(`kustodian audit: cannot write ${path}: ${(code && WRITE_ERRORS[code]) ?? code ?? (cause instanceof Error ? cause.message : (error as Error).message)}`);
  }
}

/** `--entry-point` values as the engine takes them (relative to the repository), each with the text the user gave. */
function entryPointsOf(repo: Repository, given: readonly string[]): Map<string, string> {
  return new Map(given.map((p) => [isAbsolute(p) ? relative(repo.path, p).split('\\').join('/') || '.' : p, p]));
}

/** The audit, or why it cannot run, as the line the user reads. */
function audit(repo: Repository, values: { config?: string | undefined; rule?: string[] | undefined; 'skip-rule'?: string[] | undefined; 'entry-point'?: string[] | undefined }, changed?: readonly string[]): RepositoryAudit {
  const entryPoints = entryPointsOf(repo, values['entry-point'] ?? []);
  try {
    return auditRepository(new NodeFileSystem(repo.path), {
      rules: allRules,
      ...(values.config !== undefined ? { configFile: values.config } : {}),
      ...(entryPoints.size > 0 ? { entryPoints: [...entryPoints.keys()] } : {}),
      ...(values.rule ? { only: values.rule } : {}),
      ...(values['skip-rule'] ? { skip: values['skip-rule'] } : {}),
      ...(changed ? { changes: { files: changed, search: (needles: readonly string[]) => gitSearch(repo.path, needles) } } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      const where = error.problems.map((p) => `  ${error.file}:${p.line}:${p.column}  ${p.key ? `${p.key}: ` : ''}${p.message}`).join('\n');
      throw new UsageError(`kustodian audit: invalid configuration ${error.file}\n${where}`);
    }
    if (error instanceof UnknownRuleError) {
      const flag = error.list === 'only' ? '--rule' : '--skip-rule';
      throw new UsageError(`kustodian audit: unknown rule ${flag} ${error.ruleId}${error.suggestion ? `; did you mean ${error.suggestion}?` : "; run 'kustodian rules' for the list"}`);
    }
    if (error instanceof EntryPointNotFoundError) {
      const given = entryPoints.get(error.entryPoint) ?? error.entryPoint;
      const why = error.reason === 'outside' ? `outside ${repo.label}` : error.reason === 'file' ? `a file, not a folder, in ${repo.label}` : `no such folder in ${repo.label}`;
      throw new UsageError(`kustodian audit: --entry-point ${given}: ${why}`);
    }
    throw error;
  }
}

/** What an audit read, as reports name it. */
function runOf(repo: Repository, done: RepositoryAudit): ReportRun {
  const revision = gitRevision(repo.path);
  return {
    tool: { name: 'kustodian', version: cliVersion() },
    repository: repo.path,
    ...(revision !== undefined ? { revision } : {}),
    entryPoints: done.model.entryPoints.map((e) => e.path || '.'),
  };
}

/** `kustodian 0.0.1: auditing /abs/repo at 1a2b3c4 (entry points: clusters/home)` */
export function auditHeader(run: ReportRun): string {
  const at = run.revision ? ` at ${run.revision.slice(0, 7)}` : '';
  const entries = run.entryPoints.length > 0 ? `entry points: ${run.entryPoints.join(', ')}` : 'no entry point found';
  return `${run.tool.name} ${run.tool.version}: auditing ${run.repository}${at} (${entries})\n`;
}

/** `kustodian audit: 1 file changed since main; built 2 of 2001 Flux Kustomizations` */
function changesLine(done: RepositoryAudit, revision: string): string {
  const c = done.model.changes;
  const files = c?.changedFiles.length ?? 0;
  const what = `${files} file${files === 1 ? '' : 's'} changed since ${revision}`;
  if (!c) return `kustodian audit: ${what}; the whole repository is audited\n`;
  const built = c.fullBuild !== undefined ? `${c.fullBuild}: the whole repository is built` : `built ${c.builtFluxKustomizations} of ${c.fluxKustomizations} Flux Kustomizations`;
  return `kustodian audit: ${what}; ${built}; findings in the changed files are reported\n`;
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** The five rules that took longest, with their times. */
function slowest(runs: RepositoryAudit['result']['rules']): string {
  const timed = runs.filter((r) => r.ms !== undefined).sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0));
  return timed.length === 0 ? 'none timed' : timed.slice(0, 5).map((r) => `${r.rule.id} ${ms(r.ms ?? 0)}`).join(', ');
}

function verboseLines(done: RepositoryAudit, renderMs: number): string {
  const { model, result, timings } = done;
  return [
    `configuration: ${done.configFile ?? 'none (defaults)'}, read in ${ms(timings.config)}`,
    `model: ${model.files.length} files, ${model.resources.length} resources, ${model.units.length} build units, ${model.fluxKustomizations.length} Flux Kustomizations, ${model.diagnostics.length} diagnostics, built in ${ms(timings.model)}`,
    `rules: ${result.rules.length} ran in ${ms(timings.rules)}, ${result.findings.length} findings, ${result.suppressed.length} suppressed`,
    `slowest rules: ${slowest(result.rules)}`,
    `report: rendered in ${ms(renderMs)}`,
  ]
    .map((line) => `kustodian audit: ${line}\n`)
    .join('');
}

export async function runAudit(argv: readonly string[], io: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs('kustodian audit', argv, AUDIT_OPTIONS, { maxPositionals: 1 });
  if (values.help) {
    io.out(AUDIT_HELP);
    return EXIT.ok;
  }
  const usage = (message: string) => new UsageError(`kustodian audit: ${message}`);
  if (values.quiet && values.verbose) throw usage('--quiet and --verbose exclude each other; give one');
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format)) throw usage(`unknown --format ${values.format}; use one of ${REPORT_FORMATS.join(', ')}`);
  if (!(FAIL_ON as readonly string[]).includes(values['fail-on'])) throw usage(`unknown --fail-on ${values['fail-on']}; use one of ${FAIL_ON.join(', ')}`);
  const failOn = values['fail-on'] as FailOn;
  const repo = repositoryOf('kustodian audit', values.repo, positionals[0]);

  let changed: string[] | undefined;
  if (values['changed-since'] !== undefined) {
    try {
      changed = await changedFilesSince(repo.path, values['changed-since']);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw usage(`cannot list files changed since ${values['changed-since']}: ${stderr || (error as Error).message}`);
    }
  }
  // A baseline written from the changes only would be partial: it is written from the whole audit.
  const done = audit(repo, values, values['write-baseline'] === undefined ? changed : undefined);
  if (!done.model.files.some((f) => f.role === 'manifest' || f.role === 'kustomization')) {
    // A mistyped --repo must not pass as a clean repository.
    throw usage(`no Kubernetes manifests or kustomization files under ${repo.label}`);
  }
  const run = runOf(repo, done);
  if (values.verbose || (values.format === 'text' && !values.quiet)) io.err(auditHeader(run) + (changed !== undefined ? changesLine(done, values['changed-since']!) : ''));
  let result = done.result;

  if (values['write-baseline'] !== undefined) {
    await writeOutput(values['write-baseline'], writeBaseline(result), repo.path);
    if (!values.quiet) io.err(`kustodian audit: wrote ${result.findings.length} findings to ${values['write-baseline']}\n`);
    return EXIT.ok;
  }
  if (values.baseline !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(values.baseline), 'utf8');
    } catch (error) {
      throw usage(`cannot read baseline ${values.baseline}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`);
    }
    try {
      result = applyBaseline(result, readBaseline(text, values.baseline)).result;
    } catch (error) {
      if (error instanceof AuditError) throw usage(error.message);
      throw error;
    }
  }
  if (changed !== undefined) result = filterToChangedFiles(result, changed);

  const toStdout = values.output === undefined;
  const reportOptions: ReportOptions = {
    color: toStdout && io.color,
    fixes: !values['no-fix'],
    ...(toStdout && io.width !== undefined ? { width: io.width } : {}),
    failOn,
    run,
  };
  const rendering = performance.now();
  const report = renderReport(result, values.format as ReportFormat, reportOptions);
  if (values.verbose) io.err(verboseLines(done, performance.now() - rendering));
  if (values.output !== undefined) await writeOutput(values.output, report, repo.path);
  else io.out(report);
  return auditExitCode(result, { failOn });
}
