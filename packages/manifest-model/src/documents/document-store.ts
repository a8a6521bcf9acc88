import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import type { FileSystem } from '../fs/file-system.js';
import type { ParseYamlOptions } from './parse-yaml-file.js';
import { DEFAULT_MAX_BYTES, looksBinary, parseYamlFile } from './parse-yaml-file.js';
import type { YamlDocument } from './yaml-document.js';

/** Files documents() parses: YAML, and JSON (a subset of YAML). */
const YAML_FILE = /\.(ya?ml|json)$/i;

/**
 * Parses each YAML file once and keeps its documents and diagnostics. A
 * build asks it for files; the model reports every diagnostic once.
 */
export class DocumentStore {
  private readonly parsed = new Map<string, { documents: readonly YamlDocument[]; diagnostics: readonly Diagnostic[]; text: string | undefined } | undefined>();
  /** Text of files that are not YAML (scripts, Markdown, env files): decoded, never parsed. */
  private readonly texts = new Map<string, string | undefined>();

  constructor(
    readonly fs: FileSystem,
    private readonly options: ParseYamlOptions = {},
  ) {}

  /** Documents of a YAML file; undefined when the file does not exist. */
  documents(path: string): readonly YamlDocument[] | undefined {
    return this.load(path)?.documents;
  }

  /**
   * Text of a file (decoded as UTF-8); undefined when missing, binary or over
   * the size limit. A YAML or JSON file is parsed once for this and for
   * documents(); any other file is only decoded.
   */
  text(path: string): string | undefined {
    if (this.parsed.has(path) || YAML_FILE.test(path)) return this.load(path)?.text;
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.decoded(path);
    this.texts.set(path, text);
    return text;
  }

  /** A file's text, or undefined when missing, binary or over the size limit (told from its size before reading it, where the file system can). */
  private decoded(path: string): string | undefined {
    let bytes: Uint8Array | undefined;
    if (this.fs.readFileWithin) {
      const within = this.fs.readFileWithin(path, this.maxBytes);
      bytes = within instanceof Uint8Array ? within : undefined;
    } else {
      if (this.tooLarge(path)) return undefined;
      bytes = this.fs.readFile(path);
    }
    return bytes === undefined || bytes.length > this.maxBytes || looksBinary(bytes) ? undefined : new TextDecoder('utf-8').decode(bytes);
  }

  private get maxBytes(): number {
    return this.options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  private tooLarge(path: string): number | undefined {
    const size = this.fs.size?.(path);
    return size !== undefined && size > this.maxBytes ? size : undefined;
  }

  /**
   * Text of a file decoded as UTF-8, without parsing it even when it is YAML
   * (a workflow or a Taskfile read for its commands); undefined when missing,
   * binary or over the size limit.
   */
  rawText(path: string): string | undefined {
    if (this.parsed.has(path)) return this.load(path)?.text;
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.decoded(path);
    this.texts.set(path, text);
    return text;
  }

  /** Diagnostics of every file parsed so far, in path order. */
  diagnostics(): Diagnostic[] {
    return [...this.parsed.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, p]) => p?.diagnostics ?? []);
  }

  private load(path: string) {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const within = this.fs.readFileWithin?.(path, this.maxBytes);
    const large = within !== undefined && !(within instanceof Uint8Array) ? within.size : this.fs.readFileWithin ? undefined : this.tooLarge(path);
    let result: ReturnType<typeof parseYamlFile> | undefined;
    if (large !== undefined) {
      // Not read at all: the size says enough.
      result = { documents: [], text: undefined, diagnostics: [diagnostic('file-too-large', 'warning', `${path} is ${large} bytes, larger than the ${this.maxBytes}-byte limit (limits.maxFileBytes in kustodian.yaml); it was not parsed`, { file: path, line: 1, column: 1 })] };
      this.parsed.set(path, result);
      return result;
    }
    const bytes = this.fs.readFileWithin ? (within instanceof Uint8Array ? within : undefined) : this.fs.readFile(path);
    if (bytes !== undefined) result = parseYamlFile(path, bytes, this.options);
    else if (this.fs.stat(path) === 'file') {
      // Listed but unreadable (permissions): say so, rather than audit it as absent.
      result = { documents: [], text: undefined, diagnostics: [diagnostic('file-unreadable', 'error', `${path} cannot be read`, { file: path, line: 1, column: 1 })] };
    }
    this.parsed.set(path, result);
    return result;
  }
}
