import type { KustodianConfig } from '@kustodian/manifest-model';
import { modelOptions } from '@kustodian/manifest-model';
import { allRules, readAuditConfig } from '@kustodian/audit';
import type { FileSystem, RepositoryModel } from '@kustodian/manifest-model';
import { loadRepository } from '@kustodian/manifest-model';
import { docRoots, documentedFolders } from './documented-folders.js';
import { folderView } from './folder/folder-view.js';
import type { MarkedPage, MarkerProblem } from './markers.js';
import { GENERATED_MARK, mergePage } from './markers.js';
import { platformReadme, README } from './pages/platform-readme.js';
import { isOrphanRulePage, RULE_REFERENCE_FOLDER, ruleReference } from './pages/rule-reference.js';
import { SECRETS_FILE, secretsMd } from './pages/secrets-md.js';
import { secretFindings } from './secrets/secret-findings.js';
import type { SecretInventory } from './secrets/secret-inventory.js';
import { buildSecretInventory } from './secrets/secret-inventory.js';
import { compareText } from './compare-text.js';

/** One file the docs consist of: what is on disk and what should be. */
export interface PlannedFile {
  /** Relative to the root of its file system. */
  readonly path: string;
  /** undefined: the file does not exist. */
  readonly before: string | undefined;
  /** undefined: the file must go (a page of a rule that no longer exists). */
  readonly after: string | undefined;
}

export interface RepositoryDocs {
  readonly config: KustodianConfig;
  readonly model: RepositoryModel;
  readonly inventory: SecretInventory;
  /** Every generated file of the repository, sorted by path. */
  readonly files: readonly PlannedFile[];
  /** Files left alone because their markers are broken. */
  readonly problems: readonly MarkerProblem[];
}

export interface PlanOptions {
  /** The configuration file, relative to the repository. @default 'kustodian.yaml' */
  readonly configFile?: string;
}

function readText(fs: FileSystem, path: string): string | undefined {
  const bytes = fs.readFile(path);
  return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
}

/**
 * The page `render` makes, or none when it throws: a page that cannot be
 * rendered is a problem of its own (named in `problems`), and the other
 * pages are still written.
 */
export function renderPage(path: string, render: () => MarkedPage, problems: MarkerProblem[]): MarkedPage[] {
  try {
    return [render()];
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.push({ file: path, line: 1, message: `cannot be generated (${why}; this is a bug in Kustodian: please report it)` });
    return [];
  }
}

/**
 * Everything the docs of a repository should be: the README of every
 * documented folder and SECRETS.md, merged into what is on disk. Pure over
 * the file system: writes nothing. Throws ConfigError for an unusable
 * kustodian.yaml.
 */
export function planRepositoryDocs(fs: FileSystem, options: PlanOptions = {}): RepositoryDocs {
  const config = readAuditConfig(fs, { rules: allRules, ...(options.configFile !== undefined ? { file: options.configFile } : {}) });
  const model = loadRepository(fs, modelOptions(config));
  const inventory = buildSecretInventory(model, secretFindings(model, config));
  const files: PlannedFile[] = [];
  const problems: MarkerProblem[] = [];
  const render = (path: string, page: () => MarkedPage) => renderPage(path, page, problems);
  const pages = [
    ...render(SECRETS_FILE, () => secretsMd(inventory, { usesSops: model.files.some((f) => f.role === 'sops-config') || inventory.entries.some((e) => e.storage === 'sops') })),
    ...documentedFolders(model, docRoots(config), (folder) => readText(fs, `${folder}/${README}`)?.includes(GENERATED_MARK) === true, { fluxApplied: config.docs.roots === undefined }).flatMap((folder) =>
      render(`${folder}/${README}`, () => platformReadme(model, folderView(model, folder), inventory, SECRETS_FILE)),
    ),
  ];
  for (const page of pages) {
    const before = readText(fs, page.path);
    if (before === undefined && fs.stat(page.path) !== undefined) {
      // There but unreadable (permissions, a folder): never overwrite what may be hand-written prose.
      problems.push({ file: page.path, line: 1, message: 'cannot be read' });
      continue;
    }
    const merged = mergePage(page, before);
    problems.push(...merged.problems);
    files.push({ path: page.path, before, after: merged.content });
  }
  files.sort((a, b) => compareText(a.path, b.path));
  return { config, model, inventory, files, problems };
}

/** The rule reference under a Kustodian workspace: every page as rendered from rule metadata, and orphans to remove. */
export function planRuleReference(fs: FileSystem): PlannedFile[] {
  const pages = ruleReference();
  const produced = new Set(pages.map((p) => p.path));
  const files: PlannedFile[] = pages.map((p) => ({ path: p.path, before: readText(fs, p.path), after: p.content }));
  for (const entry of fs.list(RULE_REFERENCE_FOLDER)) {
    const path = `${RULE_REFERENCE_FOLDER}/${entry.name}`;
    const content = entry.type === 'file' ? readText(fs, path) : undefined;
    if (content !== undefined && isOrphanRulePage(path, content, produced)) files.push({ path, before: content, after: undefined });
  }
  return files.sort((a, b) => compareText(a.path, b.path));
}

/** Files whose content on disk is not what it should be. */
export function staleFiles(files: readonly PlannedFile[]): PlannedFile[] {
  return files.filter((f) => f.before !== f.after);
}
