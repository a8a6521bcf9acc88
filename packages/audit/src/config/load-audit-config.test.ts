import { defineRule } from '../engine/define-rule.js';
import { allRules } from '../rules/registry.js';
import { AuditConfigError } from '../errors.js';
import { DEFAULT_AUDIT_CONFIG } from './audit-config.js';
import { loadAuditConfig } from './load-audit-config.js';

function configError(text: string, options: Parameters<typeof loadAuditConfig>[2] = { rules: allRules }): AuditConfigError {
  try {
    loadAuditConfig(text, 'kustodian.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(AuditConfigError);
    return error as AuditConfigError;
  }
  throw new Error('expected an AuditConfigError');
}

describe('loadAuditConfig', () => {
  it('reads every section and normalises rule settings', () => {
    const config = loadAuditConfig(
      [
        '# yaml-language-server: $schema=../kustodian.schema.json',
        'entryPoints: [clusters/home]',
        'ignore: ["archive/**"]',
        'namespaces:',
        '  retired: [legacy]',
        '  forbidden: [default]',
        '  known: [kube-system]',
        'secrets:',
        '  external:',
        '    - { name: longhorn-backup, namespace: longhorn-system, createdBy: manual, note: from 1Password }',
        'backup: { anything: [goes, here] }',
        'docs: { roots: [platform/*] }',
        'rules:',
        '  kustomization-unapplied: off',
        '  suppression-unused: { severity: warning }',
      ].join('\n'),
      'kustodian.yaml',
      { rules: allRules },
    );
    expect(config).toEqual({
      entryPoints: ['clusters/home'],
      ignore: ['archive/**'],
      namespaces: { retired: ['legacy'], forbidden: ['default'], known: ['kube-system'] },
      secrets: { external: [{ name: 'longhorn-backup', namespace: 'longhorn-system', createdBy: 'manual', note: 'from 1Password' }] },
      backup: { anything: ['goes', 'here'] },
      docs: { roots: ['platform/*'] },
      rules: { 'kustomization-unapplied': { severity: 'off' }, 'suppression-unused': { severity: 'warning' } },
      file: 'kustodian.yaml',
    });
  });

  it('treats an empty file (or only comments) as the default configuration', () => {
    expect(loadAuditConfig('')).toEqual({ ...DEFAULT_AUDIT_CONFIG, file: 'kustodian.yaml' });
    expect(loadAuditConfig('# nothing yet\n')).toEqual({ ...DEFAULT_AUDIT_CONFIG, file: 'kustodian.yaml' });
  });

  it('names an unknown top-level key, its line, and the key it probably meant', () => {
    const e = configError('ignore: []\nentrypoints: [clusters/home]\n');
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.problems).toEqual([{ key: 'entrypoints', message: 'unknown key "entrypoints" (did you mean "entryPoints"?)', line: 2, column: 1 }]);
    expect(e.message).toBe('invalid configuration: kustodian.yaml:2:1: entrypoints: unknown key "entrypoints" (did you mean "entryPoints"?)');
  });

  it('names an unknown rule id with a suggestion', () => {
    const e = configError('rules:\n  kustomization-unaplied: off\n');
    expect(e.problems).toEqual([
      { key: 'rules.kustomization-unaplied', message: 'unknown rule "kustomization-unaplied" (did you mean "kustomization-unapplied"?)', line: 2, column: 3 },
    ]);
  });

  it('rejects a misspelled docs setting instead of ignoring it, and reads docs.roots', () => {
    const e = configError('docs:\n  root: [platform/*]\n');
    expect(e.problems.map((p) => `${p.key} ${p.line}:${p.column}`)).toEqual(['docs.root 2:3']);
    expect(loadAuditConfig('docs:\n  roots: [platform/*]\n').docs).toEqual({ roots: ['platform/*'] });
    expect(loadAuditConfig('docs: {}\n').docs).toEqual({});
  });

  it('points at a bad severity value', () => {
    const e = configError('rules:\n  kustomization-unapplied: warn\n');
    expect(e.problems).toEqual([
      { key: 'rules.kustomization-unapplied', message: 'must be one of "off", "info", "warning", "error" (got "warn")', line: 2, column: 28 },
    ]);
    const nested = configError('rules:\n  kustomization-unapplied:\n    severity: fatal\n');
    expect(nested.problems).toEqual([
      { key: 'rules.kustomization-unapplied.severity', message: 'must be one of "off", "info", "warning", "error" (got "fatal")', line: 3, column: 15 },
    ]);
  });

  it('rejects options for a rule that takes none', () => {
    const e = configError('rules:\n  kustomization-unapplied:\n    options: { depth: 2 }\n');
    expect(e.problems).toEqual([{ key: 'rules.kustomization-unapplied.options.depth', message: 'unknown key "depth"', line: 3, column: 16 }]);
  });

  it("validates a rule's options against the schema the rule declares", () => {
    const rule = defineRule({
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
    expect(loadAuditConfig('rules:\n  test-options: { options: { max: 5 } }\n', 'kustodian.yaml', { rules: [rule] }).rules).toEqual({
      'test-options': { options: { max: 5 } },
    });
    const e = configError('rules:\n  test-options:\n    options:\n      max: 0\n', { rules: [rule] });
    expect(e.problems).toEqual([{ key: 'rules.test-options.options.max', message: 'must be >= 1', line: 4, column: 12 }]);
  });

  it('lists every problem, in line order', () => {
    const e = configError('namespaces:\n  retired: legacy\nsecrets:\n  external:\n    - name: a\n      namespace: b\n');
    expect(e.problems).toEqual([
      { key: 'namespaces.retired', message: 'must be a list (got string "legacy")', line: 2, column: 12 },
      { key: 'secrets.external.0', message: 'missing required key "createdBy"', line: 5, column: 7 },
    ]);
    expect(e.message).toContain('invalid configuration (2 problems):');
  });

  it('reports a YAML syntax error with its line', () => {
    const e = configError('ignore:\n  - a\n bad: [\n');
    expect(e.problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(e.problems[0]!.key).toBe('');
  });

  it('rejects a file that is not a mapping', () => {
    const e = configError('- a\n- b\n');
    expect(e.problems).toEqual([{ key: '', message: 'must be a mapping (got a list)', line: 1, column: 1 }]);
  });

  it('rejects duplicate keys', () => {
    const e = configError('ignore: []\nignore: [a]\n');
    expect(e.problems[0]!.line).toBe(2);
  });
});
