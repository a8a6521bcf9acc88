import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRepository, MemoryFileSystem, NodeFileSystem } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';
import { describe, expect, it } from 'vitest';
import { inspectRepositoryFile } from './sops-utils.js';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const examples = resolve(repoRoot, 'examples');
const shared = resolve(repoRoot, '../shared');
const corpus = ['fluxcd__flux2-kustomize-helm-example', 'fluxcd__flux2-multi-tenancy', 'onedr0p__home-ops', 'ahinko__home-ops', 'xunholy__k8s-gitops', 'toboshii__home-ops'].map((r) => resolve(shared, 'corpus', r));
const vectors = resolve(shared, 'vectors/sops');
const missing = [...corpus, vectors].filter((r) => !existsSync(r));

/** A result without positions: a field reached through an alias is placed at the alias by the model (where this document uses it), at the anchor by the text. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'line' || key === 'column' ? undefined : v)));
}

/** An alias (`*name`) in a YAML text: cron fields and globs may look like one, which only compares less. */
const ALIAS = /(^|[\s[{,:-])\*[\w.-]+/m;

/** Inspects every YAML file of a repository both ways (the model's documents, the file's text); returns files and fields compared. */
function compare(root: string): { files: number; fields: number } {
  const model = loadRepository(new NodeFileSystem(root));
  let files = 0;
  let fields = 0;
  for (const file of model.files) {
    if (!/\.(ya?ml|json)$/i.test(file.path)) continue;
    const text = model.store.text(file.path);
    if (text === undefined) continue;
    const fromModel = inspectRepositoryFile(model, file.path, text) ?? [];
    const fromText = inspectSopsFile(text, { file: file.path });
    files++;
    const aliased = ALIAS.test(text);
    // JSON evaluates the positions the model's inspection finds only when read.
    const byIndex = new Map(fromModel.map((r) => [r.documentIndex, JSON.parse(JSON.stringify(r)) as unknown]));
    for (const expected of fromText) {
      const got = byIndex.get(expected.documentIndex);
      if (got === undefined) {
        // A document the model holds no value for (empty, or only comments): nothing to inspect either way.
        expect(expected.encryptedFields.length + expected.unencryptedFields.length, `${file.path}#${expected.documentIndex}`).toBe(0);
        continue;
      }
      fields += expected.encryptedFields.length + expected.unencryptedFields.length;
      if (aliased) expect(withoutPositions(got), `${file.path}#${expected.documentIndex}`).toEqual(withoutPositions(expected));
      else expect(got, `${file.path}#${expected.documentIndex}`).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  }
  return { files, fields };
}

describe('the SOPS inspection of a repository file', () => {
  it('gives, from the model’s documents, what inspecting the file’s text gives (status, fields and their positions, findings) on examples/', () => {
    const { files, fields } = compare(examples);
    expect(files).toBeGreaterThan(50);
    expect(fields).toBeGreaterThan(500);
  });

  if (missing.length > 0) console.warn(`SKIPPED the corpus part of the SOPS inspection parity: missing ${missing.join(', ')}`);
  it.skipIf(missing.length > 0)('gives the same from the model’s documents as from the text on the six corpus repositories and the files written by the real sops tool', () => {
    let files = 0;
    let fields = 0;
    for (const root of [...corpus, vectors]) {
      const n = compare(root);
      files += n.files;
      fields += n.fields;
    }
    expect(files).toBeGreaterThan(1000);
    expect(fields).toBeGreaterThan(10_000);
  });

  it('inspects a file the model could not parse from its text, which locates the error', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  a: [1\n';
    const model = loadRepository(new MemoryFileSystem({ 'apps/broken.yaml': text, 'apps/kustomization.yaml': 'resources: [broken.yaml]\n' }));
    expect(model.diagnostics.some((d) => d.code === 'yaml-syntax' && d.location.file === 'apps/broken.yaml')).toBe(true);
    const result = inspectRepositoryFile(model, 'apps/broken.yaml');
    expect(result?.[0]?.parseError?.line).toBe(7);
    expect(result).toEqual(inspectSopsFile(text, { file: 'apps/broken.yaml' }));
  });
});
