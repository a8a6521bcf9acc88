import { ConfigError, loadConfig, MemoryFileSystem } from '@kustodian/manifest-model';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../engine/define-rule.js';
import { engineRules } from '../engine/rules/engine-rules.js';
import { allRules } from '../rules/registry.js';
import { configurableRules, loadAuditConfig, publishedConfigSchema, readAuditConfig } from './audit-config.js';

const optionsRule = defineRule({
  id: 'test-options',
  meta: {
    category: 'structure',
    defaultSeverity: 'info',
    summary: 'Test.',
    rationale: 'Test.',
    fix: 'Test.',
    messages: { m: 'm' },
    options: { schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } }, defaults: { max: 3 } },
  },
  check() {},
});

describe('the rules kustodian.yaml may configure', () => {
  it('are the engine rules and the rules given, each once, described by its meta', () => {
    const ids = configurableRules([optionsRule, ...engineRules]).map((r) => r.id);
    expect(ids).toEqual([...engineRules.map((r) => r.id), 'test-options']);
    expect(configurableRules([optionsRule]).find((r) => r.id === 'test-options')).toEqual({
      id: 'test-options',
      summary: 'Test.',
      defaultSeverity: 'info',
      optionsSchema: optionsRule.meta.options!.schema,
    });
  });

  it("checks a rule's options against the schema the rule declares, and names an unknown rule with a suggestion", () => {
    expect(loadAuditConfig('rules:\n  test-options: { options: { max: 5 } }\n', 'kustodian.yaml', { rules: [optionsRule] }).rules).toEqual({
      'test-options': { options: { max: 5 } },
    });
    expect(() => loadAuditConfig('rules:\n  test-options: { options: { max: 0 } }\n', 'kustodian.yaml', { rules: [optionsRule] })).toThrow(ConfigError);
    expect(() => loadAuditConfig('rules:\n  kustomization-unaplied: off\n', 'kustodian.yaml', { rules: allRules })).toThrow(
      'rules.kustomization-unaplied: unknown rule "kustomization-unaplied" (did you mean "kustomization-unapplied"?)',
    );
  });

  it('lets the engine rules be configured even when no rule is given', () => {
    const engine = engineRules[0]!.id;
    expect(readAuditConfig(new MemoryFileSystem({ 'kustodian.yaml': `rules:\n  ${engine}: off\n` })).rules).toEqual({ [engine]: { severity: 'off' } });
  });

  it('publishes a schema with an entry for every built-in rule', () => {
    const schema = publishedConfigSchema(allRules) as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...new Set([...allRules, ...engineRules].map((r) => r.id))].sort());
  });
});

describe('the validator compiled ahead of time (config-validator.generated.ts)', () => {
  const texts = [
    '',
    'entryPoints: [clusters/home]\nignore: ["*.bak"]\nnamespaces: { retired: [old], known: [kube-system] }\n',
    'rules:\n  secret-undefined: warning\n  kustomization-unapplied: { severity: info }\n',
    'entryPoints: []\n',
    'namespaces:\n  retired: old\n',
    'rules:\n  kustomization-unaplied: off\n',
    'rules:\n  secret-undefined: loud\n',
    'secrets:\n  external:\n    - { name: x }\n',
    'unknownKey: 1\nbackup: { maxAge: 3 }\n',
  ];
  const outcome = (load: () => unknown) => {
    try {
      return { config: load() };
    } catch (error) {
      if (error instanceof ConfigError) return { problems: error.problems };
      throw error;
    }
  };

  it('says of valid and invalid files exactly what the schema compiled at run time says', () => {
    const rules = configurableRules(allRules);
    for (const text of texts) {
      // loadConfig without `precompiled` compiles the schema of these rules itself.
      expect(outcome(() => loadAuditConfig(text, 'kustodian.yaml', { rules: allRules })), text).toEqual(outcome(() => loadConfig(text, 'kustodian.yaml', { rules })));
    }
  });

  it('is used only for the schema it was compiled from: rules other than the built-in ones get a validator of their own', () => {
    // optionsRule's `max` has minimum 1: a precompiled validator of the built-in rules would call `test-options` unknown.
    expect(loadAuditConfig('rules:\n  test-options: { options: { max: 5 } }\n', 'kustodian.yaml', { rules: [...allRules, optionsRule] }).rules).toEqual({ 'test-options': { options: { max: 5 } } });
    expect(() => loadAuditConfig('rules:\n  test-options: { options: { max: 0 } }\n', 'kustodian.yaml', { rules: [...allRules, optionsRule] })).toThrow('rules.test-options.options.max');
  });
});
