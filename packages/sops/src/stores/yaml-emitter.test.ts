import { describe, expect, it } from 'vitest';
import { resolvePlainScalar } from '../format/yaml-resolve.js';
import { branch, comment, item, list, sopsTime } from '../tree/tree.js';
import { emitYaml } from './yaml-emitter.js';
import { parseYamlDocuments } from './yaml-store.js';

describe('emitYaml (yaml.v3 layout)', () => {
  it('indents sequences under their key and maps compactly after "- "', () => {
    const doc = branch([
      item('sops', branch([item('age', list([branch([item('enc', 'line one\nline two\n'), item('recipient', 'age1x')])]))])),
    ]);
    expect(emitYaml([doc])).toBe('sops:\n    age:\n        - enc: |\n            line one\n            line two\n          recipient: age1x\n');
    expect(emitYaml([doc], { indent: 2 })).toBe('sops:\n  age:\n    - enc: |\n        line one\n        line two\n      recipient: age1x\n');
  });

  it('quotes strings that would read back as another type, and YAML 1.1 booleans', () => {
    const doc = branch(['true', '42', '0x1F', '1e3', 'yes', 'n', 'off', '~', '', '2024-01-01', '1:20', 'null'].map((v, i) => item(`k${i}`, v)));
    const text = emitYaml([doc]);
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^k\d+: "/);
    expect(parseYamlDocuments(text)[0]).toEqual(doc);
  });

  it('keeps plain what is safe and quotes indicators', () => {
    const doc = branch([
      item('a', 'ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]'),
      item('b', '^(data|stringData)$'),
      item('c', '- not a list'),
      item('d', 'key: value'),
      item('e', "it's"),
      item('f', 'tab\there'),
      item('g', 'smile 😀'),
    ]);
    expect(emitYaml([doc])).toBe(
      "a: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nb: ^(data|stringData)$\nc: '- not a list'\nd: 'key: value'\ne: it's\nf: \"tab\\there\"\ng: \"smile \\U0001F600\"\n",
    );
  });

  it('writes the merge key as !!merge << and a quoted "n" key', () => {
    expect(emitYaml([branch([item('<<', branch([item('k', 1n)])), item('n', 42n)])])).toBe('!!merge <<:\n    k: 1\n"n": 42\n');
  });

  it('writes numbers, booleans, null and times as yaml.v3 does', () => {
    const doc = branch([
      item('i', -7n),
      item('f', 3.14),
      item('whole', 3),
      item('big', 1e21),
      item('inf', Infinity),
      item('nan', Number.NaN),
      item('b', false),
      item('z', null),
      item('t', sopsTime('2024-01-01T00:00:00Z')),
    ]);
    expect(emitYaml([doc])).toBe('i: -7\nf: 3.14\nwhole: 3\nbig: 1e+21\ninf: .inf\nnan: .nan\nb: false\nz: null\nt: 2024-01-01T00:00:00Z\n');
  });

  it('chooses the literal block chomping and indentation indicators', () => {
    const doc = branch([item('keep', 'a\n\n'), item('strip', 'a\nb'), item('lead', ' a\nb\n')]);
    const text = emitYaml([doc]);
    expect(text).toBe('keep: |+\n    a\n\nstrip: |-\n    a\n    b\nlead: |4\n     a\n    b\n');
    expect(parseYamlDocuments(text)[0]).toEqual(doc);
  });

  it('writes comments on their own lines, inline ones after their value, and empty collections', () => {
    const doc = branch([
      comment(' head'),
      item('a', 'x'),
      comment(' after a', true),
      item('empty', branch([comment(' inside')])),
      item('list', list([])),
    ]);
    const text = emitYaml([doc]);
    expect(text).toBe('# head\na: x # after a\nempty:\n    # inside\n    {}\nlist: []\n');
    expect(parseYamlDocuments(text)[0]).toEqual(doc);
  });

  it('separates documents with ---', () => {
    expect(emitYaml([branch([item('a', 1n)]), branch([item('b', 2n)])])).toBe('a: 1\n---\nb: 2\n');
  });
});

describe('resolvePlainScalar (yaml.v3 types)', () => {
  it.each([
    ['42', 42n],
    ['0x1F', 31n],
    ['0o17', 15n],
    ['017', 15n],
    ['1_000', 1000n],
    ['-0b101', -5n],
    ['3.14', 3.14],
    ['1e3', 1000],
    ['.5', 0.5],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['true', true],
    ['False', false],
    ['~', null],
    ['', null],
    ['yes', 'yes'],
    ['09', 9],
    ['<<', '<<'],
    ['1.2.3', '1.2.3'],
  ])('%j', (text, value) => {
    expect(resolvePlainScalar(text)).toEqual(value);
  });

  it('18446744073709551615 is a uint64', () => {
    expect(resolvePlainScalar('18446744073709551615')).toBe(18446744073709551615n);
  });

  it('timestamps become times', () => {
    expect(resolvePlainScalar('2024-01-01')).toEqual(sopsTime('2024-01-01T00:00:00Z'));
  });
});
