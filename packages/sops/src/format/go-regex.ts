/**
 * Go RE2 patterns (`path_regex`, `encrypted_regex`, …) as JavaScript
 * regular expressions. Both are unanchored; the common RE2 spellings that
 * JavaScript lacks are rewritten.
 */
import { SopsError } from '../errors.js';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** A JavaScript RegExp that matches what the Go pattern matches. Throws SOPS_CONFIG_INVALID when it cannot be built. */
export function compileGoRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = pattern;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    if (leading[1]!.includes('U')) {
      throw new SopsError('SOPS_CONFIG_INVALID', `regular expression ${JSON.stringify(pattern)}: the (?U) flag is not supported`);
    }
    flags = leading[1]!;
    source = source.slice(leading[0].length);
  }
  source = source
    .replaceAll('(?P<', '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negate: string, name: string) => {
      const set = POSIX_CLASSES[name];
      if (set === undefined) return whole;
      return negate ? `[^${set}]`.slice(1, -1) : set;
    })
    .replace(/\\p([A-Z])/g, '\\p{$1}')
    .replace(/\\P([A-Z])/g, '\\P{$1}');
  let regex: RegExp;
  try {
    regex = new RegExp(source, `${flags}u`);
  } catch {
    try {
      regex = new RegExp(source, flags);
    } catch (error) {
      throw new SopsError('SOPS_CONFIG_INVALID', `invalid regular expression ${JSON.stringify(pattern)}`, {}, { cause: error });
    }
  }
  cache.set(pattern, regex);
  return regex;
}
