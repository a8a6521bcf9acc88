import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '@kustodian/manifest-model';
import { auditRepository } from '../src/engine/audit-repository.js';
import { filterToChangedFiles } from '../src/engine/changed-files.js';
import type { AuditResult } from '../src/engine/audit-result.js';
import { allRules } from '../src/rules/registry.js';

// An audit of the changes only (the model builds what the changed files can affect) must report, in the changed
// files, exactly what the whole audit reports there: checked on every manifest of examples/ and on a seeded sample
// of each corpus repository's manifests and kustomization files, one changed file at a time and in pairs.
const repoRoot = resolve(import.meta.dirname, '../../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const repositories: (readonly [string, string, number])[] = [
  ['examples', join(repoRoot, 'examples'), Number.POSITIVE_INFINITY],
  ...['ahinko__home-ops', 'fluxcd__flux2-kustomize-helm-example', 'fluxcd__flux2-multi-tenancy', 'onedr0p__home-ops', 'toboshii__home-ops', 'xunholy__k8s-gitops'].map((name) => [name, join(corpus, name), 10] as const),
];

const findingKeys = (result: AuditResult, changed: readonly string[]) =>
  filterToChangedFiles(result, changed)
    .findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`)
    .sort();

/** A deterministic shuffle (a linear congruential generator), so that a failure names the same files on every run. */
function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return items
    .map((item) => [next(), item] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, n)
    .map(([, item]) => item);
}

describe('audit of the changes only', () => {
  for (const [name, dir, count] of repositories) {
    const present = existsSync(dir);
    if (!present) console.warn(`SKIPPED the changes-only parity on ${name}: ${dir} is absent`);
    it.skipIf(!present)(`reports in the changed files of ${name} what the whole audit reports there, building less`, () => {
      const full = auditRepository(new NodeFileSystem(dir), { rules: allRules });
      const candidates = full.model.files.filter((f) => f.role === 'manifest' || f.role === 'kustomization').map((f) => f.path);
      const singles = sample(candidates, Math.min(count, candidates.length), 7).map((f) => [f]);
      const pairs = sample(candidates, 4, 11).flatMap((a, i, all) => (i % 2 === 0 && all[i + 1] ? [[a, all[i + 1]!]] : []));
      let builtLess = 0;
      for (const changed of [...singles, ...pairs]) {
        const scoped = auditRepository(new NodeFileSystem(dir), { rules: allRules, changes: { files: changed } });
        expect(findingKeys(scoped.result, changed), changed.join(', ')).toEqual(findingKeys(full.result, changed));
        expect(scoped.model.changes?.changedFiles).toEqual([...changed].sort());
        if ((scoped.model.changes?.builtFluxKustomizations ?? 0) < full.model.fluxKustomizations.length) builtLess++;
      }
      // Not a model of everything in disguise: most changes build fewer Flux Kustomizations than the repository has.
      if (full.model.fluxKustomizations.length > 8) expect(builtLess).toBeGreaterThan(0);
    });
  }
});
