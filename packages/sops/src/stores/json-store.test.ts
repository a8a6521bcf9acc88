import { describe, expect, it } from 'vitest';
import { isSopsError } from '../errors.js';
import { branch, item, list } from '../tree/tree.js';
import { parseDotenvDocument, emitDotenv } from './dotenv-store.js';
import { emitJson, jsonString, parseJsonDocument } from './json-store.js';

describe('JSON store', () => {
  it('keeps key order (integer-like keys included) and number kinds', () => {
    const doc = parseJsonDocument('{"b": 1, "2": 2.5, "a": [true, null, "x"], "big": 9223372036854775808}');
    expect(doc).toEqual(branch([item('b', 1n), item('2', 2.5), item('a', list([true, null, 'x'])), item('big', 9223372036854775808)]));
  });

  it("writes what Go's encoding/json writes", () => {
    expect(jsonString('<a href="x">&\u2028\n\t\u0001')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\n\\t\\u0001"');
    expect(emitJson(branch([item('a', branch()), item('b', list([1n, 'x'])), item('c', -0)]))).toBe('{\n\t"a": {},\n\t"b": [\n\t\t1,\n\t\t"x"\n\t],\n\t"c": -0\n}\n');
    expect(emitJson(branch([item('a', 1n)]), { indent: 2, trailingNewline: false })).toBe('{\n  "a": 1\n}');
  });

  it('rejects a top-level array with a located error', () => {
    let error: unknown;
    try {
      parseJsonDocument('[1]', 'x.json');
    } catch (e) {
      error = e;
    }
    expect(isSopsError(error, 'SOPS_FILE_MALFORMED')).toBe(true);
    expect((error as Error).message).toMatch(/^x\.json:1:1: /);
  });
});

describe('dotenv store', () => {
  it('reads and writes KEY=value lines with escaped newlines and comments', () => {
    const text = '# comment\nA=1\nB=x=y\nC=two\\nlines\n';
    const doc = parseDotenvDocument(text);
    expect(doc.entries).toHaveLength(4);
    expect(emitDotenv(doc)).toBe(text);
    expect(() => parseDotenvDocument('no equals sign\n')).toThrow(/no '='/);
  });
});
