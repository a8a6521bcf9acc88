import { AssertionError } from 'node:assert';
import { defineRule } from '../engine/define-rule.js';
import { AuditError } from '../errors.js';
import rule from '../rules/structure/kustomization-unapplied.js';
import { assertInvalidCase, assertValidCase, RuleTester, validateRuleTestCases } from './rule-tester.js';

const applied = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps\n', 'apps/kustomization.yaml': 'resources: []\n' };
const unapplied = { ...applied, 'old/kustomization.yaml': 'resources: []\n' };

function rejection(fn: () => void): AuditError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditError);
    expect((error as AuditError).code).toBe('RULE_TEST_INVALID');
    return error as AuditError;
  }
  throw new Error('expected a RULE_TEST_INVALID error');
}

describe('validateRuleTestCases', () => {
  it('rejects an invalid case without expected findings', () => {
    expect(rejection(() => validateRuleTestCases(rule, { valid: [], invalid: [{ name: 'x', repo: unapplied, findings: [] }] })).message).toMatch(/expects no findings/);
  });

  it('rejects duplicate case names, across valid and invalid', () => {
    const cases = {
      valid: [{ name: 'same', repo: applied }],
      invalid: [{ name: 'same', repo: unapplied, findings: [{ messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 }] }],
    };
    expect(rejection(() => validateRuleTestCases(rule, cases)).message).toMatch(/duplicate test case name "same"/);
  });

  it('rejects an unknown messageId', () => {
    const cases = { valid: [], invalid: [{ name: 'x', repo: unapplied, findings: [{ messageId: 'unapplied', file: 'old/kustomization.yaml', line: 1 }] }] };
    expect(rejection(() => validateRuleTestCases(rule, cases)).message).toMatch(/unknown messageId "unapplied" \(known: kustomizationFile, fluxKustomization, fluxKustomizations\)/);
  });

  it('rejects an empty repository and a nameless case', () => {
    expect(rejection(() => validateRuleTestCases(rule, { valid: [{ name: 'empty', repo: {} }], invalid: [] })).message).toMatch(/empty repo/);
    expect(rejection(() => validateRuleTestCases(rule, { valid: [{ name: ' ', repo: applied }], invalid: [] })).message).toMatch(/no name/);
  });

  it('RuleTester.run rejects malformed cases before registering tests', () => {
    const registered: string[] = [];
    const tester = new RuleTester({ describe: (_n, fn) => fn(), it: (n) => registered.push(n) });
    rejection(() => tester.run(rule, { valid: [{ name: 'a', repo: applied }, { name: 'a', repo: applied }], invalid: [] }));
    expect(registered).toEqual([]);
  });
});

describe('assertValidCase / assertInvalidCase', () => {
  it('passes and fails as the rule reports', () => {
    expect(() => assertValidCase(rule, { name: 'ok', repo: applied })).not.toThrow();
    expect(() => assertValidCase(rule, { name: 'not ok', repo: unapplied })).toThrow(AssertionError);
    const expected = { messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 };
    expect(() => assertInvalidCase(rule, { name: 'ok', repo: unapplied, findings: [expected] })).not.toThrow();
  });

  it('fails on a wrong line, column, message, file or count', () => {
    const base = { messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 };
    for (const wrong of [
      [{ ...base, line: 2 }],
      [{ ...base, column: 3 }],
      [{ ...base, message: 'something else' }],
      [{ ...base, file: 'other/kustomization.yaml' }],
      [base, base],
    ]) {
      expect(() => assertInvalidCase(rule, { name: 'x', repo: unapplied, findings: wrong })).toThrow(AssertionError);
    }
    expect(() => assertInvalidCase(rule, { name: 'x', repo: applied, findings: [base] })).toThrow(AssertionError);
  });

  it('applies options from the case over the defaults and kustodian.yaml', () => {
    const labelled = defineRule({
      id: 'test-labelled',
      meta: {
        category: 'structure',
        defaultSeverity: 'info',
        summary: 'T.',
        rationale: 'T.',
        fix: 'T.',
        messages: { file: '{{label}} {{file}}' },
        options: { schema: { type: 'object', properties: { label: { type: 'string' } } }, defaults: { label: 'default' } },
      },
      check({ model, options, report }) {
        for (const f of model.files) report({ messageId: 'file', data: { label: options.label, file: f.path }, location: { file: f.path, line: 1, column: 1 } });
      },
    });
    const repo = { 'clusters/home/kustomization.yaml': 'resources: []\n', 'kustodian.yaml': 'rules:\n  test-labelled:\n    options: { label: from-config }\n' };
    const at = { messageId: 'file', file: 'clusters/home/kustomization.yaml', line: 1 };
    const kustodianYaml = { messageId: 'file', file: 'kustodian.yaml', line: 1 };
    expect(() => assertInvalidCase(labelled, { name: 'config', repo, findings: [{ ...at, message: 'from-config clusters/home/kustomization.yaml' }, kustodianYaml] })).not.toThrow();
    expect(() =>
      assertInvalidCase(labelled, { name: 'case', repo, options: { label: 'from-case' }, findings: [{ ...at, message: 'from-case clusters/home/kustomization.yaml' }, kustodianYaml] }),
    ).not.toThrow();
  });

  it('registers one test per case under the rule id', () => {
    const names: string[] = [];
    const stack: string[] = [];
    const tester = new RuleTester({
      describe: (n, fn) => {
        stack.push(n);
        fn();
        stack.pop();
      },
      it: (n) => names.push([...stack, n].join(' > ')),
    });
    tester.run(rule, {
      valid: [{ name: 'applied', repo: applied }],
      invalid: [{ name: 'unapplied', repo: unapplied, findings: [{ messageId: 'kustomizationFile', file: 'old/kustomization.yaml', line: 1 }] }],
    });
    expect(names).toEqual(['kustomization-unapplied > valid > applied', 'kustomization-unapplied > invalid > unapplied']);
  });
});
