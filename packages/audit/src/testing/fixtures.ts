/**
 * Small repository fixtures that the rule tests share: the manifests and
 * folders most cases start from. Each builder says on which lines its fields
 * stand, since the tests expect findings at exact lines. Test support only.
 */

/** A SOPS-encrypted value as sops writes it (not real ciphertext). */
export const ENC = 'ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]';

/** `dir/kustomization.yaml` listing every given file (then `kustomizationExtra`), and the files under `dir`. */
export function kustomizeFolder(dir: string, files: Readonly<Record<string, string>>, kustomizationExtra = ''): Record<string, string> {
  return {
    [`${dir}/kustomization.yaml`]: `resources:\n${Object.keys(files)
      .map((f) => `  - ${f}\n`)
      .join('')}${kustomizationExtra}`,
    ...Object.fromEntries(Object.entries(files).map(([f, content]) => [`${dir}/${f}`, content])),
  };
}

/** The entry point clusters/home listing these files, which sit beside its kustomization.yaml. */
export function clusterHome(files: Readonly<Record<string, string>>): Record<string, string> {
  return kustomizeFolder('clusters/home', files);
}

/** A plain entry point clusters/home applying `dir` (e.g. apps/web), whose kustomization.yaml lists every given file. */
export function appliedFolder(dir: string, files: Readonly<Record<string, string>>, kustomizationExtra = ''): Record<string, string> {
  return { 'clusters/home/kustomization.yaml': `resources:\n  - ../../${dir}\n`, ...kustomizeFolder(dir, files, kustomizationExtra) };
}

export interface FluxKustomizationOptions {
  /** spec.interval, written before spec.path (which then moves from line 7 to line 8). */
  readonly interval?: string;
  /** YAML lines that end spec (indented by two spaces, each ending with a newline). */
  readonly spec?: string;
}

/** A Flux Kustomization `name` in flux-system applying `path` from the GitRepository flux-system; metadata.name on line 4, spec.path on line 7. */
export function fluxKustomization(name: string, path: string, options: FluxKustomizationOptions = {}): string {
  const interval = options.interval ? `  interval: ${options.interval}\n` : '';
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n${interval}  path: ${path}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${options.spec ?? ''}`;
}

/** spec lines of a Flux Kustomization that decrypts with the Secret sops-age (its name three lines below `decryption:`). */
export const SOPS_DECRYPTION = '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n';

/** The GitRepository flux-system (7 lines); with `secretRef`, spec.secretRef.name flux-system on line 9. */
export function fluxSystemGitRepository(options: { readonly secretRef?: boolean } = {}): string {
  return `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: ssh://git@example.test/home-ops\n${options.secretRef ? '  secretRef:\n    name: flux-system\n' : ''}`;
}

/**
 * clusters/home/flux-system/gotk-sync.yaml as a bootstrap writes it: the GitRepository flux-system, then the Flux
 * Kustomization flux-system applying ./clusters/home (its document starts on line 9, or 11 with `secretRef`); with
 * `decryption`, it decrypts with the Secret sops-age (named on line 24 with `secretRef`).
 */
export function gotkSync(options: { readonly secretRef?: boolean; readonly decryption?: boolean } = {}): string {
  const kustomization = fluxKustomization('flux-system', './clusters/home', options.decryption ? { spec: SOPS_DECRYPTION } : {});
  return `${fluxSystemGitRepository(options)}---\n${kustomization}`;
}

/** A Deployment `name` in namespace web (metadata.name on line 4); `spec` lines follow metadata. */
export function deployment(name: string, spec = ''): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: web\n${spec}`;
}

/** apps/kustomization.yaml listing the folder web, whose kustomization.yaml lists deployment.yaml: the Deployment web. */
export function webApps(): Record<string, string> {
  return { 'apps/kustomization.yaml': 'resources:\n  - web\n', ...kustomizeFolder('apps/web', { 'deployment.yaml': deployment('web') }) };
}

/** A Deployment web/web whose one envFrom secretRef names `secretName` (on line 14). */
export function envFromSecretDeployment(secretName: string, options: { readonly optional?: boolean } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '          envFrom:',
    '            - secretRef:',
    `                name: ${secretName}`,
    ...(options.optional ? ['                optional: true'] : []),
    '',
  ].join('\n');
}

/** A Secret in clear whose one value is the Flux substitution `${TOKEN}`; metadata.name on line 4, `metadataExtra` lines after metadata.namespace. */
export function substitutedSecret(name: string, namespace: string, metadataExtra = ''): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${metadataExtra}stringData:\n  TOKEN: \${TOKEN}\n`;
}

export interface HelmReleaseOptions {
  /** metadata.namespace (line 5); left out when not given. */
  readonly namespace?: string;
  /** YAML lines under spec.values (indented by four spaces). */
  readonly values?: string;
  /** YAML lines that end spec (indented by two spaces). */
  readonly spec?: string;
}

/** A HelmRelease `name` of `chart` from the HelmRepository charts; metadata.name on line 4. */
export function helmRelease(name: string, chart: string, options: HelmReleaseOptions = {}): string {
  const namespace = options.namespace ? `  namespace: ${options.namespace}\n` : '';
  const values = options.values ? `  values:\n${options.values}` : '';
  return `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n${namespace}spec:\n  chart:\n    spec:\n      chart: ${chart}\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n${values}${options.spec ?? ''}`;
}

export interface SopsBlockOptions {
  /** age recipients; `sops.age` is written when given, even empty. */
  readonly age?: readonly string[];
  /** PGP fingerprints; `sops.pgp` is written when there is one. */
  readonly pgp?: readonly string[];
  /** @default '2025-01-01T00:00:00Z' */
  readonly lastmodified?: string;
  /** The line that says which keys sops encrypted. @default 'encrypted_regex: ^(data|stringData)$' */
  readonly selector?: string;
}

/** The lines of the `sops:` block that ends an encrypted YAML file, with a last empty line so that `join('\n')` ends the file. */
export function sopsBlock(options: SopsBlockOptions = {}): string[] {
  const { age, pgp = [], lastmodified = '2025-01-01T00:00:00Z', selector = 'encrypted_regex: ^(data|stringData)$' } = options;
  return [
    'sops:',
    ...(age ? ['  age:', ...age.flatMap((r) => [`    - recipient: ${r}`, '      enc: "-"'])] : []),
    ...(pgp.length > 0 ? ['  pgp:', ...pgp.flatMap((fp) => ['    - created_at: "2025-01-01T00:00:00Z"', '      enc: "-"', `      fp: ${fp}`])] : []),
    `  lastmodified: "${lastmodified}"`,
    `  mac: ${ENC}`,
    `  ${selector}`,
    '  version: 3.9.4',
    '',
  ];
}
