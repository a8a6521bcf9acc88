import { describe, expect, it } from 'vitest';
import { isSopsError } from '../errors.js';
import { treeToPlain } from './plain-value.js';
import { formatSopsPath, getAtPath, parseSopsPath, setAtPath, unsetAtPath } from './tree-path.js';
import { branch, comment, item, list } from './tree.js';

const doc = branch([item('data', branch([comment(' keep'), item('a', '1')])), item('list', list([comment(' c'), 'x', 'y']))]);

describe('tree paths', () => {
  it('parses and formats the sops path syntax', () => {
    expect(parseSopsPath('["data"]["a.b"][0]')).toEqual(['data', 'a.b', 0]);
    expect(parseSopsPath("['k']")).toEqual(['k']);
    expect(formatSopsPath(['data', 'a"b', 2])).toBe('["data"]["a\\"b"][2]');
    expect(() => parseSopsPath('data.a')).toThrow(/invalid path/);
  });

  it('sets in place, adds missing keys and list items, keeps comments', () => {
    const next = setAtPath(setAtPath(setAtPath(doc, ['data', 'a'], '2'), ['new', 'deep'], 1n), ['list', 2], 'z');
    expect(treeToPlain(next)).toEqual({ data: { a: '2' }, list: ['x', 'y', 'z'], new: { deep: 1 } });
    expect(getAtPath(next, ['data'])).toEqual(branch([comment(' keep'), item('a', '2')]));
    expect(getAtPath(next, ['list', 1])).toBe('y');
    expect(() => setAtPath(doc, ['list', 5], 'x')).toThrow(/past the end/);
  });

  it('unsets, and reports missing paths', () => {
    expect(treeToPlain(unsetAtPath(doc, ['list', 0]))).toEqual({ data: { a: '1' }, list: ['y'] });
    let error: unknown;
    try {
      unsetAtPath(doc, ['data', 'missing']);
    } catch (e) {
      error = e;
    }
    expect(isSopsError(error, 'SOPS_PATH_NOT_FOUND')).toBe(true);
  });
});
