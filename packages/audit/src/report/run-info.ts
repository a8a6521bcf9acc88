/** What a report was made from: the tool, the repository, its revision, the entry points. */
export interface ReportRun {
  readonly tool: { readonly name: string; readonly version: string };
  /** The repository folder as it was read. */
  readonly repository: string;
  /** The git commit checked out, when the repository is a git checkout. */
  readonly revision?: string;
  readonly entryPoints: readonly string[];
}

/** `path:line:col`, the location every format prints, that editors and terminals jump to. */
export function formatLocation(location: { readonly file: string; readonly line: number; readonly column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}
