import { describe, expect, it } from 'vitest';
import { OPAQUE_VALUE, substituteString, substituteVariables } from './post-build-substitute.js';
import type { Variables } from './post-build-substitute.js';

const vars = new Map<string, string | typeof OPAQUE_VALUE>([
  ['DOMAIN', 'example.org'],
  ['EMPTY', ''],
  ['TOKEN', OPAQUE_VALUE],
  ['APP', 'paperless'],
  ['VAR', 'exampleexample'],
  ['cluster_env', 'prod'],
]);

const sub = (text: string, variables: Variables = vars) => {
  const unresolved = new Set<string>();
  return { text: substituteString(text, variables, unresolved), unresolved: [...unresolved] };
};

describe('substituteVariables', () => {
  it('replaces ${VAR} in nested values and keys', () => {
    const { value, unresolved } = substituteVariables({ a: 'https://app.${DOMAIN}/x', list: ['${DOMAIN}'], '${DOMAIN}': 1 }, vars);
    expect(value).toEqual({ a: 'https://app.example.org/x', list: ['example.org'], 'example.org': 1 });
    expect(unresolved).toEqual([]);
  });

  it('reports variables without value or default and blanks them like Flux', () => {
    const { value, unresolved } = substituteVariables({ host: 'a.${NOPE}.b', again: '${NOPE}', other: '${ALSO}' }, vars);
    expect(value).toEqual({ host: 'a..b', again: '', other: '' });
    expect(unresolved).toEqual(['NOPE', 'ALSO']);
  });

  it('keeps variables whose value is opaque (an encrypted Secret key) as written, not unresolved', () => {
    const { value, unresolved } = substituteVariables(['t=${TOKEN}', '${TOKEN:0:3}', '${#TOKEN}'], vars);
    expect(value).toEqual(['t=${TOKEN}', '${TOKEN:0:3}', '${#TOKEN}']);
    expect(unresolved).toEqual([]);
  });
});

describe('substituteString: the cases of Flux’s documentation and its envsubst', () => {
  // [input, output] with the variables above; what kustomize-controller writes.
  const cases: [string, string][] = [
    // Defaults: every default form takes the default when the value is unset or empty.
    ['${MISSING:=d1}', 'd1'],
    ['${EMPTY:=d2}', 'd2'],
    ['${EMPTY=d3}', 'd3'],
    ['${MISSING-d4}', 'd4'],
    ['${EMPTY:-d5}', 'd5'],
    ['${cluster_env:=dev}', 'prod'],
    ['${MISSING:=dev}', 'dev'],
    ['${DOMAIN:=other}', 'example.org'],
    // Nested defaults.
    ['${VOLSYNC_CLAIM:=${APP}}', 'paperless'],
    ['${VOLSYNC_CLAIM:=${APP}-data}', 'paperless-data'],
    ['${A:-${B:-c}}', 'c'],
    ['${A:-${APP:-c}}', 'paperless'],
    ['${A:=${B:=${C:=deep}}}-x', 'deep-x'],
    ['claim: ${VOLSYNC_CLAIM:=${APP}}, size: ${VOLSYNC_CAPACITY:=5Gi}', 'claim: paperless, size: 5Gi'],
    // String functions.
    ['${VAR^}', 'Exampleexample'],
    ['${VAR^^}', 'EXAMPLEEXAMPLE'],
    ['${VAR,}', 'exampleexample'],
    ['${DOMAIN:1}', 'xample.org'],
    ['${DOMAIN:2:3}', 'amp'],
    ['${VAR#exa}', 'mpleexample'],
    ['${VAR##*exa}', 'mple'],
    ['${VAR%mple}', 'exampleexa'],
    ['${VAR%%mple*}', 'exa'],
    ['${VAR/exam/ap}', 'appleexample'],
    ['${VAR//exam/ap}', 'appleapple'],
    ['${APP/#pap/ap}', 'aperless'],
    ['${APP/%less/more}', 'papermore'],
    ['${#APP}', '9'],
    // Escapes and what is not an expression.
    ['$${DOMAIN}', '${DOMAIN}'],
    ['$${A:=${B}}', '${A:=${B}}'],
    ['echo $DOMAIN', 'echo $DOMAIN'],
    ['price: $5 ${DOMAIN}', 'price: $5 example.org'],
    ['${1abc}', '${1abc}'],
    ['${{ github.sha }}', '${{ github.sha }}'],
    ['unclosed ${DOMAIN', 'unclosed ${DOMAIN'],
  ];
  for (const [input, output] of cases) {
    it(`${input} → ${output}`, () => expect(sub(input).text).toBe(output));
  }

  it('reports a variable of a nested default only when that default is used', () => {
    expect(sub('${APP:=${NOPE}}').unresolved).toEqual([]);
    expect(sub('${MISSING:=${NOPE}}')).toEqual({ text: '', unresolved: ['NOPE'] });
    expect(sub('${NOPE:0:2}')).toEqual({ text: '', unresolved: ['NOPE'] });
  });

  it('keeps distinct nested defaults distinct (one PVC per app, not one for all)', () => {
    const claims = ['radarr', 'sonarr', 'paperless'].map((app) => sub('${VOLSYNC_CLAIM:=${APP}}', new Map([['APP', app]])).text);
    expect(claims).toEqual(['radarr', 'sonarr', 'paperless']);
  });
});

describe('substituteString: properties', () => {
  // A small deterministic generator: the same cases on every run.
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = () => Array.from({ length: random(6) }, () => 'ab-_.z9'[random(7)]).join('');
  const samples = Array.from({ length: 200 }, () => ({ value: random(3) === 0 ? undefined : word(), fallback: word(), inner: random(2) === 0 ? undefined : word() }));

  it('a default is the value when it is not empty, else the default (itself substituted)', () => {
    for (const { value, fallback, inner } of samples) {
      const variables = new Map<string, string>();
      if (value !== undefined) variables.set('X', value);
      if (inner !== undefined) variables.set('Y', inner);
      for (const op of [':=', ':-', '=', '-']) {
        expect(sub(`\${X${op}${fallback}}`, variables).text).toBe(value ? value : fallback);
        expect(sub(`\${X${op}\${Y:-${fallback}}}`, variables).text).toBe(value ? value : inner ? inner : fallback);
      }
    }
  });

  it('text without `${` is unchanged, and an escaped expression comes out as written without its first $', () => {
    for (const { fallback } of samples) {
      const text = `a $${fallback} $b ${fallback}`;
      expect(sub(text).text).toBe(text);
      expect(sub(`$\${X:=${fallback}}`).text).toBe(`\${X:=${fallback}}`);
    }
  });
});
