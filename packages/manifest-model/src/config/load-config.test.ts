import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import type { ConfigurableRule } from './config-schema.js';
import { buildConfigSchema } from './config-schema.js';
import { DEFAULT_CONFIG } from './kustodian-config.js';
import { CONFIG_VALIDATOR_OPTIONS, ConfigError, configSchemaFingerprint, loadConfig, readConfig } from './load-config.js';

// The rules `rules:` may name are the caller's (the audit passes its own): two stand-ins here.
const RULES: readonly ConfigurableRule[] = [
  { id: 'kustomization-unapplied', summary: 'A kustomization nothing applies.', defaultSeverity: 'warning' },
  { id: 'suppression-unused', summary: 'A suppression that suppresses nothing.', defaultSeverity: 'info' },
];

function load(text: string, file = 'kustodian.yaml', options: { rules?: readonly ConfigurableRule[] } = { rules: RULES }) {
  return loadConfig(text, file, options);
}

function configError(text: string, options: { rules?: readonly ConfigurableRule[] } = { rules: RULES }): ConfigError {
  try {
    loadConfig(text, 'kustodian.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads every section and normalises rule settings', () => {
    const config = load(
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
        '  producers:',
        "    - { resource: example.com/Database, secrets: ['{name}-credentials'] }",
        'sources: { self: [flux-system/home-cluster], paths: { flux-system/platform: platform } }',
        'backup: { critical: [databases/*], never: [registry/*], maxAge: { default: 26h }, destinations: [s3://backups/home] }',
        'docs: { roots: [platform/*] }',
        'limits: { kustomizeDepth: 50 }',
        'rules:',
        '  kustomization-unapplied: off',
        '  suppression-unused: { severity: warning }',
      ].join('\n'),
      'kustodian.yaml',
      { rules: RULES },
    );
    expect(config).toEqual({
      entryPoints: ['clusters/home'],
      ignore: ['archive/**'],
      namespaces: { retired: ['legacy'], forbidden: ['default'], known: ['kube-system'] },
      secrets: {
        external: [{ name: 'longhorn-backup', namespace: 'longhorn-system', createdBy: 'manual', note: 'from 1Password' }],
        producers: [{ resource: 'example.com/Database', secrets: ['{name}-credentials'] }],
      },
      sources: { self: ['flux-system/home-cluster'], paths: { 'flux-system/platform': 'platform' } },
      backup: { critical: ['databases/*'], never: ['registry/*'], maxAge: { default: '26h' }, destinations: ['s3://backups/home'] },
      docs: { roots: ['platform/*'] },
      limits: { maxFileBytes: 8 * 1024 * 1024, kustomizeDepth: 50, aliasExpansion: 10 },
      rules: { 'kustomization-unapplied': { severity: 'off' }, 'suppression-unused': { severity: 'warning' } },
      file: 'kustodian.yaml',
    });
  });

  it('treats an empty file (or only comments) as the default configuration', () => {
    expect(load('')).toEqual({ ...DEFAULT_CONFIG, file: 'kustodian.yaml' });
    expect(load('# nothing yet\n')).toEqual({ ...DEFAULT_CONFIG, file: 'kustodian.yaml' });
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
    expect(load('docs:\n  roots: [platform/*]\n').docs).toEqual({ roots: ['platform/*'] });
    expect(load('docs: {}\n').docs).toEqual({});
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
    const rule: ConfigurableRule = {
      id: 'test-options',
      summary: 'Test.',
      defaultSeverity: 'info',
      optionsSchema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } },
    };
    expect(load('rules:\n  test-options: { options: { max: 5 } }\n', 'kustodian.yaml', { rules: [rule] }).rules).toEqual({
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

  it('types the backup policy: unknown keys and bad durations are located errors; absent, it is empty', () => {
    expect(load('ignore: []\n').backup).toEqual({ critical: [], never: [], maxAge: {}, destinations: [] });
    expect(load('backup: { never: [registry/*] }\n').backup).toEqual({ critical: [], never: ['registry/*'], maxAge: {}, destinations: [] });
    const unknown = configError('backup:\n  critcal: [databases/*]\n');
    expect(unknown.problems).toEqual([{ key: 'backup.critcal', message: 'unknown key "critcal" (did you mean "critical"?)', line: 2, column: 3 }]);
    const duration = configError('backup:\n  maxAge:\n    default: 26 hours\n');
    expect(duration.problems.map((p) => [p.key, p.line])).toEqual([['backup.maxAge.default', 3]]);
  });

  it('with no rules given, rules: may name none', () => {
    const e = configError('rules:\n  kustomization-unapplied: off\n', {});
    expect(e.problems.map((p) => p.key)).toEqual(['rules.kustomization-unapplied']);
  });
});

describe('readConfig', () => {
  it('is the default without kustodian.yaml, and reads it when present', () => {
    expect(readConfig(new MemoryFileSystem({}))).toBe(DEFAULT_CONFIG);
    const config = readConfig(new MemoryFileSystem({ 'kustodian.yaml': 'ignore: [archive/**]\n' }));
    expect(config.ignore).toEqual(['archive/**']);
    expect(config.file).toBe('kustodian.yaml');
  });

  it('refuses a file named on purpose that does not exist, and a kustodian.yaml that is a folder', () => {
    expect(() => readConfig(new MemoryFileSystem({}), { file: 'other.yaml' })).toThrow(
      'invalid configuration: other.yaml:1:1: the configuration file does not exist in the repository',
    );
    expect(() => readConfig(new MemoryFileSystem({ 'kustodian.yaml/a.yaml': 'x: 1\n' }))).toThrow(/kustodian\.yaml:1:1: the configuration file is a folder/);
  });
});

describe('a precompiled validator', () => {
  // A validator compiled the way the audit's build compiles one, counting its calls.
  function counting(rules: readonly ConfigurableRule[]) {
    const compiled = new Ajv(CONFIG_VALIDATOR_OPTIONS).compile(buildConfigSchema(rules));
    const calls = { n: 0 };
    const validate = Object.assign((data: unknown) => {
      calls.n++;
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    }, { errors: null as typeof compiled.errors }) as unknown as ValidateFunction;
    return { calls, precompiled: { fingerprint: configSchemaFingerprint(buildConfigSchema(rules)), validate } };
  }

  it('is used when its fingerprint is that of the schema of the rules given, for valid and invalid files alike', () => {
    const { calls, precompiled } = counting(RULES);
    expect(loadConfig('rules:\n  suppression-unused: off\n', 'kustodian.yaml', { rules: RULES, precompiled }).rules).toEqual({ 'suppression-unused': { severity: 'off' } });
    expect(() => loadConfig('rules:\n  suppression-unused: loud\n', 'kustodian.yaml', { rules: RULES, precompiled })).toThrow('rules.suppression-unused');
    expect(calls.n).toBeGreaterThanOrEqual(2);
  });

  it('is not used for another schema: the file is checked against the schema of the rules given', () => {
    const { calls, precompiled } = counting(RULES.slice(0, 1));
    expect(loadConfig('rules:\n  suppression-unused: off\n', 'kustodian.yaml', { rules: RULES, precompiled }).rules).toEqual({ 'suppression-unused': { severity: 'off' } });
    expect(calls.n).toBe(0);
  });
});
