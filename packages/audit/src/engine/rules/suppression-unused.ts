import { defineRule } from '../define-rule.js';

/** Engine-owned: the engine reports it after matching suppressions; the check itself does nothing. */
export default defineRule({
  id: 'suppression-unused',
  meta: {
    category: 'suppressions',
    defaultSeverity: 'info',
    summary: 'A suppression matched no finding.',
    rationale:
      'A suppression that hides nothing is left over from a problem that was fixed or from a rule that moved its finding elsewhere. Left in place it would silently hide the next, unrelated finding of that rule at the same place.',
    fix: 'Remove the suppression.',
    messages: {
      unused: 'Suppression of {{ruleId}} matched no finding; remove it.',
    },
  },
  check() {
    // Reported by the engine (see engine/suppressions.ts).
  },
});
