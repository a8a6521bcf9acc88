import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../src/fs/memory-file-system.js';
import { KUSTOMIZE_MAX_DEPTH } from '../src/kustomize/build.js';
import { loadRepository } from '../src/model/load-repository.js';
import { modelOptions } from '../src/config/kustodian-config.js';
import { readConfig } from '../src/config/load-config.js';

// Inputs of user-controlled depth: each is a located diagnostic or simply works, never a stack overflow.
describe('depth that the repository controls', () => {
  it('a chain of 1,500 nested kustomizations: built down to the limit, then a located kustomize-depth-limit', () => {
    const files: Record<string, string> = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../c/0\n' };
    for (let i = 0; i < 1500; i++) {
      files[`c/${i}/kustomization.yaml`] = `resources:\n  - cm.yaml\n${i < 1499 ? `  - ../${i + 1}\n` : ''}`;
      files[`c/${i}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: default\n`;
    }
    const model = loadRepository(new MemoryFileSystem(files));
    const limits = model.diagnostics.filter((d) => d.code === 'kustomize-depth-limit');
    expect(limits.length).toBeGreaterThan(0);
    expect(limits[0]).toMatchObject({ severity: 'error', location: { line: 3 } });
    expect(limits[0]!.message).toMatch(new RegExp(`is ${KUSTOMIZE_MAX_DEPTH + 1} kustomizations deep .*builds at most ${KUSTOMIZE_MAX_DEPTH} nested levels`));
    expect(model.resources.filter((r) => r.appliedBy.length > 0).length).toBeGreaterThanOrEqual(KUSTOMIZE_MAX_DEPTH - 1);
  });

  it('12,000 Flux Kustomizations in one dependsOn chain are ordered', () => {
    const docs = Array.from(
      { length: 12_000 },
      (_, i) =>
        `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: k${i}\n  namespace: flux-system\nspec:\n${i > 0 ? `  dependsOn:\n    - name: k${i - 1}\n` : ''}  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`,
    );
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/kustomization.yaml': 'resources:\n  - ks.yaml\n',
        'clusters/home/ks.yaml': docs.join('---\n'),
        'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n',
      }),
    );
    const order = model.fluxKustomizations.map((k) => k.key);
    expect(order.indexOf('flux-system/k0')).toBeLessThan(order.indexOf('flux-system/k11999'));
    expect(model.diagnostics.filter((d) => d.code === 'flux-depends-on-cycle')).toEqual([]);
  });
});

describe('size that the repository controls', () => {
  it('postBuild.substitute with a 1 MB variable used 2,000 times: the object is left as written, with a located flux-substitution-too-large', () => {
    const data = Array.from({ length: 2000 }, (_, i) => `  k${i}: "a-\${BIG}-b"\n`).join('');
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/kustomization.yaml': 'resources:\n  - ks.yaml\n',
        'clusters/home/ks.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: big\n  namespace: flux-system\nspec:\n  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  postBuild:\n    substitute:\n      BIG: "${'x'.repeat(1 << 20)}"\n      SMALL: "y"\n`,
        'apps/kustomization.yaml': 'resources:\n  - big.yaml\n  - small.yaml\n',
        'apps/big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: default\ndata:\n${data}`,
        'apps/small.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\n  namespace: default\ndata:\n  v: "${SMALL}"\n',
      }),
    );
    const tooLarge = model.diagnostics.filter((d) => d.code === 'flux-substitution-too-large');
    expect(tooLarge).toEqual([expect.objectContaining({ severity: 'error', location: { file: 'apps/big.yaml', line: 1, column: 1 } })]);
    expect(tooLarge[0]!.message).toContain('Flux Kustomization flux-system/big');
    const big = model.resources.find((r) => r.name === 'big');
    expect((big?.body['data'] as Record<string, string>)['k0']).toBe('a-${BIG}-b');
    // The rest is substituted as usual.
    expect((model.resources.find((r) => r.name === 'small')?.body['data'] as Record<string, string>)['v']).toBe('y');
  });
});

describe('the limits of kustodian.yaml (limits:)', () => {
  const chain = (depth: number): Record<string, string> => {
    const files: Record<string, string> = { 'clusters/home/kustomization.yaml': 'resources:\n  - ../../c/0\n' };
    for (let i = 0; i < depth; i++) {
      files[`c/${i}/kustomization.yaml`] = `resources:\n  - cm.yaml\n${i < depth - 1 ? `  - ../${i + 1}\n` : ''}`;
      files[`c/${i}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: default\n`;
    }
    return files;
  };
  const load = (files: Record<string, string>) => {
    const fs = new MemoryFileSystem(files);
    return loadRepository(fs, modelOptions(readConfig(fs)));
  };

  it('kustomizeDepth: a chain deeper than the configured depth stops there, one deep enough is built whole', () => {
    const shallow = load({ ...chain(12), 'kustodian.yaml': 'limits:\n  kustomizeDepth: 5\n' });
    const limit = shallow.diagnostics.find((d) => d.code === 'kustomize-depth-limit');
    expect(limit?.message).toMatch(/is 6 kustomizations deep .*builds at most 5 nested levels \(limits\.kustomizeDepth in kustodian\.yaml\)/);
    expect(shallow.resources.filter((r) => r.appliedBy.length > 0).length).toBeLessThan(12);
    // 250 levels: past the default of 200, within a configured 300.
    const deep = load({ ...chain(250), 'kustodian.yaml': 'limits:\n  kustomizeDepth: 300\n' });
    expect(deep.diagnostics.filter((d) => d.code === 'kustomize-depth-limit')).toEqual([]);
    expect(deep.resources.filter((r) => r.appliedBy.length > 0)).toHaveLength(250);
  });

  it('maxFileBytes: a file over the configured size is file-too-large and not parsed', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: default\ndata:\n  a: "${'x'.repeat(3000)}"\n`;
    const files = { 'apps/kustomization.yaml': 'resources: [big.yaml]\n', 'apps/big.yaml': big };
    expect(load(files).diagnostics.filter((d) => d.code === 'file-too-large')).toEqual([]);
    const limited = load({ ...files, 'kustodian.yaml': 'limits:\n  maxFileBytes: 2048\n' });
    const tooLarge = limited.diagnostics.find((d) => d.code === 'file-too-large');
    expect(tooLarge).toMatchObject({ location: { file: 'apps/big.yaml', line: 1 } });
    expect(tooLarge?.message).toContain('2048-byte limit (limits.maxFileBytes in kustodian.yaml)');
  });

  it('aliasExpansion: a document that grows past the configured factor is yaml-alias-limit', () => {
    // Eleven doubling aliases expand to ~16,000 nodes; 3,000 plain values make ~3,050 distinct ones:
    // under the default factor of 10, over a configured factor of 1.
    const lines = ['a0: &a0 [x, x]'];
    for (let i = 1; i <= 11; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    lines.push(`plain: [${Array.from({ length: 3000 }, (_, i) => `v${i}`).join(', ')}]`);
    const body = lines.map((l) => `  ${l}`).join('\n');
    const files = { 'apps/kustomization.yaml': 'resources: [v.yaml]\n', 'apps/v.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\n  namespace: default\nx:\n${body}\n` };
    expect(load(files).diagnostics.filter((d) => d.code === 'yaml-alias-limit')).toEqual([]);
    const limited = load({ ...files, 'kustodian.yaml': 'limits:\n  aliasExpansion: 1\n' }).diagnostics.filter((d) => d.code === 'yaml-alias-limit');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ location: { file: 'apps/v.yaml' } });
    expect(limited[0]!.message).toContain('limits.aliasExpansion in kustodian.yaml');
  });

  it('refuses limits that are not numbers in range, naming the key', () => {
    expect(() => readConfig(new MemoryFileSystem({ 'kustodian.yaml': 'limits:\n  kustomizeDepth: 0\n' }))).toThrow('limits.kustomizeDepth');
    expect(() => readConfig(new MemoryFileSystem({ 'kustodian.yaml': 'limits:\n  maxFileBytes: big\n' }))).toThrow('limits.maxFileBytes');
    expect(() => readConfig(new MemoryFileSystem({ 'kustodian.yaml': 'limits:\n  depth: 3\n' }))).toThrow('limits');
  });
});
