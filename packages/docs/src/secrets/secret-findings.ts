import type { KustodianConfig } from '@kustodian/manifest-model';
import type { FindingOf } from '@kustodian/audit';
import { findingsOf, runAudit, secretUndefined, secretUnused } from '@kustodian/audit';
import type { RepositoryModel } from '@kustodian/manifest-model';

export interface SecretFindings {
  /** Secrets referenced but defined nowhere (rule secret-undefined), in report order; `data` names the Secret. */
  readonly undefined: readonly FindingOf<typeof secretUndefined>[];
  /** Secrets defined but used by nothing (rule secret-unused), in report order. */
  readonly unused: readonly FindingOf<typeof secretUnused>[];
}

/**
 * Runs exactly the audit's two Secret rules over the model, with the
 * repository's configuration (severities, `off`, suppressions): the same
 * findings `kustodian audit` reports, nothing recomputed here.
 */
export function secretFindings(model: RepositoryModel, config: KustodianConfig): SecretFindings {
  const { findings } = runAudit(model, { rules: [secretUndefined, secretUnused], config });
  return { undefined: findingsOf(findings, secretUndefined), unused: findingsOf(findings, secretUnused) };
}
