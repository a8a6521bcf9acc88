import { describe, expect, it } from 'vitest';
import { applyJsonPatch, parseJsonPatch } from './json6902-patch.js';
import type { JsonPatchOperation } from './json6902-patch.js';

const body = () => ({ metadata: { name: 'a', annotations: { 'a/b': 'x' } }, spec: { args: ['one'], replicas: 1 } });
const ops = (value: unknown) => parseJsonPatch(value) as JsonPatchOperation[];

describe('applyJsonPatch', () => {
  it('applies add (including "-"), replace, remove, move, copy and test', () => {
    const result = applyJsonPatch(
      body(),
      ops([
        { op: 'add', path: '/spec/args/-', value: 'two' },
        { op: 'add', path: '/spec/args/0', value: 'zero' },
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'move', from: '/metadata/annotations/a~1b', path: '/metadata/annotations/moved' },
        { op: 'copy', from: '/spec/replicas', path: '/spec/copied' },
        { op: 'remove', path: '/spec/args/1' },
        { op: 'test', path: '/metadata/name', value: 'a' },
      ]),
    );
    expect(result).toEqual({ metadata: { name: 'a', annotations: { moved: 'x' } }, spec: { args: ['zero', 'two'], replicas: 3, copied: 3 } });
  });

  it('names the failing operation and leaves the body as it was', () => {
    const original = body();
    expect(applyJsonPatch(original, ops([{ op: 'replace', path: '/spec/missing', value: 1 }]))).toMatch(/operation 0 \(replace \/spec\/missing\).*does not exist/);
    expect(applyJsonPatch(original, ops([{ op: 'add', path: '/nope/deeper', value: 1 }]))).toMatch(/does not exist/);
    expect(applyJsonPatch(original, ops([{ op: 'test', path: '/spec/replicas', value: 2 }]))).toMatch(/test of "\/spec\/replicas" failed/);
    expect(applyJsonPatch(original, ops([{ op: 'add', path: '/spec/args/5', value: 1 }]))).toMatch(/out of range/);
    expect(original).toEqual(body());
  });
});

describe('parseJsonPatch', () => {
  it('accepts a list of operations and rejects anything else', () => {
    expect(parseJsonPatch([{ op: 'remove', path: '/a' }])).toEqual([{ op: 'remove', path: '/a' }]);
    expect(parseJsonPatch({ op: 'remove' })).toMatch(/list of operations/);
    expect(parseJsonPatch([{ op: 'frobnicate', path: '/a' }])).toMatch(/no valid "op"/);
    expect(parseJsonPatch([{ op: 'add', path: '/a' }])).toMatch(/no "value"/);
    expect(parseJsonPatch([{ op: 'move', path: '/a' }])).toMatch(/no "from"/);
  });
});
