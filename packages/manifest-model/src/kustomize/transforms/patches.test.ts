import { describe, expect, it } from 'vitest';
import type { PatchEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';
import { createObject, renameObject } from '../working-object.js';
import { applyPatches, parseInlinePatch } from './patches.js';

const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k', line: 1, column: 1 }, sources: [], literals: 0 } as const;
const location = { file: 'kustomization.yaml', line: 7, column: 5 };
const cm = (name: string, extra: Record<string, unknown> = {}): WorkingObject => createObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: '1' } }, origin);

function run(objects: WorkingObject[], entries: PatchEntry[], form: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902' = 'patches', files: Record<string, unknown[]> = {}) {
  const problems: [string, string, string][] = [];
  applyPatches(objects, entries, form, {
    readFile: (path) => files[path],
    report: (code, severity, message) => void problems.push([code, severity, message]),
  });
  return problems;
}

describe('applyPatches', () => {
  it('applies an untargeted strategic merge patch to the object it names, by current or earlier name', () => {
    const a = cm('a');
    renameObject(a, 'p-a');
    const b = cm('b');
    expect(run([a, b], [{ location, patch: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  b: "2"\n' }])).toEqual([]);
    expect(a.body['data']).toEqual({ a: '1', b: '2' });
    expect(b.body['data']).toEqual({ a: '1' });
  });

  it('applies a targeted patch to every match; a JSON 6902 patch may rename the object', () => {
    const objects = [cm('a', { labels: { tier: 'web' } }), cm('b', { labels: { tier: 'db' } }), cm('c', { labels: { tier: 'web' } })];
    expect(run(objects, [{ location, target: { kind: 'ConfigMap', labelSelector: 'tier=web' }, patch: '- op: replace\n  path: /metadata/name\n  value: renamed\n' }])).toEqual([]);
    expect(objects.map((o) => (o.body['metadata'] as { name: string }).name)).toEqual(['renamed', 'b', 'renamed']);
    expect(objects[0]!.previousIds).toEqual([{ name: 'a', namespace: undefined }]);
  });

  it('deletes objects with $patch: delete, reads patch files, and accepts the deprecated forms', () => {
    const objects = [cm('a'), cm('b')];
    const problems = run(
      objects,
      [{ location, patch: 'del.yaml' }],
      'patchesStrategicMerge',
      { 'del.yaml': [{ $patch: 'delete', apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }] },
    );
    expect(problems).toEqual([]);
    expect(objects.map((o) => (o.body['metadata'] as { name: string }).name)).toEqual(['b']);
    run(objects, [{ location, path: 'ops.json', target: { kind: 'ConfigMap', name: 'b' } }], 'patchesJson6902', { 'ops.json': [[{ op: 'add', path: '/data/z', value: 'json' }]] });
    expect(objects[0]!.body['data']).toEqual({ a: '1', z: 'json' });
  });

  it('reports what kustomize refuses or ignores', () => {
    const objects = [cm('a')];
    expect(
      run(objects, [
        { location, patch: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n' },
        { location, target: { kind: 'Secret' }, patch: 'metadata:\n  labels: {a: b}\n' },
        { location, patch: '- op: add\n  path: /x\n  value: 1\n' },
        { location, target: { kind: 'ConfigMap' }, patch: '- op: remove\n  path: /missing\n' },
        { location, target: { name: '(' }, patch: 'a: 1\n' },
        { location, patch: 'key: [unclosed\n' },
      ]).map(([code, severity]) => `${code}/${severity}`),
    ).toEqual([
      'kustomize-patch-target-missing/error',
      'kustomize-patch-target-missing/warning',
      'kustomize-patch-invalid/error',
      'kustomize-patch-invalid/error',
      'kustomize-patch-invalid/error',
      'kustomize-patch-invalid/error',
    ]);
    expect(objects[0]!.body['data']).toEqual({ a: '1' });
  });
});

describe('parseInlinePatch', () => {
  it('returns every document, or the YAML error', () => {
    expect(parseInlinePatch('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseInlinePatch('a: [1\n')).toEqual(expect.any(String));
    const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    expect(parseInlinePatch(aliasBomb)).toEqual(expect.any(String));
  });
});
