import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../source-location.js';
import type { GeneratorEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';
import { createObject } from '../working-object.js';
import { absorbGenerated, generateObject, parseEnvFile, parseLiteral, wrappedBase64 } from './generators.js';

const location: SourceLocation = { file: 'kustomization.yaml', line: 3, column: 5 };
const entry = (over: Partial<GeneratorEntry>): GeneratorEntry => ({ location, name: 'cm', behavior: 'create', literals: [], files: [], envs: [], options: {}, ...over });

function io(files: Record<string, Uint8Array | string> = {}) {
  const problems: string[] = [];
  return {
    problems,
    read: (path: string) => {
      const f = files[path];
      if (f === undefined) problems.push(`missing ${path}`);
      if (f === undefined) return undefined;
      return { path, bytes: typeof f === 'string' ? new TextEncoder().encode(f) : f };
    },
    report: (_code: string, _severity: string, message: string) => void problems.push(message),
  };
}

describe('parseLiteral and parseEnvFile', () => {
  it('splits literals at the first = and drops quotes around the value', () => {
    expect(parseLiteral('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseLiteral('q="two words"')).toEqual({ key: 'q', value: 'two words' });
    expect(parseLiteral("s='x'")).toEqual({ key: 's', value: 'x' });
    expect(parseLiteral('e=')).toEqual({ key: 'e', value: '' });
    expect(parseLiteral('=v')).toBeUndefined();
    expect(parseLiteral('novalue')).toBeUndefined();
  });

  it('reads env files: comments and blank lines skipped, leading space trimmed, values verbatim', () => {
    expect(parseEnvFile('\uFEFF# c\nA=1\n\n  B="q" \r\nC\nD=x=y\n')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '"q" ' },
      { key: 'C', value: '' },
      { key: 'D', value: 'x=y' },
    ]);
  });
});

describe('wrappedBase64', () => {
  it('wraps at 70 characters with a newline after each line once longer than one line', () => {
    expect(wrappedBase64(new TextEncoder().encode('short'))).toBe('c2hvcnQ=');
    const long = wrappedBase64(new Uint8Array(60));
    expect(long.split('\n').map((l) => l.length)).toEqual([70, 10, 0]);
  });
});

describe('generateObject', () => {
  it('builds a ConfigMap from literals, files (text as data, binary as binaryData) and env files', () => {
    const files = { 'a.conf': 'x=1\n', 'logo.png': new Uint8Array([0x89, 0xff, 0x00]), 'app.env': 'K=V\n' };
    const { problems, ...rest } = io(files);
    const obj = generateObject(entry({ literals: ['l=1'], files: ['a.conf', 'renamed=a.conf', 'logo.png'], envs: ['app.env'], namespace: 'ns', options: { labels: { a: 'b' }, immutable: true } }), 'configMapGenerator', rest)!;
    expect(problems).toEqual([]);
    expect(obj.body).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'ns', labels: { a: 'b' } },
      data: { l: '1', 'a.conf': 'x=1\n', renamed: 'x=1\n', K: 'V' },
      binaryData: { 'logo.png': 'if8A' },
      immutable: true,
    });
    expect(obj.needsHash).toBe(true);
    expect(obj.origin).toEqual({ type: 'generator', generator: 'configMapGenerator', location, sources: ['a.conf', 'app.env', 'logo.png'], literals: 1 });
  });

  it('builds a Secret with base64 data and a type (Opaque by default)', () => {
    const { problems, ...rest } = io();
    expect(generateObject(entry({ name: 's', literals: ['pw=secret'], options: { disableNameSuffixHash: true } }), 'secretGenerator', rest)).toMatchObject({
      body: { kind: 'Secret', type: 'Opaque', data: { pw: 'c2VjcmV0' } },
      needsHash: false,
    });
    expect(generateObject(entry({ name: 't', type: 'kubernetes.io/tls' }), 'secretGenerator', rest)!.body['type']).toBe('kubernetes.io/tls');
    expect(problems).toEqual([]);
  });

  it('reports a nameless generator, bad literals and duplicate keys', () => {
    const { problems, ...rest } = io();
    expect(generateObject(entry({ name: '' }), 'configMapGenerator', rest)).toBeUndefined();
    generateObject(entry({ literals: ['nokey', 'a=1', 'a=2'] }), 'configMapGenerator', rest);
    expect(problems).toEqual(['configMapGenerator entry has no name', 'literal "nokey" of ConfigMap cm is not key=value', 'ConfigMap cm gets key a twice; kustomize refuses duplicate keys']);
  });
});

describe('absorbGenerated', () => {
  const doc = (name: string, data: Record<string, string>, labels?: Record<string, string>): WorkingObject => {
    const o = createObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data }, { type: 'generator', generator: 'configMapGenerator', location, sources: [], literals: 0 }, true);
    return o;
  };

  it('merges data, labels and keeps the existing name and history', () => {
    const old = doc('cm', { a: '1', b: '2' }, { x: '1' });
    old.previousIds.push({ name: 'cm', namespace: undefined });
    (old.body['metadata'] as Record<string, unknown>)['name'] = 'p-cm';
    const objects = [old];
    const problems: string[] = [];
    absorbGenerated(objects, doc('cm', { b: '3' }, { y: '2' }), 'merge', location, (_c, _s, m) => void problems.push(m));
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0]!.body).toMatchObject({ metadata: { name: 'p-cm', labels: { x: '1', y: '2' } }, data: { a: '1', b: '3' } });
  });

  it('replaces data, keeps a hash suffix only when both wanted one, and reports impossible behaviors', () => {
    const objects = [doc('cm', { a: '1' })];
    const fresh = doc('cm', { z: '9' });
    fresh.needsHash = false;
    const problems: string[] = [];
    const report = (_c: string, _s: string, m: string) => void problems.push(m);
    absorbGenerated(objects, fresh, 'replace', location, report);
    expect(objects[0]!.body['data']).toEqual({ z: '9' });
    expect(objects[0]!.needsHash).toBe(false);
    absorbGenerated(objects, doc('cm', {}), 'create', location, report);
    absorbGenerated(objects, doc('absent', {}), 'merge', location, report);
    expect(problems).toEqual([
      'ConfigMap cm already exists; a generator for an existing object needs behavior: merge or replace',
      'merge of ConfigMap absent: no ConfigMap with that name and namespace exists to merge',
    ]);
  });
});
