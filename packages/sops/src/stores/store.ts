/**
 * The file formats ("stores") and how plaintext files of each are read and
 * written. The format comes from the file name as in sops: `.yaml`/`.yml`,
 * `.json`, `.env`; anything else is a binary file kept whole under `data`.
 */
import { SopsError } from '../errors.js';
import { branch, item, lookup } from '../tree/tree.js';
import type { TreeBranch } from '../tree/tree.js';
import { emitDotenv, parseDotenvDocument } from './dotenv-store.js';
import { emitJson, parseJsonDocument } from './json-store.js';
import { emitYaml } from './yaml-emitter.js';
import { parseYamlDocuments } from './yaml-store.js';

export type SopsFormat = 'yaml' | 'json' | 'dotenv' | 'binary';

/** The format sops picks for a path. INI files are not supported. */
export function formatForPath(path: string): SopsFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.env')) return 'dotenv';
  if (lower.endsWith('.ini')) throw new SopsError('SOPS_UNSUPPORTED', `${path}: INI files are not supported`);
  return 'binary';
}

export interface PlainEmitOptions {
  /** YAML: spaces per level (default 4). JSON: spaces, or -1 for a tab (default -1). */
  readonly indent?: number;
}

/** The documents of a plaintext file. */
export function parsePlainText(text: string, format: SopsFormat, file: string): TreeBranch[] {
  switch (format) {
    case 'yaml': {
      const docs = parseYamlDocuments(text, file);
      if (docs.length === 0) throw new SopsError('SOPS_FILE_MALFORMED', `${file}: the file has no YAML document`);
      return docs;
    }
    case 'json':
      return [parseJsonDocument(text, file)];
    case 'dotenv':
      return [parseDotenvDocument(text, file)];
    case 'binary':
      return [branch([item('data', text)])];
  }
}

/** Plaintext file text for documents. */
export function emitPlainText(documents: readonly TreeBranch[], format: SopsFormat, options: PlainEmitOptions = {}): string {
  switch (format) {
    case 'yaml':
      return emitYaml(documents, options.indent === undefined ? {} : { indent: options.indent });
    case 'json':
      return emitJson(documents[0] ?? branch(), options.indent === undefined ? {} : { indent: options.indent });
    case 'dotenv':
      return emitDotenv(documents[0] ?? branch());
    case 'binary': {
      const data = documents[0] ? lookup(documents[0], 'data') : undefined;
      if (typeof data !== 'string') throw new SopsError('SOPS_FILE_MALFORMED', 'a binary sops file must hold a string under "data"');
      return data;
    }
  }
}

/** The indentation a YAML text uses (the first nested line under a top-level key), or undefined. */
export function detectYamlIndent(text: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    if (!/^[^\s#-][^#]*:\s*$/.test(lines[i]!)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const spaces = /^ */.exec(line)![0].length;
      if (spaces > 0) return spaces;
      break;
    }
  }
  return undefined;
}

/** The indentation of a JSON text: spaces, -1 for tabs, or undefined when it has no nested line. */
export function detectJsonIndent(text: string): number | undefined {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return undefined;
  return m[1]!.startsWith('\t') ? -1 : m[1]!.length;
}
