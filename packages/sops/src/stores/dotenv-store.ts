/**
 * dotenv text ↔ tree, as sops reads and writes it: `KEY=value` lines with
 * newlines escaped as `\n`, `#` comment lines, no quoting.
 */
import { SopsError } from '../errors.js';
import { branch, comment, isBranch, isList, isTime, item } from '../tree/tree.js';
import type { BranchEntry, TreeBranch, TreeValue } from '../tree/tree.js';

/** The lines of a dotenv text as one tree branch (all values are strings). */
export function parseDotenvDocument(text: string, file = '<dotenv>'): TreeBranch {
  const entries: BranchEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    if (line.startsWith('#')) {
      entries.push(comment(line.slice(1)));
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      throw new SopsError('SOPS_FILE_MALFORMED', `${file}:${index + 1}: invalid dotenv line (no '=')`, { file, line: index + 1 });
    }
    entries.push(item(line.slice(0, eq), line.slice(eq + 1).replaceAll('\\n', '\n')));
  });
  return branch(entries);
}

function valueText(value: TreeValue, key: string): string {
  if (isBranch(value) || isList(value)) {
    throw new SopsError('SOPS_UNSUPPORTED', `cannot use a nested value (${key}) in a dotenv file`);
  }
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (isTime(value)) return value.text;
  return String(value);
}

/** dotenv text for a tree branch. */
export function emitDotenv(document: TreeBranch): string {
  return document.entries
    .map((entry) =>
      entry.kind === 'comment' ? `#${entry.text}\n` : `${entry.key}=${valueText(entry.value, entry.key).replaceAll('\n', '\\n')}\n`,
    )
    .join('');
}
