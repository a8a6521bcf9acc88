import { describe, expect, it } from 'vitest';
import { locateField, parseYamlFile } from './parse-yaml-file.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseYamlFile', () => {
  it('returns every document of a multi-document file with its start line', () => {
    const { documents, diagnostics } = parseYamlFile('a.yaml', enc('a: 1\n---\nb: 2\n---\n# only a comment\n---\nc: 3\n'));
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.index, d.location.line, d.value])).toEqual([
      [0, 1, { a: 1 }],
      [1, 3, { b: 2 }],
      [3, 7, { c: 3 }],
    ]);
  });

  it('reports a syntax error at its line and still loads the other documents', () => {
    const { documents, diagnostics } = parseYamlFile('bad.yaml', enc('a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n'));
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { d: 4 }]);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', location: { file: 'bad.yaml' } });
    expect(diagnostics[0]!.location.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const { documents, diagnostics } = parseYamlFile('dup.yaml', enc('metadata:\n  name: a\n  name: b\n'));
    expect(documents).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'yaml-duplicate-key', location: { file: 'dup.yaml', line: 3 } }]);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    const { documents, diagnostics } = parseYamlFile('bomb.yaml', enc(bomb));
    expect(documents).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'yaml-alias-limit', location: { file: 'bomb.yaml', line: 1 } }]);
  });

  it('does not parse binary or oversized files', () => {
    expect(parseYamlFile('b.yaml', new Uint8Array([97, 0, 98])).diagnostics).toMatchObject([{ code: 'file-binary' }]);
    expect(parseYamlFile('h.yaml', enc('a: 1\n'), { maxBytes: 3 }).diagnostics).toMatchObject([{ code: 'file-too-large' }]);
  });

  it('locates a nested field by its key, and a missing field at its deepest parent', () => {
    const text = 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          envFrom:\n            - secretRef:\n                name: s\n';
    const [doc] = parseYamlFile('d.yaml', enc(text)).documents;
    expect(locateField(doc!, ['spec', 'template', 'spec', 'containers', 0, 'envFrom', 0, 'secretRef', 'name'])).toEqual({ file: 'd.yaml', line: 9, column: 17 });
    expect(locateField(doc!, ['spec', 'template', 'nothing'])).toEqual({ file: 'd.yaml', line: 3, column: 3 });
  });
});

describe('parse diagnostics never quote the source', () => {
  it('leaves out the offending token, which may be a secret value', () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}}\nstringData: {password: "Hunter2-SuperSecret", token: ghp_TopSecretToken123}\n';
    for (const fullParser of [false, true]) {
      const { diagnostics } = parseYamlFile('s.yaml', enc(text), { fullParser });
      expect(diagnostics.length).toBeGreaterThan(0);
      const printed = JSON.stringify(diagnostics);
      expect(printed).not.toContain('Hunter2');
      expect(printed).not.toContain('ghp_TopSecret');
    }
  });
});

describe('invalid UTF-8', () => {
  it('is a located warning, and the rest of the file is still read', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), 0xe9, ...new TextEncoder().encode('\n')]);
    const { documents, diagnostics } = parseYamlFile('cm.yaml', bytes);
    expect(diagnostics).toMatchObject([{ code: 'file-encoding', severity: 'warning', location: { file: 'cm.yaml', line: 4 } }]);
    expect(documents).toHaveLength(1);
  });

  it('leaves a U+FFFD written on purpose alone', () => {
    expect(parseYamlFile('a.yaml', new TextEncoder().encode('a: "\uFFFD"\n')).diagnostics).toEqual([]);
  });
});

describe('deeply nested YAML', () => {
  it('reads 800 levels, and reports thousands as yaml-depth-limit at the place, not a syntax error', () => {
    const nested = (n: number) => `root:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k${i}:\n`).join('')}${' '.repeat(n + 1)}leaf: 1\n`;
    expect(parseYamlFile('ok.yaml', enc(nested(800)))).toMatchObject({ diagnostics: [], documents: [{}] });
    const deep = parseYamlFile('deep.yaml', enc(nested(3500)));
    expect(deep.documents).toEqual([]);
    expect(deep.diagnostics).toMatchObject([{ code: 'yaml-depth-limit', severity: 'error', location: { file: 'deep.yaml' } }]);
  });
});

describe('duplicate keys, found without the parser\'s quadratic check', () => {
  it('reports a key written twice in a nested mapping or a mapping in a sequence, at the second one, on both paths', () => {
    const text = 'spec:\n  template:\n    a: 1\n    b: 2\n    a: 3\nlist:\n  - {x: 1, x: 2}\n';
    for (const fullParser of [false, true]) {
      const { documents, diagnostics } = parseYamlFile('d.yaml', enc(text), { fullParser });
      expect(documents).toEqual([]);
      expect(diagnostics.map((d) => `${d.code} ${d.location.line}`).sort()).toEqual(['yaml-duplicate-key 5', 'yaml-duplicate-key 7']);
    }
  });

  it('takes a key repeated in different mappings as no duplicate', () => {
    expect(parseYamlFile('d.yaml', enc('a: {name: x}\nb: {name: y}\n'), { fullParser: true }).diagnostics).toEqual([]);
  });
});
