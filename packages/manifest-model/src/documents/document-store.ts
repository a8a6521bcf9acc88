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
    const bytes = this.fs.readFile(path);
    const text = bytes === undefined || bytes.length > (this.options.maxBytes ?? DEFAULT_MAX_BYTES) || looksBinary(bytes) ? undefined : new TextDecoder('utf-8').decode(bytes);
    this.texts.set(path, text);
    return text;
  }

  /**
   * Text of a file decoded as UTF-8, without parsing it even when it is YAML
   * (a workflow or a Taskfile read for its commands); undefined when missing,
   * binary or over the size limit.
   */
  rawText(path: string): string | undefined {
    if (this.parsed.has(path)) return this.load(path)?.text;
    if (this.texts.has(path)) return this.texts.get(path);
    const bytes = this.fs.readFile(path);
    const text = bytes === undefined || bytes.length > (this.options.maxBytes ?? DEFAULT_MAX_BYTES) || looksBinary(bytes) ? undefined : new TextDecoder('utf-8').decode(bytes);
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
    const bytes = this.fs.readFile(path);
    let result: ReturnType<typeof parseYamlFile> | undefined;
    if (bytes !== undefined) result = parseYamlFile(path, bytes, this.options);
    else if (this.fs.stat(path) === 'file') {
      // Listed but unreadable (permissions): say so, rather than audit it as absent.
      result = { documents: [], text: undefined, diagnostics: [diagnostic('file-unreadable', 'error', `${path} cannot be read`, { file: path, line: 1, column: 1 })] };
    }
    this.parsed.set(path, result);
    return result;
  }
}
