import type { KustodianConfig } from '@kustodian/manifest-model';
import type { Finding } from '@kustodian/audit';
import { allRules, runAudit } from '@kustodian/audit';
import type { RepositoryModel } from '@kustodian/manifest-model';

/** The audit rules whose findings SECRETS.md lists, by id. */
export const SECRET_UNDEFINED_RULE = 'secret-undefined';
export const SECRET_UNUSED_RULE = 'secret-unused';

export interface SecretFindings {
  /** Secrets referenced but defined nowhere (rule secret-undefined), in report order. */
  readonly undefined: readonly Finding[];
  /** Secrets defined but used by nothing (rule secret-unused), in report order. */
  readonly unused: readonly Finding[];
  /** Rule ids of the two that are not registered in this build of the audit. */
  readonly missingRules: readonly string[];
}

/**
 * Runs exactly the audit's two Secret rules over the model, with the
 * repository's configuration (severities, `off`, suppressions): the same
 * findings `kustodian audit` reports, nothing recomputed here.
 */
export function secretFindings(model: RepositoryModel, config: KustodianConfig): SecretFindings {
  const ids = [SECRET_UNDEFINED_RULE, SECRET_UNUSED_RULE];
  const rules = allRules.filter((rule) => ids.includes(rule.id));
  const missingRules = ids.filter((id) => !rules.some((rule) => rule.id === id));
  if (rules.length === 0) return { undefined: [], unused: [], missingRules };
  const { findings } = runAudit(model, { rules, config });
  return {
    undefined: findings.filter((f) => f.ruleId === SECRET_UNDEFINED_RULE),
    unused: findings.filter((f) => f.ruleId === SECRET_UNUSED_RULE),
    missingRules,
  };
}
