import type { GeneratedFile } from '@kustodian/audit';
import { ruleDocFiles } from '@kustodian/audit';

/** Where the rule reference lives, relative to the Kustodian workspace. */
export const RULE_REFERENCE_FOLDER = 'docs/rules';

/**
 * The rule reference: one page a rule and the index, rendered by the audit
 * package from rule metadata (the same function `audit:rule-docs` uses, so
 * there is one rendering). Whole files: they carry a DO-NOT-EDIT header.
 */
export function ruleReference(): GeneratedFile[] {
  return ruleDocFiles();
}

/** A page in the rule folder that a former rule left behind: generated (DO-NOT-EDIT header) and no longer produced. */
export function isOrphanRulePage(path: string, content: string, produced: ReadonlySet<string>): boolean {
  return path.endsWith('.md') && !produced.has(path) && content.startsWith('<!-- DO NOT EDIT');
}
