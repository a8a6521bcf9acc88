import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../src/fs/node-file-system.js';
import { loadRepository } from '../src/model/load-repository.js';
import { modelToJson } from '../src/model/model-json.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const repositories = [
  ['examples', join(repoRoot, 'examples')],
  ...['fluxcd__flux2-kustomize-helm-example', 'fluxcd__flux2-multi-tenancy', 'onedr0p__home-ops'].map((name) => [name, join(corpus, name)] as const),
] as const;

describe('loading real repositories', () => {
  for (const [name, dir] of repositories) {
    const present = existsSync(dir);
    if (!present) console.warn(`SKIPPED loading ${name}: ${dir} is absent`);
    it.skipIf(!present)(`loads ${name} without an exception; every diagnostic points at a file of the repository and a line`, () => {
      const model = loadRepository(new NodeFileSystem(dir));
      const paths = new Set(model.files.map((f) => f.path));
      expect(model.entryPoints.length).toBeGreaterThan(0);
      expect(model.resources.length).toBeGreaterThan(5);
      for (const d of model.diagnostics) {
        expect(paths.has(d.location.file), `${d.code} ${d.location.file}`).toBe(true);
        expect(d.location.line).toBeGreaterThanOrEqual(1);
        expect(d.location.column).toBeGreaterThanOrEqual(1);
      }
      // Every applied resource traces back to a file and line and to the Flux Kustomizations that apply it.
      for (const r of model.resources) {
        expect(paths.has(r.location.file)).toBe(true);
        expect(r.location.line).toBeGreaterThanOrEqual(1);
      }
      // The JSON contract serialises (no cycles, no undefined in arrays).
      expect(() => JSON.stringify(modelToJson(model))).not.toThrow();
    });
  }
});
