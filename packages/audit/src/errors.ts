import { KustodianError } from '@kustodian/core';

/** Codes for conditions under which an audit cannot proceed. */
export type AuditErrorCode =
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
