import { defineRule } from '../define-rule.js';

/** Engine-owned: the engine reports it while applying suppressions; the check itself does nothing. */
export default defineRule({
  id: 'suppression-invalid',
  meta: {
    category: 'suppressions',
    defaultSeverity: 'warning',
    summary: 'A suppression gives no reason, names no rule, or names a rule that does not exist.',
    rationale:
      'A suppression hides a finding from everyone who reads the audit later. Without a reason nobody can tell whether the finding was understood or just silenced, and a misspelt rule id silences nothing. Such a suppression is not applied: the finding it meant to hide is still reported.',
    fix: 'Write the suppression as "<rule-id>: <reason>" with an existing rule id, or remove it.',
    messages: {
      missingReason: 'Suppression of {{ruleId}} gives no reason; write "{{ruleId}}: <why it is acceptable>".',
      unknownRule: 'Suppression names "{{ruleId}}", which is not a Kustodian rule{{hint}}.',
      malformed: 'Suppression "{{text}}" does not name a rule; write "kustodian-ignore <rule-id>: <reason>".',
    },
  },
  check() {
    // Reported by the engine (see engine/suppressions.ts).
  },
});
