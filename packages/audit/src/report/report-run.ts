/** What a report was made from: the tool, the repository, its revision, the entry points. */
export interface ReportRun {
  readonly tool: { readonly name: string; readonly version: string };
  /** The repository folder as it was read; absolute, so that SARIF can name it as the file: URI of %SRCROOT%. */
  readonly repository: string;
  /** The git commit checked out, when the repository is a git checkout. */
  readonly revision?: string;
  /** The folders where Flux starts, repository-relative, as the model found or was given them. */
  readonly entryPoints: readonly string[];
}
