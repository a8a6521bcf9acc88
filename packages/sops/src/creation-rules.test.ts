import { describe, expect, it } from 'vitest';
import { HAVE_VECTORS, readVector } from '../test/vectors.js';
import { findCreationRule, parseSopsConfig, pathForRules } from './creation-rules.js';
import { isSopsError } from './errors.js';

const A = 'age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29';
const B = 'age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvr';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isSopsError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('parseSopsConfig / findCreationRule', () => {
  it('picks the first rule whose path_regex matches the path relative to the config folder', () => {
    const config = parseSopsConfig(
      `creation_rules:
  - path_regex: ^clusters/prod/.*\\.yaml$
    age: ${A}
  - path_regex: \\.yaml$
    age: [${B}]
    encrypted_regex: ^(data|stringData)$
  - age: "${A}, ${B}"
`,
      { directory: '/repo' },
    );
    expect(findCreationRule(config, '/repo/clusters/prod/db.yaml').index).toBe(0);
    expect(findCreationRule(config, 'apps/db.yaml')).toMatchObject({ index: 1, keyGroups: [{ age: [B], others: [] }], selectors: { encryptedRegex: '^(data|stringData)$' } });
    // A rule without path_regex matches everything.
    expect(findCreationRule(config, '/repo/notes.txt')).toMatchObject({ index: 2, keyGroups: [{ age: [A, B] }] });
    // Outside the folder the path stays absolute, so an anchored rule does not match it.
    expect(pathForRules(config, '/elsewhere/clusters/prod/db.yaml')).toBe('/elsewhere/clusters/prod/db.yaml');
    expect(findCreationRule(config, '/elsewhere/clusters/prod/db.yaml').index).toBe(1);
  });

  it('reads key_groups with merge, shamir_threshold, de-duplicates keys and keeps non-age keys', () => {
    const config = parseSopsConfig(
      `creation_rules:
  - shamir_threshold: 2
    age: ${A}
    key_groups:
      - age: [${A}, ${A}]
        pgp: [FP1]
      - merge:
          - age: [${B}]
        kms:
          - arn: arn:aws:kms:eu-west-1:1:key/x
`,
      { directory: '/r' },
    );
    const rule = findCreationRule(config, '/r/x.yaml');
    expect(rule.shamirThreshold).toBe(2);
    expect(rule.keyGroups.map((g) => g.age)).toEqual([[A], [B]]);
    expect(rule.keyGroups.map((g) => g.others?.map((o) => o.type))).toEqual([['pgp'], ['kms']]);
  });

  it('reads store indentation and ignores unknown keys (a misspelt path_regexp makes a catch-all rule)', () => {
    const config = parseSopsConfig(`stores:\n  yaml:\n    indent: 2\n  json:\n    indent: 3\ncreation_rules:\n  - path_regexp: \\.json$\n    age: ${A}\n`, { directory: '/r' });
    expect(config.stores).toEqual({ yamlIndent: 2, jsonIndent: 3 });
    expect(findCreationRule(config, '/r/x.yaml').index).toBe(0);
  });

  it('rejects several selectors in one rule, bad regexes and bad YAML', () => {
    expect(codeOf(() => parseSopsConfig(`creation_rules:\n  - encrypted_regex: a\n    unencrypted_suffix: b\n`, { directory: '/' }))).toBe('SOPS_CONFIG_INVALID');
    expect(codeOf(() => parseSopsConfig(`creation_rules:\n  - path_regex: "("\n`, { directory: '/' }))).toBe('SOPS_CONFIG_INVALID');
    expect(codeOf(() => parseSopsConfig(`creation_rules: [\n`, { directory: '/' }))).toBe('SOPS_CONFIG_INVALID');
    expect(codeOf(() => findCreationRule(parseSopsConfig('creation_rules: []\n', { directory: '/' }), '/x.yaml'))).toBe('SOPS_NO_CREATION_RULE');
  });

  it('understands Go regex spellings', () => {
    const config = parseSopsConfig(`creation_rules:\n  - path_regex: (?i)SECRETS?/(?P<name>[[:alpha:]]+)\\.yaml\\z\n    age: ${A}\n`, { directory: '/r' });
    expect(findCreationRule(config, '/r/secrets/db.yaml').index).toBe(0);
    expect(codeOf(() => findCreationRule(config, '/r/secrets/db1.yaml'))).toBe('SOPS_NO_CREATION_RULE');
  });

  it.skipIf(!HAVE_VECTORS)("reads Flux's .sops.yaml (anchors, aliases, pgp and age rules)", () => {
    const config = parseSopsConfig(readVector('flux-kustomize-controller/dot-sops.yaml'), { directory: '/flux' });
    expect(config.stores).toEqual({ yamlIndent: 2, jsonIndent: 2 });
    expect(findCreationRule(config, '/flux/secret.yaml')).toMatchObject({ index: 2, keyGroups: [{ age: [A] }], selectors: { encryptedRegex: '^(data|stringData)$' } });
    expect(findCreationRule(config, '/flux/pgp.yaml').keyGroups[0]!.others?.[0]?.type).toBe('pgp');
    expect(findCreationRule(config, '/flux/envs/env.env').index).toBe(3);
    expect(findCreationRule(config, '/flux/file.bin').keyGroups.map((g) => g.age.length)).toEqual([1, 0]);
  });
});
