import { describe, expect, it } from 'vitest';
import { OPAQUE_VALUE, substituteVariables } from './post-build-substitute.js';

const vars = new Map<string, string | typeof OPAQUE_VALUE>([
  ['DOMAIN', 'example.org'],
  ['EMPTY', ''],
  ['TOKEN', OPAQUE_VALUE],
]);

describe('substituteVariables', () => {
  it('replaces ${VAR} in nested values and keys', () => {
    const { value, unresolved } = substituteVariables({ a: 'https://app.${DOMAIN}/x', list: ['${DOMAIN}'], '${DOMAIN}': 1 }, vars);
    expect(value).toEqual({ a: 'https://app.example.org/x', list: ['example.org'], 'example.org': 1 });
    expect(unresolved).toEqual([]);
  });

  it('uses defaults: := and :- when unset or empty, = and - only when unset', () => {
    const { value } = substituteVariables(['${MISSING:=d1}', '${EMPTY:=d2}', '${EMPTY=d3}', '${MISSING-d4}', '${EMPTY:-d5}'], vars);
    expect(value).toEqual(['d1', 'd2', '', 'd4', 'd5']);
  });

  it('reports variables without value or default and blanks them like Flux', () => {
    const { value, unresolved } = substituteVariables({ host: 'a.${NOPE}.b', again: '${NOPE}', other: '${ALSO}' }, vars);
    expect(value).toEqual({ host: 'a..b', again: '', other: '' });
    expect(unresolved).toEqual(['NOPE', 'ALSO']);
  });

  it('leaves $VAR and escaped $${VAR} alone (the latter unescaped)', () => {
    const { value, unresolved } = substituteVariables(['echo $HOME', 'echo $${DOMAIN}'], vars);
    expect(value).toEqual(['echo $HOME', 'echo ${DOMAIN}']);
    expect(unresolved).toEqual([]);
  });

  it('keeps variables whose value is opaque (an encrypted Secret key) as written, not unresolved', () => {
    const { value, unresolved } = substituteVariables('t=${TOKEN}', vars);
    expect(value).toBe('t=${TOKEN}');
    expect(unresolved).toEqual([]);
  });
});
