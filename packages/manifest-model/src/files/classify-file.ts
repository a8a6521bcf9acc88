/** What a file is to Kustodian. */
export type FileRole =
  | 'kustomization'
  | 'manifest'
  | 'helm-chart'
  | 'chart-template'
  | 'sops-config'
  | 'shell'
  | 'markdown'
  | 'other';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const YAML_EXTENSION = /\.ya?ml$/i;
const SHELL_EXTENSION = /\.(sh|bash|zsh|ksh)$/i;
const MARKDOWN_EXTENSION = /\.(md|markdown)$/i;

/**
 * Paths Flux's source-controller leaves out of an artifact by default: they
 * are never applied, so their YAML is not a manifest.
 */
const FLUX_DEFAULT_EXCLUDED = /(^|\/)(\.github|\.circleci|\.gitlab|\.vscode|\.devcontainer|\.taskfiles)\/|(^|\/)(\.travis\.yml|\.gitlab-ci\.yml|appveyor\.yml|\.drone\.yml|cloudbuild\.yaml|\.goreleaser\.yml|\.flux\.yaml|\.pre-commit-config\.yaml|\.yamllint(\.ya?ml)?|\.yayamlls\.yaml|\.lefthook\.ya?ml|Taskfile\.ya?ml|\.mise\.toml)$/;

/** Whether source-controller leaves the file out of an artifact by default (CI configuration, editor folders, Taskfiles …). */
export function isFluxDefaultExcluded(path: string): boolean {
  return FLUX_DEFAULT_EXCLUDED.test(path);
}

export interface ClassifyContext {
  /** The Helm chart folder this file belongs to, if any ('' for a chart at the root). */
  readonly chartRoot?: string | undefined;
  /** First bytes of the file, to recognise a shebang. */
  readonly head?: string | undefined;
}

export function classifyFile(path: string, context: ClassifyContext = {}): FileRole {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (context.chartRoot !== undefined) {
    const inner = context.chartRoot === '' ? path : path.slice(context.chartRoot.length + 1);
    if (inner.startsWith('templates/') || inner.startsWith('charts/') || inner.startsWith('crds/')) return 'chart-template';
    if (YAML_EXTENSION.test(name)) return 'helm-chart';
  }
  if (name === '.sops.yaml' || name === '.sops.yml') return 'sops-config';
  if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name)) return 'kustomization';
  if (MARKDOWN_EXTENSION.test(name)) return 'markdown';
  if (SHELL_EXTENSION.test(name)) return 'shell';
  if (YAML_EXTENSION.test(name)) return isFluxDefaultExcluded(path) ? 'other' : 'manifest';
  if (context.head !== undefined && /^#!.*\b(ba|z|k|da)?sh\b/.test(context.head)) return 'shell';
  return 'other';
}
