import type { KustodianConfig } from '@kustodian/manifest-model';
import { deepStrictEqual } from 'node:assert/strict';
import { MemoryFileSystem } from '@kustodian/manifest-model';
import { readAuditConfig } from '../config/audit-config.js';
import { auditRepository } from '../engine/audit-repository.js';
import type { AnyRule, Rule } from '../engine/define-rule.js';
import type { Finding, MessageIdOf, RuleMessages } from '../engine/finding.js';
import { engineRules } from '../engine/rules/engine-rules.js';
import { AuditError } from '../errors.js';

/** A repository on which the rule must report nothing. */
export interface RuleTestCase {
  /** Unique among the rule's cases; says what the case shows. */
  readonly name: string;
  /** `{ path: content }`; may hold a `kustodian.yaml`. */
  readonly repo: Readonly<Record<string, string>>;
  /** The rule's options (as under `rules.<id>.options`), over its defaults and the repo's kustodian.yaml. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A finding the rule must report. */
export interface ExpectedFinding<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly file: string;
  readonly line: number;
  /** Checked when given. */
  readonly column?: number;
  /** The whole message text; checked when given. */
  readonly message?: string;
  /** Its related places as `role file:line` (e.g. `consumer apps/web/deployment.yaml:14`), in order; checked when given. */
  readonly related?: readonly string[];
}

/** A repository on which the rule must report exactly these findings. */
export interface InvalidRuleTestCase<MessageId extends string = string> extends RuleTestCase {
  readonly findings: readonly ExpectedFinding<MessageId>[];
}

export interface RuleTestCases<MessageId extends string = string> {
  readonly valid: readonly RuleTestCase[];
  readonly invalid: readonly InvalidRuleTestCase<MessageId>[];
}

type Register = (name: string, fn: () => void) => void;

export interface RuleTesterOptions {
  /** @default globalThis.describe (vitest globals) */
  readonly describe?: Register;
  /** @default globalThis.it */
  readonly it?: Register;
  /**
   * Rules run beside the one under test (only its findings are compared).
   * An engine rule needs them (its findings come from other rules'
   * suppressions): its test passes them, e.g. `allRules`.
   * @default none
   */
  readonly rules?: readonly AnyRule[];
}

function invalidCases(rule: AnyRule, why: string): never {
  throw new AuditError('RULE_TEST_INVALID', `${rule.id}: ${why}`, { ruleId: rule.id });
}

/** Reject malformed cases: duplicate names, an invalid case without findings, an unknown messageId, an empty repo. */
export function validateRuleTestCases(rule: AnyRule, cases: RuleTestCases): void {
  const names = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (!c.name?.trim()) invalidCases(rule, 'a test case has no name');
    if (names.has(c.name)) invalidCases(rule, `duplicate test case name "${c.name}"`);
    names.add(c.name);
    if (Object.keys(c.repo).length === 0) invalidCases(rule, `test case "${c.name}" has an empty repo`);
  }
  for (const c of cases.invalid) {
    if (!Array.isArray(c.findings) || c.findings.length === 0) invalidCases(rule, `invalid test case "${c.name}" expects no findings; list them (file, line, messageId)`);
    for (const f of c.findings) {
      if (!Object.prototype.hasOwnProperty.call(rule.meta.messages, f.messageId)) {
        invalidCases(rule, `test case "${c.name}" expects unknown messageId "${f.messageId}" (known: ${Object.keys(rule.meta.messages).join(', ')})`);
      }
    }
  }
}

/** Run one case: the rule's active findings on the case's repository, in report order. */
export function runRuleTestCase(rule: AnyRule, testCase: RuleTestCase, companions?: readonly AnyRule[]): Finding[] {
  const fs = new MemoryFileSystem(testCase.repo);
  const engine = engineRules.includes(rule);
  if (engine && !companions?.length) throw new AuditError('RULE_TEST_INVALID', `${rule.id} is an engine rule: run it with the rules whose suppressions it checks (RuleTester({ rules }), runRuleTestCase(rule, case, rules))`, { ruleId: rule.id });
  const others = (companions ?? []).filter((r) => r.id !== rule.id);
  // Engine rules always run: they are not passed as rules.
  const rules = engine ? others : [rule, ...others];
  let config: KustodianConfig | undefined;
  if (testCase.options !== undefined) {
    const base = readAuditConfig(fs, { rules });
    config = { ...base, rules: { ...base.rules, [rule.id]: { ...base.rules[rule.id], options: testCase.options } } };
  }
  // A rule under test that throws fails its test: no isolation here.
  const { result } = auditRepository(fs, config ? { rules, config, onRuleError: 'throw' } : { rules, onRuleError: 'throw' });
  return result.findings.filter((f) => f.ruleId === rule.id);
}

function describeFinding(f: Finding): string {
  return `${f.location.file}:${f.location.line}:${f.location.column} ${f.messageId}: ${f.message}`;
}

/** Throws an AssertionError unless the rule reports nothing on the case. */
export function assertValidCase(rule: AnyRule, testCase: RuleTestCase, companions?: readonly AnyRule[]): void {
  const found = runRuleTestCase(rule, testCase, companions);
  deepStrictEqual(found.map(describeFinding), [], `${rule.id} must not report on "${testCase.name}"`);
}

/** Throws an AssertionError unless the rule reports exactly the expected findings (in report order). */
export function assertInvalidCase(rule: AnyRule, testCase: InvalidRuleTestCase, companions?: readonly AnyRule[]): void {
  const found = runRuleTestCase(rule, testCase, companions);
  const expected = [...testCase.findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  const actual = found.map((f, i) => {
    const want = expected[i];
    return {
      messageId: f.messageId,
      file: f.location.file,
      line: f.location.line,
      ...(want?.column !== undefined ? { column: f.location.column } : {}),
      ...(want?.message !== undefined ? { message: f.message } : {}),
      ...(want?.related !== undefined ? { related: f.related.map((r) => `${r.role} ${r.file}:${r.line}`) } : {}),
    };
  });
  deepStrictEqual(actual, expected.map((e) => ({ ...e })), `${rule.id} on "${testCase.name}" reported:\n${found.map(describeFinding).join('\n') || '(nothing)'}`);
}

/**
 * Runs a rule's valid and invalid cases as tests. Each rule's test file:
 *
 *   new RuleTester().run(rule, { valid: [...], invalid: [...] });
 *
 * Keep the case lists inline: test/rules-meta.test.ts reads them to check
 * that every rule has both kinds and that every messageId is expected.
 */
export class RuleTester {
  constructor(private readonly options: RuleTesterOptions = {}) {}

  run<Messages extends RuleMessages, Options>(rule: Rule<Messages, Options>, cases: RuleTestCases<NoInfer<MessageIdOf<Messages>>>): void {
    const any = rule as unknown as AnyRule;
    validateRuleTestCases(any, cases);
    const g = globalThis as { describe?: Register; it?: Register };
    const describe = this.options.describe ?? g.describe;
    const it = this.options.it ?? g.it;
    if (!describe || !it) throw new AuditError('RULE_TEST_INVALID', 'RuleTester needs describe and it (vitest globals, or pass them in the options)');
    const companions = this.options.rules;
    describe(rule.id, () => {
      describe('valid', () => {
        for (const c of cases.valid) it(c.name, () => assertValidCase(any, c, companions));
      });
      describe('invalid', () => {
        for (const c of cases.invalid) it(c.name, () => assertInvalidCase(any, c, companions));
      });
    });
  }
}
