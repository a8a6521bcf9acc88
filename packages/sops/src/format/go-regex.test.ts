import { compileGoRegex, translateGoRegex } from './go-regex.js';

const matches = (pattern: string, text: string) => compileGoRegex(pattern).test(text);

describe('compileGoRegex: RE2 patterns of .sops.yaml as sops matches them', () => {
  it('the common encrypted_regex with an inline (?i) inside a group (the one from many home-ops repositories)', () => {
    const pattern = '((?i)(pass|secret($|[^N])|key|token|^data$|^stringData))';
    for (const key of ['password', 'PASSWORD', 'DbPass', 'secret', 'client_secret_id', 'apiKey', 'API_KEY', 'token', 'data', 'stringData', 'STRINGDATA'])
      expect(matches(pattern, key), key).toBe(true);
    // secret followed by N (secretName) is excluded on purpose, and case-insensitively so is SECRETN... only for N itself:
    expect(matches(pattern, 'secretName')).toBe(false);
    for (const key of ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'type', 'mydata']) expect(matches(pattern, key), key).toBe(false);
  });

  it('a leading (?i) applies to the whole pattern; (?-i) turns it off again', () => {
    expect(matches('(?i)^password$', 'PassWord')).toBe(true);
    expect(matches('(?i)a(?-i)b', 'Ab')).toBe(true);
    expect(matches('(?i)a(?-i)b', 'AB')).toBe(false);
  });

  it('flags inside a group end with the group; scoped (?i:…) groups', () => {
    expect(matches('^(?:(?i)a)b$', 'Ab')).toBe(true);
    expect(matches('^(?:(?i)a)b$', 'AB')).toBe(false);
    expect(matches('^x(?i:ab)y$', 'xABy')).toBe(true);
    expect(matches('^x(?i:ab)y$', 'XABy')).toBe(false);
  });

  it('case-insensitive character classes and ranges fold both ways', () => {
    expect(matches('(?i)^[a-c]+$', 'AbC')).toBe(true);
    expect(matches('(?i)^[A-C]+$', 'abc')).toBe(true);
    expect(matches('(?i)^[^a-c]$', 'B')).toBe(false);
    expect(matches('^[a-c]+$', 'AbC')).toBe(false);
  });

  it('(?s) lets . match a newline; without it . does not (as in Go)', () => {
    expect(matches('^a.b$', 'a\nb')).toBe(false);
    expect(matches('(?s)^a.b$', 'a\nb')).toBe(true);
  });

  it('(?m) makes ^ and $ match at line breaks; \\A and \\z stay at the ends of the text', () => {
    expect(matches('^b$', 'a\nb\nc')).toBe(false);
    expect(matches('(?m)^b$', 'a\nb\nc')).toBe(true);
    expect(matches('(?m)\\Ab$', 'a\nb')).toBe(false);
    expect(matches('(?m)^a\\z', 'a\nb')).toBe(false);
    expect(matches('\\Aa\\z', 'a')).toBe(true);
  });

  it('path_regex spellings: unanchored, escaped dots, optional letters', () => {
    expect(matches('.*\\.sops\\.ya?ml', 'cluster/apps/x/secret.sops.yaml')).toBe(true);
    expect(matches('kubernetes/.*/.*\\.enc\\.age\\.ya?ml', 'kubernetes/main/a.enc.age.yml')).toBe(true);
    expect(matches('.*\\.sops\\.ya?ml', 'cluster/secret.yaml')).toBe(false);
  });

  it('RE2-only syntax: (?P<name>), POSIX classes, \\Q…\\E, \\pL, \\x{…}, escaped punctuation', () => {
    expect(compileGoRegex('(?P<k>^data$)').exec('data')?.groups?.['k']).toBe('data');
    expect(matches('^[[:upper:]][[:digit:]]+$', 'A12')).toBe(true);
    expect(matches('^[[:upper:]]$', 'a')).toBe(false);
    expect(matches('^\\Qa.b*\\E$', 'a.b*')).toBe(true);
    expect(matches('^\\Qa.b*\\E$', 'axbb')).toBe(false);
    expect(matches('^\\pL+$', 'Ωmega')).toBe(true);
    expect(matches('^\\x{41}\\x42$', 'AB')).toBe(true);
    expect(matches('^a\\-b\\:c\\_d$', 'a-b:c_d')).toBe(true);
    expect(matches('^a{2}$', 'aa')).toBe(true);
  });

  it('rejects what sops itself rejects, with the pattern in the message', () => {
    expect(() => compileGoRegex('(?U)a+')).toThrow(/\(\?U\)/);
    expect(() => compileGoRegex('(a')).toThrow(/"\(a"/);
    expect(() => compileGoRegex('a)')).toThrow(/unexpected \)/);
    expect(() => compileGoRegex('[a')).toThrow(/missing closing \]/);
    expect(() => compileGoRegex('(a)\\1')).toThrow(/backreferences/);
  });

  it('translates to a pattern that needs no JavaScript flag but u', () => {
    expect(translateGoRegex('(?i)ab')).toBe('[aA][bB]');
    expect(new RegExp(translateGoRegex('((?i)(pass|secret($|[^N])))'), 'u').test('PASS')).toBe(true);
  });
});
