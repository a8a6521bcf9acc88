import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FailOn, ReportFormat } from '@kustodian/audit';
import { applyBaseline, auditExitCode, auditRepository, AuditConfigError, AuditError, filterToChangedFiles, readBaseline, renderReport, REPORT_FORMATS, writeBaseline } from '@kustodian/audit';
import { NodeFileSystem } from '@kustodian/manifest-model';
import { writeFileAtomic } from '@kustodian/sops';
import type { Output } from '../output.js';
import { EXIT } from '../output.js';
import { defaultRepository } from '../repository-path.js';

export const AUDIT_HELP = `Usage: kustodian audit [--repo DIR | DIR] [options]

Audit a Flux GitOps repository. With no repository, audits the bundled examples/.

Options:
  --format FORMAT          text (default), json, sarif, github, markdown
  --output FILE            write the report to FILE (atomically) instead of stdout
  --fail-on LEVEL          error (default), warning, info or never: exit 1 when a
                           finding is at or above LEVEL
  --config FILE            configuration file, relative to the repository
                           (default: kustodian.yaml)
  --entry-point DIR        where Flux starts (repeatable); found automatically
  --baseline FILE          report only findings that are not in FILE
  --write-baseline FILE    write every current finding to FILE and exit 0
  --changed-since REV      report only findings in files changed since the git
                           revision REV (the whole repository is still modelled)
  --no-fix                 leave out how-to-fix lines in text output
  -h, --help               this help

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 unusable input.
Colour only on a terminal; NO_COLOR turns it off.
`;

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

/** Files changed since a revision (committed, staged, unstaged and untracked), relative to the repository folder. */
export function changedFilesSince(repo: string, revision: string): string[] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  // --end-of-options before the revision: a revision is never taken for an option.
  // --relative and ls-files' default give paths relative to the folder, whatever links lead to it.
  const changed = git('diff', '--name-only', '-z', '--relative', '--end-of-options', revision, '--').split('\0');
  const untracked = git('ls-files', '--others', '--exclude-standard', '-z').split('\0');
  return [...new Set([...changed, ...untracked])].filter((p) => p !== '').sort();
}

/** Write a report or baseline; a folder that does not exist is unusable input, not a crash. */
async function writeOutput(path: string, content: string, io: Output): Promise<boolean> {
  try {
    // Reports and baselines are not secret: readable like any file the user writes.
    await writeFileAtomic(resolve(path), content, { mode: 0o644 });
    return true;
  } catch (error) {
    io.err(`kustodian audit: cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return false;
  }
}

export async function runAudit(argv: readonly string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      repo: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      config: { type: 'string' },
      'entry-point': { type: 'string', multiple: true },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'changed-since': { type: 'string' },
      'no-fix': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(AUDIT_HELP);
    return EXIT.ok;
  }
  const usage = (message: string) => {
    io.err(`kustodian audit: ${message}\n`);
    return EXIT.unusable;
  };
  const repo = values.repo ?? positionals[0] ?? defaultRepository();
  if (!repo) return usage('no repository given and no examples/ folder found; pass --repo DIR');
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format)) return usage(`unknown --format ${values.format}; use one of ${REPORT_FORMATS.join(', ')}`);
  if (!(FAIL_ON as readonly string[]).includes(values['fail-on'])) return usage(`unknown --fail-on ${values['fail-on']}; use one of ${FAIL_ON.join(', ')}`);

  let audit;
  try {
    audit = auditRepository(new NodeFileSystem(repo), {
      ...(values.config !== undefined ? { configFile: values.config } : {}),
      ...(values['entry-point'] ? { entryPoints: values['entry-point'] } : {}),
    });
  } catch (error) {
    if (error instanceof AuditConfigError) {
      const where = error.problems.map((p) => `  ${error.file}:${p.line}:${p.column}  ${p.key ? `${p.key}: ` : ''}${p.message}`).join('\n');
      return usage(`invalid configuration ${error.file}\n${where}`);
    }
    throw error;
  }
  if (!audit.model.files.some((f) => f.role === 'manifest' || f.role === 'kustomization')) {
    // A mistyped --repo must not pass as a clean repository.
    return usage(`no Kubernetes manifests or kustomization files under ${repo}`);
  }
  let result = audit.result;

  if (values['write-baseline'] !== undefined) {
    if (!(await writeOutput(values['write-baseline'], writeBaseline(result), io))) return EXIT.unusable;
    io.err(`kustodian audit: wrote ${result.findings.length} findings to ${values['write-baseline']}\n`);
    return EXIT.ok;
  }
  if (values.baseline !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(values.baseline), 'utf8');
    } catch {
      return usage(`cannot read baseline ${values.baseline}`);
    }
    try {
      result = applyBaseline(result, readBaseline(text, values.baseline)).result;
    } catch (error) {
      if (error instanceof AuditError) return usage(error.message);
      throw error;
    }
  }
  if (values['changed-since'] !== undefined) {
    let files: string[];
    try {
      files = changedFilesSince(repo, values['changed-since']);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      return usage(`cannot list files changed since ${values['changed-since']}: ${stderr || (error as Error).message}`);
    }
    result = filterToChangedFiles(result, files);
  }

  const report = renderReport(result, values.format as ReportFormat, { color: values.output === undefined && io.color, fixes: !values['no-fix'] });
  if (values.output !== undefined) {
    if (!(await writeOutput(values.output, report, io))) return EXIT.unusable;
  } else io.out(report);
  return auditExitCode(result, { failOn: values['fail-on'] as FailOn });
}
