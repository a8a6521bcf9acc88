/** A place in the user's repository. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Repository-relative POSIX path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Start offsets of every line of a text, for offset → line/column. */
export class LineIndex {
  /** Made on first use: most files of a repository are never asked for a position past their first line. */
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.lineStarts = starts);
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    // The first line needs no index (a file's first document starts there).
    if (this.lineStarts === undefined && offset >= 0) {
      const newline = this.text.indexOf('\n');
      if (newline < 0 || offset <= newline) return { line: 1, column: offset + 1 };
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** Line `index` (0-based) of the text this index was made from, without its line break. */
  lineOf(text: string, index: number): string | undefined {
    const start = this.starts[index];
    if (start === undefined) return undefined;
    const next = this.starts[index + 1];
    return text.slice(start, next === undefined ? text.length : next - 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export function locationAt(file: string, line = 1, column = 1): SourceLocation {
  return { file, line, column };
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Report order of places: file (by code unit), line, column. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}
