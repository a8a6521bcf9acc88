import type { Document } from 'yaml';
import type { LineIndex, SourceLocation } from '../source-location.js';

/** One YAML document of a file, with positions. */
export interface YamlDocument {
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The parsed document (nodes with ranges). */
  readonly document: Document.Parsed;
  /** The document as plain data. */
  readonly value: unknown;
  /** Where the document's content starts. */
  readonly location: SourceLocation;
  /** Line index of the whole file, to turn node ranges into positions. */
  readonly lines: LineIndex;
}

/** A path of keys and indexes into a YAML value, e.g. ['spec', 'template', 'spec', 'containers', 0]. */
export type FieldPath = readonly (string | number)[];
