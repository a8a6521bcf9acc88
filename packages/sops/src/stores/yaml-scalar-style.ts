/**
 * How yaml.v3 (the YAML library sops uses) writes a string: plain, single- or
 * double-quoted, or as a literal block. A port of the behaviour of its
 * scalar analysis, so that our output matches sops byte for byte.
 */
import { plainStringChangesType } from '../format/yaml-resolve.js';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const FLOW_AND_BLOCK_FIRST = new Set('#,[]{}&*!|>\'"%@`');

/** yaml.v3's notion of a printable character (supplementary planes are not). */
export function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isBlank(cp: number | undefined): boolean {
  return cp === undefined || cp === 0x20 || cp === 0x09 || isBreak(cp);
}

interface Analysis {
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

function analyze(text: string): Analysis {
  if (text === '') return { blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false };
  const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const ch = String.fromCodePoint(cp);
    const followedByWhitespace = isBlank(cps[i + 1]);
    if (i === 0) {
      if (FLOW_AND_BLOCK_FIRST.has(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(cp)) special = true;
    if (isBreak(cp)) lineBreaks = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(cp);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** The style yaml.v3 gives a string in block context; `key` for a simple mapping key. */
export function stringStyle(text: string, key: boolean): ScalarStyle {
  const analysis = analyze(text);
  let style: ScalarStyle;
  if (text.includes('\n')) style = 'literal';
  else if (plainStringChangesType(text) || text === '<<') style = 'double';
  else style = 'plain';
  if (style === 'plain' && (!analysis.blockPlainAllowed || (text === '' && key))) style = 'single';
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || key)) style = 'double';
  return style;
}

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function hex(cp: number, width: number): string {
  return cp.toString(16).toUpperCase().padStart(width, '0');
}

export function doubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const escape = !isPrintable(cp) || cp === 0xfeff || isBreak(cp) || ch === '"' || ch === '\\';
    if (!escape) {
      out += ch;
      continue;
    }
    const short = SHORT_ESCAPES.get(cp);
    if (short !== undefined) out += `\\${short}`;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

export function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The header of a literal block: `|`, `|-` or `|+`, with an indentation digit when needed. */
export function literalHeader(text: string, indent: number): string {
  const indicator = text.startsWith(' ') || text.startsWith('\n') ? String(indent) : '';
  let chomp = '';
  if (!text.endsWith('\n')) chomp = '-';
  else if (text === '\n' || text.endsWith('\n\n')) chomp = '+';
  return `|${indicator}${chomp}`;
}
