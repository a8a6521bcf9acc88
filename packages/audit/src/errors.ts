import { KustodianError } from '@kustodian/core';

/** Codes for conditions under which an audit cannot proceed. */
export type AuditErrorCode =
  /** `kustodian.yaml` cannot be parsed or does not match the schema. */
  | 'CONFIG_INVALID'
  /** A baseline file cannot be read. */
  | 'BASELINE_INVALID'
  /** A rule broke its contract (threw, reported an unknown messageId, a bad location, a missing placeholder). */
  | 'RULE_FAILED'
  /** A rule test case is malformed (no expected findings, duplicate name, unknown messageId). */
  | 'RULE_TEST_INVALID'
  /** `--rule`/`--skip-rule` (a rule selection) names a rule that does not exist. */
  | 'RULE_UNKNOWN'
  /** An entry point given by the caller is not a folder of the repository. */
  | 'ENTRY_POINT_NOT_FOUND';

/** Thrown only when the audit cannot proceed; problems in the repository are findings. */
export class AuditError extends KustodianError<AuditErrorCode> {
  override readonly name: string = 'AuditError';
}

/** One thing wrong with a configuration file. */
export interface ConfigProblem {
  /** Dotted path of the key, e.g. `rules.secret-undefined.severity`; '' for the whole file. */
  readonly key: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * `kustodian.yaml` is unusable. The message names the file, line, column and
 * key of every problem; the CLI maps the code to exit status 2.
 */
export class AuditConfigError extends AuditError {
  override readonly name = 'AuditConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super('CONFIG_INVALID', formatProblems(file, problems), { file, problems });
  }

  /** The first problem (there is always one). */
  get key(): string {
    return this.problems[0]?.key ?? '';
  }

  get line(): number {
    return this.problems[0]?.line ?? 1;
  }
}

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `${file}:${p.line}:${p.column}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
  return problems.length === 1 ? `invalid configuration: ${lines[0]}` : `invalid configuration (${problems.length} problems):\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
