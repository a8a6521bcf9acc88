import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateField, locateFieldByLines, locateInBlock, parseYamlFile } from '../src/documents/parse-yaml-file.js';
import { valueAt } from '../src/references/extractors/extractor.js';
import type { FieldPath } from '../src/documents/yaml-document.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const examples = join(repoRoot, 'examples');
const corpus = ['fluxcd__flux2-kustomize-helm-example', 'fluxcd__flux2-multi-tenancy', 'onedr0p__home-ops', 'ahinko__home-ops', 'xunholy__k8s-gitops', 'toboshii__home-ops'].map((r) => resolve(repoRoot, '../shared/corpus', r));
const corpusMissing = corpus.filter((r) => !existsSync(r));

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory() && e.name !== '.git') yamlFiles(abs, out);
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(abs);
  }
  return out;
}

/** Every key path of a value, to compare field locations. */
function keyPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (Array.isArray(value)) value.forEach((v, i) => keyPaths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      keyPaths(v, [...prefix, k], out);
    }
  }
  return out;
}

/** Parses every YAML file of the roots both ways and asserts the same result; returns how many files, how many took the fast path, and how many field locations the line scanner answered. */
function compareParsers(roots: readonly string[]): { files: number; fastFiles: number; scanned: number; paths: number } {
  let files = 0;
  let fastFiles = 0;
  let scanned = 0;
  let paths = 0;
  for (const root of roots) {
    for (const abs of yamlFiles(root)) {
      const name = relative(root, abs);
      const bytes = readFileSync(abs);
      const fast = parseYamlFile(name, bytes);
      const full = parseYamlFile(name, bytes, { fullParser: true });
      files++;
      if (fast.documents.some((d) => d.constructor.name === 'LazyYamlDocument')) fastFiles++;
      expect(fast.diagnostics, name).toEqual(full.diagnostics);
      expect(fast.documents.map((d) => [d.index, d.location, d.value]), name).toEqual(full.documents.map((d) => [d.index, d.location, d.value]));
      fast.documents.forEach((doc, i) => {
        for (const path of keyPaths(doc.value)) {
          paths++;
          // The line scanner first (before anything builds the AST), where it answers: it must say what the AST says.
          const byLines = locateFieldByLines(doc, path);
          if (byLines) {
            scanned++;
            expect(byLines, `${name} ${path.join('.')} (line scanner)`).toEqual(locateField(full.documents[i]!, path));
          }
          // A line inside a block scalar: the same line either way.
          const value = valueAt(doc.value, path);
          if (typeof value === 'string' && value.includes('\n')) {
            const lineStarts = [...value.matchAll(/\n/g)].map((m) => m.index + 1).filter((o) => o < value.length).slice(0, 4);
            for (const offset of lineStarts) expect(locateInBlock(doc, path, value, offset), `${name} ${path.join('.')} @${offset}`).toEqual(locateInBlock(full.documents[i]!, path, value, offset));
          }
        }
        // Keys a mapping does not have (a finding often points near one: a missing metadata.namespace): the deepest key the path reaches, either way.
        const mappings = [[], ...keyPaths(doc.value)].filter((path) => {
          const v = path.length === 0 ? doc.value : valueAt(doc.value, path);
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        for (const path of [...mappings.map((p) => [...p, 'no-such-key']), ['metadata', 'namespace'], ['no-such-key', 'deeper']]) {
          paths++;
          const byLines = locateFieldByLines(doc, path);
          if (byLines) {
            scanned++;
            expect(byLines, `${name} ${path.join('.')} (line scanner, missing key)`).toEqual(locateField(full.documents[i]!, path));
          }
        }
        for (const path of keyPaths(doc.value)) expect(locateField(doc, path), `${name} ${path.join('.')}`).toEqual(locateField(full.documents[i]!, path));
      });
    }
  }
  return { files, fastFiles, scanned, paths };
}

describe('the fast YAML path', () => {
  it('gives the same documents, values, start positions and field locations as the full parser on every YAML file of examples/', () => {
    const { files, fastFiles } = compareParsers([examples]);
    expect(files).toBeGreaterThan(20);
    // The fast path must actually be the common one.
    expect(fastFiles / files).toBeGreaterThan(0.8);
  });

  if (corpusMissing.length > 0) console.warn(`SKIPPED the corpus part of the fast-path parity: missing ${corpusMissing.join(', ')}`);
  it.skipIf(corpusMissing.length > 0)('gives the same documents, values, start positions and field locations as the full parser on every YAML file of the six corpus repositories', () => {
    const { files, fastFiles, scanned, paths } = compareParsers(corpus);
    expect(files).toBeGreaterThan(100);
    expect(fastFiles / files).toBeGreaterThan(0.8);
    // The scanner must answer most questions, or it saves nothing.
    expect(scanned / paths).toBeGreaterThan(0.5);
  });

  const enc = (s: string) => new TextEncoder().encode(s);
  it('reads anchors and aliases (the home-ops `name: &app x` habit) and cron fields on the fast path, with the same values', () => {
    for (const text of ['metadata:\n  name: &app web\nspec:\n  selector: {app: *app}\n', 'base: &b {cpu: 1}\nother: *b\n', 'schedule: "*/5 * * * *"\nrun: echo *\n']) {
      const fast = parseYamlFile('t.yaml', enc(text));
      const full = parseYamlFile('t.yaml', enc(text), { fullParser: true });
      expect(fast.documents.every((d) => d.constructor.name === 'LazyYamlDocument'), text).toBe(true);
      expect(fast.documents.map((d) => [d.index, d.location, d.value])).toEqual(full.documents.map((d) => [d.index, d.location, d.value]));
      for (const path of keyPaths(fast.documents[0]!.value)) expect(locateField(fast.documents[0]!, path)).toEqual(locateField(full.documents[0]!, path));
    }
  });

  it('leaves tags, errors and alias bombs to the full parser, which reports them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    for (const text of ['a: !!str 1\n', 'a: 1\na: 2\n', 'a: [1\n', bomb]) {
      const fast = parseYamlFile('t.yaml', enc(text));
      const full = parseYamlFile('t.yaml', enc(text), { fullParser: true });
      expect(fast.documents.every((d) => d.constructor.name !== 'LazyYamlDocument')).toBe(true);
      expect(fast.diagnostics).toEqual(full.diagnostics);
      expect(fast.documents.map((d) => [d.index, d.location, d.value])).toEqual(full.documents.map((d) => [d.index, d.location, d.value]));
    }
  });
});
