/**
 * Encrypted SOPS files: text → documents + metadata, and back. The metadata
 * sits under a top-level `sops` key (YAML: in every document, read from the
 * first; JSON: once) or as flattened `sops_*` lines (dotenv).
 */
import { SopsError } from '../errors.js';
import { emitDotenv, parseDotenvDocument } from '../stores/dotenv-store.js';
import { emitJson, parseJsonDocument } from '../stores/json-store.js';
import { detectJsonIndent, detectYamlIndent } from '../stores/store.js';
import type { SopsFormat } from '../stores/store.js';
import { emitYaml } from '../stores/yaml-emitter.js';
import { parseYamlDocuments } from '../stores/yaml-store.js';
import { branch, item } from '../tree/tree.js';
import type { TreeBranch, TreeValue } from '../tree/tree.js';
import { flattenMetadata, unflattenMetadata } from './flatten.js';
import { layoutForVersion, metadataFromTree, metadataToTree } from './metadata.js';
import type { MetadataLayout, SopsMetadata } from './metadata.js';

export const SOPS_KEY = 'sops';
const DOTENV_PREFIX = 'sops_';

export interface ParsedSopsFile {
  readonly format: SopsFormat;
  /** The documents without their `sops` key. */
  readonly documents: TreeBranch[];
  readonly metadata: SopsMetadata;
  /** The indentation the file uses (YAML spaces; JSON spaces or -1 for a tab), when it shows one. */
  readonly indent?: number;
}

function notSops(file: string): never {
  throw new SopsError('SOPS_METADATA_NOT_FOUND', `${file}: sops metadata not found (the file is not encrypted with sops)`, { file });
}

function withoutSopsKey(doc: TreeBranch): { doc: TreeBranch; sops: TreeValue | undefined } {
  let sops: TreeValue | undefined;
  const entries = doc.entries.filter((e) => {
    if (e.kind === 'item' && e.key === SOPS_KEY) {
      sops ??= e.value;
      return false;
    }
    return true;
  });
  return { doc: branch(entries), sops };
}

function withIndent<T extends object>(value: T, indent: number | undefined): T & { indent?: number } {
  return indent === undefined ? value : { ...value, indent };
}

/** Parses an encrypted file. Throws SOPS_METADATA_NOT_FOUND, SOPS_METADATA_INVALID or SOPS_FILE_MALFORMED. */
export function parseSopsFile(text: string, format: SopsFormat, file = 'the file'): ParsedSopsFile {
  switch (format) {
    case 'yaml': {
      const parsed = parseYamlDocuments(text, file).map(withoutSopsKey);
      const sops = parsed[0]?.sops;
      if (sops === undefined) notSops(file);
      return withIndent({ format, documents: parsed.map((p) => p.doc), metadata: metadataFromTree(sops) }, detectYamlIndent(text));
    }
    case 'json':
    case 'binary': {
      const { doc, sops } = withoutSopsKey(parseJsonDocument(text, file));
      if (sops === undefined) notSops(file);
      return withIndent({ format, documents: [doc], metadata: metadataFromTree(sops) }, detectJsonIndent(text));
    }
    case 'dotenv': {
      const doc = parseDotenvDocument(text, file);
      const pairs: [string, string][] = [];
      const entries = doc.entries.filter((e) => {
        if (e.kind === 'item' && e.key.startsWith(DOTENV_PREFIX)) {
          pairs.push([e.key.slice(DOTENV_PREFIX.length), typeof e.value === 'string' ? e.value : String(e.value)]);
          return false;
        }
        return true;
      });
      if (pairs.length === 0) notSops(file);
      return { format, documents: [branch(entries)], metadata: metadataFromTree(unflattenMetadata(pairs)) };
    }
  }
}

export interface EmitSopsFileOptions {
  /** YAML spaces per level (default 4); JSON spaces or -1 for a tab (default -1). */
  readonly indent?: number;
  /** Metadata key order and shape. @default the layout of `metadata.version` */
  readonly layout?: MetadataLayout;
}

/** The text of an encrypted file. Throws SOPS_ALREADY_ENCRYPTED when a document has its own `sops` key. */
export function emitSopsFile(format: SopsFormat, documents: readonly TreeBranch[], metadata: SopsMetadata, options: EmitSopsFileOptions = {}): string {
  const layout = options.layout ?? layoutForVersion(metadata.version);
  for (const doc of documents) {
    if (doc.entries.some((e) => e.kind === 'item' && (format === 'dotenv' ? e.key.startsWith(DOTENV_PREFIX) : e.key === SOPS_KEY))) {
      throw new SopsError(
        'SOPS_ALREADY_ENCRYPTED',
        format === 'dotenv' ? 'the file has keys starting with sops_, which are reserved for sops metadata' : 'the file already has a top-level sops key',
      );
    }
  }
  switch (format) {
    case 'yaml': {
      const sops = item(SOPS_KEY, metadataToTree(metadata, layout, 'list'));
      return emitYaml(
        documents.map((d) => branch([...d.entries, sops])),
        options.indent === undefined ? {} : { indent: options.indent },
      );
    }
    case 'json':
    case 'binary': {
      const doc = documents[0] ?? branch();
      const sops = item(SOPS_KEY, metadataToTree(metadata, layout, layout === 'sops-3.9' ? 'null' : 'list'));
      return emitJson(branch([...doc.entries, sops]), {
        ...(options.indent === undefined ? {} : { indent: options.indent }),
        trailingNewline: layout !== 'sops-3.9',
      });
    }
    case 'dotenv': {
      const doc = documents[0] ?? branch();
      const meta = flattenMetadata(metadataToTree(metadata, layout, 'null')).map(([k, v]) => item(DOTENV_PREFIX + k, v));
      return emitDotenv(branch([...doc.entries, ...meta]));
    }
  }
}
