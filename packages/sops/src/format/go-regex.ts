/**
 * Go RE2 patterns (`path_regex`, `encrypted_regex`, …) as JavaScript regular
 * expressions, matching what sops (Go's `regexp`) matches. Both are
 * unanchored. RE2 syntax that JavaScript lacks is translated, not dropped:
 * inline flags anywhere (`(?i)` for the rest of a group, `(?i:…)` scoped,
 * `(?-i)` to turn off), `(?P<name>…)`, `\A`, `\z`, `\Q…\E`, POSIX classes,
 * `\pL`, `\x{…}`; escaped punctuation that is valid in RE2 but not in a
 * JavaScript `u` pattern. Case-insensitivity is spelled out as character
 * classes (`k` → `[kK]`), `s` and `m` as the equivalent assertions, so the
 * result needs no JavaScript flag but `u` (which Node 20 has; its `(?i:…)`
 * modifiers do not exist there).
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
  punct: '!-/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters whose meaning depends on a flag: `.` on (?s), `^` and `$` on (?m). */
const FLAG_DEPENDENT: ReadonlyMap<string, { readonly flag: 's' | 'm'; readonly on: string; readonly off: string }> = new Map<string, { flag: 's' | 'm'; on: string; off: string }>([
  ['.', { flag: 's', on: '[\\s\\S]', off: '[^\\n]' }],
  ['^', { flag: 'm', on: '(?:^|(?<=\\n))', off: '^' }],
  ['$', { flag: 'm', on: '(?=\\n|$)', off: '$' }],
]);

/** Characters that may stand escaped outside a class in a JavaScript `u` pattern. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/');
/** Perl classes and assertions that mean the same in RE2 and JavaScript. */
const SAME_ESCAPES = new Set('dDwWsSbBfnrtv');

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

const cache = new Map<string, RegExp>();

function invalid(pattern: string, why: string, cause?: unknown): SopsError {
  return new SopsError('SOPS_CONFIG_INVALID', `regular expression ${JSON.stringify(pattern)}: ${why}`, {}, cause === undefined ? undefined : { cause });
}

function hasCase(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** A code point as it may stand inside a JavaScript `u` character class. */
function classChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/[\\\]\[^-]/.test(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return ch;
}

/** The other-case ranges of the ASCII letters inside lo..hi (RE2's simple folding, ASCII part) plus single non-ASCII folds. */
function foldedRanges(lo: number, hi: number): string {
  let out = '';
  const add = (from: number, to: number, shift: number) => {
    const a = Math.max(lo, from);
    const b = Math.min(hi, to);
    if (a <= b) out += a === b ? classChar(a + shift) : `${classChar(a + shift)}-${classChar(b + shift)}`;
  };
  add(0x41, 0x5a, 0x20);
  add(0x61, 0x7a, -0x20);
  if (hi - lo < 256) {
    for (let cp = Math.max(lo, 0x80); cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      for (const other of new Set([ch.toLowerCase(), ch.toUpperCase()])) {
        if (other !== ch && [...other].length === 1) out += classChar(other.codePointAt(0)!);
      }
    }
  }
  return out;
}

/** Translate an RE2 pattern to a JavaScript `u` pattern with the same meaning. */
export function translateGoRegex(pattern: string): string {
  let pos = 0;
  const stack: Flags[] = [];
  let flags: Flags = { i: false, m: false, s: false };
  let out = '';

  const readHex = (): number => {
    // After `\x`: two hex digits or {hex}.
    if (pattern[pos] === '{') {
      const end = pattern.indexOf('}', pos);
      if (end < 0) throw invalid(pattern, 'unterminated \\x{…}');
      const hex = pattern.slice(pos + 1, end);
      pos = end + 1;
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw invalid(pattern, `bad escape \\x{${hex}}`);
      return parseInt(hex, 16);
    }
    const hex = pattern.slice(pos, pos + 2);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalid(pattern, 'bad \\x escape');
    pos += 2;
    return parseInt(hex, 16);
  };

  /** `\p` / `\P` after the letter: `\pL` or `\p{Greek}`. */
  const readProperty = (negated: boolean): string => {
    let name: string;
    if (pattern[pos] === '{') {
      const end = pattern.indexOf('}', pos);
      if (end < 0) throw invalid(pattern, 'unterminated \\p{…}');
      name = pattern.slice(pos + 1, end);
      pos = end + 1;
    } else {
      name = pattern[pos] ?? '';
      pos += 1;
    }
    let neg = negated;
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    if (name === 'Any') return neg ? '[^\\s\\S]' : '[\\s\\S]';
    // One- and two-letter names are general categories; longer ones are scripts in RE2.
    const property = name.length <= 2 ? name : `Script=${name}`;
    return `\\${neg ? 'P' : 'p'}{${property}}`;
  };

  /** One atom of a character class: returns [low, high] code points, or a class escape (no range). */
  const classAtom = (): { cp: number } | { escape: string } => {
    const ch = pattern[pos]!;
    if (ch === '[' && pattern[pos + 1] === ':') {
      const end = pattern.indexOf(':]', pos + 2);
      if (end > 0) {
        let name = pattern.slice(pos + 2, end);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        const set = POSIX_CLASSES[name];
        if (set === undefined) throw invalid(pattern, `unknown character class [:${name}:]`);
        pos = end + 2;
        if (negated) throw invalid(pattern, `negated POSIX class [:^${name}:] is not supported`);
        return { escape: set };
      }
    }
    if (ch !== '\\') {
      const cp = pattern.codePointAt(pos)!;
      pos += cp > 0xffff ? 2 : 1;
      return { cp };
    }
    const next = pattern[pos + 1];
    if (next === undefined) throw invalid(pattern, 'trailing backslash');
    pos += 2;
    if ('dDwWsS'.includes(next)) return { escape: `\\${next}` };
    if (next === 'p' || next === 'P') return { escape: readProperty(next === 'P') };
    if (next === 'x') return { cp: readHex() };
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, a: 7 };
    if (controls[next] !== undefined) return { cp: controls[next] };
    if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(pattern[pos] ?? '')) digits += pattern[pos++];
      return { cp: parseInt(digits, 8) };
    }
    if (/[A-Za-z0-9]/.test(next)) throw invalid(pattern, `unknown escape \\${next} in a character class`);
    return { cp: next.codePointAt(0)! };
  };

  const readClass = (): string => {
    // pos is after '['.
    let body = '';
    let negated = false;
    if (pattern[pos] === '^') {
      negated = true;
      pos++;
    }
    let first = true;
    while (pos < pattern.length && (pattern[pos] !== ']' || first)) {
      first = false;
      const atom = classAtom();
      if ('escape' in atom) {
        body += atom.escape;
        continue;
      }
      let hi = atom.cp;
      if (pattern[pos] === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
        pos++;
        const end = classAtom();
        if ('escape' in end) throw invalid(pattern, 'a range cannot end in a class escape');
        hi = end.cp;
        if (hi < atom.cp) throw invalid(pattern, 'invalid character class range');
      }
      body += atom.cp === hi ? classChar(atom.cp) : `${classChar(atom.cp)}-${classChar(hi)}`;
      if (flags.i) body += foldedRanges(atom.cp, hi);
    }
    if (pattern[pos] !== ']') throw invalid(pattern, 'missing closing ]');
    pos++;
    return `[${negated ? '^' : ''}${body}]`;
  };

  const parseFlags = (text: string): Flags => {
    const next = { ...flags };
    let on = true;
    for (const f of text) {
      if (f === '-') {
        on = false;
        continue;
      }
      if (f === 'U') throw invalid(pattern, 'the (?U) flag is not supported');
      if (f !== 'i' && f !== 'm' && f !== 's') throw invalid(pattern, `unknown flag ${f}`);
      next[f] = on;
    }
    return next;
  };

  while (pos < pattern.length) {
    const ch = pattern[pos]!;
    if (ch === '\\') {
      const next = pattern[pos + 1];
      if (next === undefined) throw invalid(pattern, 'trailing backslash');
      pos += 2;
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', pos);
        const literal = end < 0 ? pattern.slice(pos) : pattern.slice(pos, end);
        pos = end < 0 ? pattern.length : end + 2;
        for (const c of literal) out += literalChar(c, flags.i);
      } else if (next === 'A') out += '^';
      else if (next === 'z') out += '$';
      else if (next === 'x') out += literalChar(String.fromCodePoint(readHex()), flags.i);
      else if (next === 'p' || next === 'P') out += readProperty(next === 'P');
      else if (next === 'a') out += '\\x07';
      else if (SAME_ESCAPES.has(next)) out += `\\${next}`;
      else if (/[1-9]/.test(next)) throw invalid(pattern, 'backreferences are not RE2');
      else if (next === '0') {
        let digits = '';
        while (digits.length < 3 && /[0-7]/.test(pattern[pos] ?? '')) digits += pattern[pos++];
        out += literalChar(String.fromCodePoint(parseInt(digits || '0', 8)), flags.i);
      } else if (/[A-Za-z]/.test(next)) throw invalid(pattern, `unknown escape \\${next}`);
      else out += literalChar(next, flags.i);
      continue;
    }
    if (ch === '[') {
      pos++;
      out += readClass();
      continue;
    }
    if (ch === '(') {
      if (pattern[pos + 1] === '?') {
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(pattern.slice(pos));
        if (named) {
          stack.push(flags);
          out += `(?<${named[1]}>`;
          pos += named[0].length;
          continue;
        }
        const inline = /^\(\?([-imsU]*)(\)|:)/.exec(pattern.slice(pos));
        if (!inline) throw invalid(pattern, `unsupported group ${pattern.slice(pos, pos + 4)}`);
        pos += inline[0].length;
        if (inline[2] === ')') {
          // (?flags): for the rest of the enclosing group.
          flags = parseFlags(inline[1]!);
        } else {
          stack.push(flags);
          flags = parseFlags(inline[1]!);
          out += '(?:';
        }
        continue;
      }
      stack.push(flags);
      out += '(';
      pos++;
      continue;
    }
    if (ch === ')') {
      const outer = stack.pop();
      if (outer === undefined) throw invalid(pattern, 'unexpected )');
      flags = outer;
      out += ')';
      pos++;
      continue;
    }
    const byFlag = FLAG_DEPENDENT.get(ch);
    if (byFlag) {
      out += flags[byFlag.flag] ? byFlag.on : byFlag.off;
      pos++;
      continue;
    }
    if ('*+?|'.includes(ch)) {
      out += ch;
      pos++;
      continue;
    }
    if (ch === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
      if (repeat) {
        out += repeat[0];
        pos += repeat[0].length;
        continue;
      }
      // RE2 takes a brace that starts no repetition literally.
      out += '\\{';
      pos++;
      continue;
    }
    const cp = pattern.codePointAt(pos)!;
    const c = String.fromCodePoint(cp);
    pos += c.length;
    out += literalChar(c, flags.i);
  }
  if (stack.length > 0) throw invalid(pattern, 'missing )');
  return out;
}

/** A literal character outside a class, case-folded when the `i` flag is on. */
function literalChar(c: string, caseless: boolean): string {
  if (caseless && hasCase(c)) {
    const variants = new Set([c, c.toLowerCase(), c.toUpperCase()].filter((v) => [...v].length === 1));
    return `[${[...variants].map((v) => classChar(v.codePointAt(0)!)).join('')}]`;
  }
  if (SYNTAX.has(c)) return `\\${c}`;
  if (c === ']' || c === '}') return `\\${c}`;
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return c;
}

/** A JavaScript RegExp that matches what the Go pattern matches. Throws SOPS_CONFIG_INVALID when it cannot be built. */
export function compileGoRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const source = translateGoRegex(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'u');
  } catch (error) {
    throw invalid(pattern, 'invalid regular expression', error);
  }
  cache.set(pattern, regex);
  return regex;
}
