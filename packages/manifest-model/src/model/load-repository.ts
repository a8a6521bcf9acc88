import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import { compareLocations } from '../source-location.js';
import { driftedCopies, duplicateGroups } from '../resources/duplicates.js';
import type { DriftedCopy, DuplicateGroup } from '../resources/duplicates.js';
import { DocumentStore } from '../documents/document-store.js';
import type { DeclaredSecret } from '../secrets/secret-catalog.js';
import { SECRET_PRODUCERS } from '../secrets/producers/index.js';
import { templateSecrets } from '../secrets/template-secrets.js';
import type { SecretProducer } from '../secrets/producers/index.js';
import { bootstrapSources, SecretCatalog } from '../secrets/secret-catalog.js';
import { RepositoryText } from '../text/repository-text.js';
import { walkRepository } from '../files/walk-repository.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { findEntryPoints, scanFluxKustomizations } from '../flux/entry-points.js';
import type { FluxKustomization } from '../flux/flux-kustomization.js';
import { isFluxKustomization, SUBSTITUTE_ANNOTATION } from '../flux/kinds.js';
import { parseFluxKustomization } from '../flux/parse-flux-kustomization.js';
import { applyOrder } from '../flux/apply-order.js';
import type { ArtifactCopy } from '../flux/artifact-generator.js';
import { artifactCopies, resolveArtifactPath } from '../flux/artifact-generator.js';
import { SUBSTITUTION_GROWTH_LIMIT, substituteVariables } from '../flux/post-build-substitute.js';
import { artifactFilter } from '../flux/source-ignore.js';
import { checkoutName, underRoot, findArtifactPushes, findDefinedSources, findFluxInstanceSyncs, findLocalSources, fluxInstanceSources, gitRemoteUrls, sourceKey } from '../flux/source-identity.js';
import type { FileSystem } from '../fs/file-system.js';
import { dirname, joinPath, normalizePath } from '../fs/file-system.js';
import { MountedFileSystem } from '../fs/mounted-file-system.js';
import { diskRoot, NodeFileSystem } from '../fs/node-file-system.js';
import { resolve as resolvePath } from 'node:path';
import { KustomizeBuilder } from '../kustomize/build.js';
import type { BuildOverlay, UnitBuild } from '../kustomize/build.js';
import { controllerNamespaces } from '../charts/controller-namespaces.js';
import { extractReferences } from '../references/extract-references.js';
import { ReferenceIndex } from '../references/reference-index.js';
import type { BuiltObject, Resource } from '../resources/resource.js';
import { kubeObjectOf } from '../resources/kube-object.js';
import { copyValue, isRecord, locateResourceField, metadataOf, originLocation } from '../resources/resource.js';
import { resourceKey } from '../resources/resource-id.js';
import type { ResourceId } from '../resources/resource-id.js';
import { hasSopsMetadata, isSopsEncryptedValue } from '../resources/sops-metadata.js';
import type { BuildUnitSummary, EntryPoint, RepositoryModel } from './repository-model.js';
import { ChangeScope } from './change-scope.js';
import type { ChangeOptions } from './change-scope.js';
import { substitutionVariables } from './substitution-variables.js';

export interface LoadOptions {
  /** Folders Flux starts from; found automatically when not given. */
  readonly entryPoints?: readonly string[];
  /** gitignore-style patterns to leave out. */
  readonly ignore?: readonly string[];
  /** Largest YAML file parsed, in bytes. @default 8 MiB (DEFAULT_MAX_BYTES) */
  readonly maxFileBytes?: number;
  /** Most kustomizations in one chain of resources and components. @default 200 (KUSTOMIZE_MAX_DEPTH) */
  readonly maxKustomizeDepth?: number;
  /** How much larger than its own nodes a YAML document may grow by expanding aliases. @default 10 */
  readonly maxAliasExpansion?: number;
  /** Secrets created outside git (kustodian.yaml `secrets.external`): the Secret catalog counts them as defined. */
  readonly declaredSecrets?: readonly DeclaredSecret[];
  /** Producers of Secrets besides the catalogue's (kustodian.yaml `secrets.producers`). */
  readonly secretProducers?: readonly SecretProducer[];
  /** Flux sources that are this repository (kustodian.yaml `sources`): `self` names them, `paths` maps each to the folder that is its root. */
  readonly sources?: { readonly self: readonly string[]; readonly paths: Readonly<Record<string, string>> };
  /** URLs this repository is cloned from. @default the checkout's git remotes (.git/config) */
  readonly remoteUrls?: readonly string[];
  /**
   * Model the changes only: build the Flux Kustomizations that changed files
   * can affect (see ChangeScope), and what defines or uses the names the
   * changed objects use, not the whole repository. What the model says
   * about the changed files is what the whole model says; about other files
   * it is partial.
   */
  readonly changes?: ChangeOptions;
}

const MASK = '<redacted>';

/** Secret values never enter the model in clear: SOPS ciphertext is kept, anything else is masked. */
function maskSecret(body: Record<string, unknown>): Record<string, unknown> {
  if (body['kind'] !== 'Secret') return body;
  const out = { ...body };
  for (const field of ['data', 'stringData']) {
    const data = body[field];
    if (isRecord(data)) out[field] = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, isSopsEncryptedValue(v) ? v : MASK]));
  }
  const meta = metadataOf(body);
  const annotations = meta['annotations'];
  if (isRecord(annotations) && 'kubectl.kubernetes.io/last-applied-configuration' in annotations) {
    out['metadata'] = { ...meta, annotations: { ...annotations, 'kubectl.kubernetes.io/last-applied-configuration': MASK } };
  }
  return out;
}

function originKey(obj: BuiltObject): string {
  const o = obj.origin;
  // Not the generator's line: reading it would build the file's AST for nothing.
  return o.type === 'document' ? `${o.document.file}#${o.document.index}` : `${o.location.file}:${o.generator}`;
}

interface Application {
  readonly path: string;
  readonly applier: string;
  readonly overlay: BuildOverlay | undefined;
  readonly ks: FluxKustomization | undefined;
  readonly entry: string;
}

/** What nothing applies, built on its own. */
const STANDALONE: Application = { path: '', applier: '', overlay: undefined, ks: undefined, entry: '' };

class MutableResource {
  readonly appliedBy = new Set<string>();
  constructor(readonly resource: Omit<Resource, 'appliedBy'>) {}
  freeze(): Resource {
    return { ...this.resource, appliedBy: [...this.appliedBy].sort() };
  }
}

/** Where a source that kustodian.yaml maps to a folder outside the checkout is mounted. */
const SOURCES_FOLDER = '.sources';

/**
 * kustodian.yaml `sources.paths` folders outside the checkout, mounted at
 * `.sources/<namespace>/<name>` (when the checkout is a folder of the disk),
 * with the paths rewritten to the mount points.
 */
function mountSourcePaths(checkout: FileSystem, paths: Readonly<Record<string, string>>): { fs: FileSystem; paths: Record<string, string>; diagnostics: Diagnostic[] } {
  const out: Record<string, string> = {};
  const mounts = new Map<string, FileSystem>();
  const diagnostics: Diagnostic[] = [];
  const root = diskRoot(checkout);
  for (const [key, folder] of Object.entries(paths)) {
    if (normalizePath(folder) !== undefined || root === undefined) {
      out[key] = folder;
      continue;
    }
    const point = `${SOURCES_FOLDER}/${key.split('/').filter((p) => p !== '').join('/')}`;
    try {
      mounts.set(point, new NodeFileSystem(resolvePath(root, folder)));
      out[key] = point;
    } catch {
      diagnostics.push(diagnostic('source-path-invalid', 'error', `kustodian.yaml sources.paths maps ${key} to ${folder}, which is not a folder`, { file: 'kustodian.yaml', line: 1, column: 1 }));
    }
  }
  return { fs: mounts.size > 0 ? new MountedFileSystem(checkout, mounts) : checkout, paths: out, diagnostics };
}

/**
 * Build the model of a repository: files → documents → build units → Flux
 * graph → resources → references. Never throws for problems in the
 * repository: they are diagnostics.
 */
export function loadRepository(checkout: FileSystem, options: LoadOptions = {}): RepositoryModel {
  // Folders outside the checkout that kustodian.yaml maps a source to are mounted under .sources/.
  const mounted = mountSourcePaths(checkout, options.sources?.paths ?? {});
  const fs = mounted.fs;
  const files = walkRepository(fs, { ignore: options.ignore ?? [] });
  const store = new DocumentStore(fs, {
    ...(options.maxFileBytes !== undefined ? { maxBytes: options.maxFileBytes } : {}),
    ...(options.maxAliasExpansion !== undefined ? { maxAliasExpansion: options.maxAliasExpansion } : {}),
  });
  const diagnostics: Diagnostic[] = [...mounted.diagnostics];
  const builder = new KustomizeBuilder({ store, diagnostics, ...(options.maxKustomizeDepth !== undefined ? { maxDepth: options.maxKustomizeDepth } : {}) });
  const manifestFiles = files.filter((f) => f.role === 'manifest');
  const add = <K>(map: Map<K, Set<string>>, key: K, value: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
  const changeScope = options.changes ? new ChangeScope(files, store, options.changes.files) : undefined;
  // A change to a file that every build reads (kustodian.yaml, .sops.yaml …) is a model of everything.
  const scope = changeScope?.fullBuild === undefined ? changeScope : undefined;
  // A model of the changes scans the files that can hold Flux objects, CRDs and Namespaces (one search), not every manifest.
  if (scope) scope.search(changedDocumentNames(scope.changed, store), options.changes?.search);
  const scanned = scope ? files.filter((f) => scope.scans(f.path)) : files;
  /** Files that create each Namespace (a Namespace manifest, a HelmRelease with install.createNamespace), for a model of the changes. */
  const namespaceCreators = new Map<string, Set<string>>();

  // CRDs in the repository tell which custom kinds are cluster-scoped.
  const crdScopes = new Map<string, 'Cluster' | 'Namespaced'>();
  const rawObjects = new Map<string, Record<string, unknown>>();
  const controllerSecrets = new Set<string>();
  for (const f of scanned) {
    if (f.role !== 'manifest') continue;
    for (const doc of store.documents(f.path) ?? []) {
      const v = doc.value;
      if (!isRecord(v)) continue;
      if (v['kind'] === 'CustomResourceDefinition' && isRecord(v['spec'])) {
        const spec = v['spec'];
        const names = isRecord(spec['names']) ? spec['names'] : {};
        if (typeof spec['group'] === 'string' && typeof names['kind'] === 'string') {
          crdScopes.set(`${spec['group']}/${names['kind']}`, spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced');
        }
      }
      const meta = metadataOf(v);
      if (typeof meta['name'] === 'string' && typeof v['apiVersion'] === 'string' && /^(external-secrets\.io|bitnami\.com)\//.test(v['apiVersion']) && (v['kind'] === 'ExternalSecret' || v['kind'] === 'SealedSecret')) {
        const spec = isRecord(v['spec']) ? v['spec'] : {};
        // An ExternalSecret may name its Secret (spec.target.name); a SealedSecret's Secret is named after it.
        const target = v['kind'] === 'ExternalSecret' && isRecord(spec['target']) && typeof spec['target']['name'] === 'string' ? spec['target']['name'] : meta['name'];
        controllerSecrets.add(`Secret/${typeof meta['namespace'] === 'string' ? meta['namespace'] : '*'}/${target}`);
      }
      if ((v['kind'] === 'ConfigMap' || v['kind'] === 'Secret') && typeof metadataOf(v)['name'] === 'string') {
        const ns = typeof metadataOf(v)['namespace'] === 'string' ? metadataOf(v)['namespace'] : 'flux-system';
        rawObjects.set(`${v['kind']}/${ns}/${metadataOf(v)['name']}`, v);
      }
      if (scope) {
        const spec = isRecord(v['spec']) ? v['spec'] : {};
        const creates = v['kind'] === 'Namespace' ? meta['name'] : isRecord(spec['install']) && spec['install']['createNamespace'] === true ? (spec['targetNamespace'] ?? meta['namespace']) : undefined;
        if (typeof creates === 'string') add(namespaceCreators, creates, f.path);
      }
    }
  }

  const raw = scanFluxKustomizations(scanned, store);
  const dirs = new Set<string>();
  for (const f of files) for (let d = dirname(f.path); d !== '' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  const hasDirectory = (p: string) => fs.stat(p) === 'directory' || dirs.has(p);
  const sourceInput = {
    defined: findDefinedSources(scanned, store),
    instances: findFluxInstanceSyncs(scanned, store),
    pushes: findArtifactPushes(files, store),
    remotes: options.remoteUrls ?? gitRemoteUrls(checkout),
    checkoutName: checkoutName(checkout),
    self: options.sources?.self ?? [],
    paths: mounted.paths,
    directories: dirs,
  };
  const found = findEntryPoints(
    files,
    raw,
    options.entryPoints,
    hasDirectory,
    fluxInstanceSources(sourceInput).map((s) => s.entry),
  );
  diagnostics.push(...found.diagnostics);
  const firstManifest = files.find((f) => f.role === 'kustomization' || f.role === 'manifest');
  if (found.entryPoints.length === 0 && found.diagnostics.length === 0 && firstManifest) {
    // Without an entry point nothing counts as applied: say so rather than report a clean repository.
    diagnostics.push(
      diagnostic(
        'entry-point-missing',
        'warning',
        'no Flux entry point found (no gotk-sync Flux Kustomization, no clusters/<name>/ folder, no Flux Kustomization of this repository); nothing is treated as applied — name the folders Flux starts from in kustodian.yaml entryPoints',
        { file: firstManifest.path, line: 1, column: 1 },
      ),
    );
  }

  // Flux Kustomizations defined with the same namespace/name in several files of a
  // multi-cluster repository are told apart by their entry point.
  const definitions = new Map<string, Set<string>>();
  for (const k of raw) {
    const key = `${k.namespace ?? 'flux-system'}/${k.name}`;
    (definitions.get(key) ?? definitions.set(key, new Set()).get(key)!).add(k.file);
  }
  const qualify = (key: string, entry: string) => (found.entryPoints.length > 1 && (definitions.get(key)?.size ?? 0) > 1 ? `${key}@${entry}` : key);
  const entryPoints: EntryPoint[] = found.entryPoints.map((e) => (e.appliedBy ? { ...e, appliedBy: qualify(e.appliedBy, e.path) } : e));

  const resources = new Map<string, MutableResource>();
  const fileAppliedBy = new Map<string, Set<string>>();
  const unitAppliedBy = new Map<string, Set<string>>();
  const fluxKustomizations = new Map<string, FluxKustomization>();
  const generatedUnits = new Map<string, UnitOutline>();
  const bootstrap = new Set<string>([sourceKey('GitRepository', 'flux-system', 'flux-system')]);
  for (const e of found.entryPoints) {
    const self = raw.find((k) => e.appliedBy === `${k.namespace ?? 'flux-system'}/${k.name}` && k.path === e.path);
    if (self) {
      for (const d of store.documents(self.file) ?? []) {
        const v = d.value;
        if (isRecord(v) && isFluxKustomization(v['apiVersion'], v['kind']) && metadataOf(v)['name'] === self.name) {
          const ks = parseFluxKustomization(v, self.namespace ?? 'flux-system', d.location);
          if (ks.sourceRef) bootstrap.add(sourceKey(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name));
        }
      }
    }
  }
  const local = findLocalSources({ ...sourceInput, bootstrap: [...bootstrap] });
  for (const { source, bootstrap: main, location } of local.otherRefs) {
    diagnostics.push(
      diagnostic(
        'flux-source-ref',
        'info',
        `${source.kind} ${source.namespace}/${source.name} is this repository at ${source.ref}, while ${main.namespace === '' ? 'the branch of this checkout is not known' : `${main.kind} ${main.namespace}/${main.name} syncs ${main.ref ?? 'its default branch'}`}; it is followed in this checkout`,
        location,
      ),
    );
  }
  for (const invalid of local.invalidPaths) {
    diagnostics.push(diagnostic('source-path-invalid', 'error', `kustodian.yaml sources.paths maps ${invalid.key} to ${invalid.folder}, which cannot be used: ${invalid.reason}`, { file: 'kustodian.yaml', line: 1, column: 1 }));
  }
  const definedSources = new Map(sourceInput.defined.map((d) => [sourceKey(d.kind, d.namespace, d.name), d]));
  const artifactFilters = new Map<string, (path: string) => boolean>();
  for (const [key, source] of local.sources) {
    const specIgnore = definedSources.get(key)?.ignore;
    const id = `${source.root}\n${specIgnore ?? ''}`;
    if (!artifactFilters.has(id)) artifactFilters.set(id, artifactFilter(files, store, source.root, specIgnore));
  }
  const fetched = new Map<string, boolean>();
  const isFetched = (path: string) => {
    let known = fetched.get(path);
    if (known === undefined) fetched.set(path, (known = [...artifactFilters.values()].some((f) => f(path))));
    return known;
  };
  /** The repository folder a local source's artifact is made of; undefined for a source that is not this repository. */
  const localRoot = (kind: string, namespace: string, name: string) => local.sources.get(sourceKey(kind, namespace, name))?.root;
  const artifacts = new Map<string, ArtifactCopy[]>();
  for (const f of scanned) {
    if (f.role !== 'manifest') continue;
    for (const doc of store.documents(f.path) ?? []) {
      const v = doc.value;
      if (isRecord(v) && v['kind'] === 'ArtifactGenerator' && typeof v['apiVersion'] === 'string' && v['apiVersion'].startsWith('source.extensions.fluxcd.io/')) {
        const ns = typeof metadataOf(v)['namespace'] === 'string' ? String(metadataOf(v)['namespace']) : 'flux-system';
        // Several clusters may each define the same artifact from different folders: keep every copy rule.
        for (const [k, copies] of artifactCopies(v, ns, localRoot)) artifacts.set(k, [...(artifacts.get(k) ?? []), ...copies]);
      }
    }
  }
  /**
   * The repository folder a Flux Kustomization's `spec.path` is, for a source
   * that is this repository (under its root, or through an ArtifactGenerator's
   * copies); undefined for another source.
   */
  const sourceFolder = (sourceRef: { readonly kind: string; readonly namespace: string; readonly name: string }, path: string): string | undefined => {
    const root = localRoot(sourceRef.kind, sourceRef.namespace, sourceRef.name);
    if (root !== undefined) return root === '' ? path : underRoot(root, path);
    if (sourceRef.kind !== 'ExternalArtifact') return undefined;
    const copies = artifacts.get(`${sourceRef.namespace}/${sourceRef.name}`);
    return copies ? resolveArtifactPath(copies, path) : undefined;
  };

  // ConfigMaps and Secrets applied so far, for substituteFrom (unmasked bodies: variables may come from plaintext Secrets).
  const appliedVariableSources = new Map<string, Record<string, unknown>>();
  const lookupVariableSource = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) =>
    appliedVariableSources.get(`${kind}/${namespace}/${name}`) ?? rawObjects.get(`${kind}/${namespace}/${name}`) ?? (controllerSecrets.has(`${kind}/${namespace}/${name}`) || controllerSecrets.has(`${kind}/*/${name}`) ? ('opaque' as const) : undefined);

  const queue: Application[] = entryPoints.map((e) => ({ path: e.path, applier: e.appliedBy ?? `entry:${e.path}`, overlay: undefined, ks: undefined, entry: e.path }));
  const visited = new Set<string>();
  /** Flux Kustomizations a model of the changes has not built (yet): built when a later step brings them in scope. */
  const deferred: { ks: FluxKustomization; entry: string; resource: Omit<Resource, 'appliedBy'> }[] = [];
  const built = new Set<string>();
  if (scope) {
    // A Flux Kustomization defined anywhere whose folder holds a target makes its definition a target: what includes that file is built, and so the Flux Kustomization.
    scope.linkFluxKustomizations(
      raw.flatMap((k) => {
        if (k.path === undefined || k.sourceName === undefined) return [];
        // The namespace as written may change in the build (a kustomization's namespace:): each candidate's folder counts.
        const namespaces = new Set([k.sourceNamespace ?? k.namespace ?? 'flux-system', k.namespace ?? 'flux-system', 'flux-system']);
        const folders = new Set([...namespaces].map((namespace) => sourceFolder({ kind: k.sourceKind ?? 'GitRepository', namespace, name: k.sourceName! }, k.path!)));
        // Its components (relative to its folder) are built with it.
        return [...folders]
          .filter((folder) => folder !== undefined)
          .flatMap((folder) => [folder, ...k.components.map((c) => joinPath(folder, c)).filter((c) => c !== undefined)])
          .map((folder) => ({ file: k.file, folder }));
      }),
    );
  }
  drain();
  if (scope) {
    // What creates the namespaces the changed objects are in, the Flux Kustomizations that deploy into them or that they name, and those that depend on what is built.
    const used = changedNames([...resources.values()].map((r) => r.resource), scope.changed);
    scope.add([...used.namespaces].flatMap((n) => [...(namespaceCreators.get(n) ?? [])]));
    const more = [...fluxKustomizations.values()].filter((k) => k.path !== undefined && ((k.targetNamespace !== undefined && used.namespaces.has(k.targetNamespace)) || used.names.has(k.id.name) || k.dependsOn.some((d) => built.has(`${d.namespace}/${d.name}`))));
    scope.add(more.map((k) => k.path!));
    const waiting = deferred.splice(0);
    for (const d of waiting) followFluxKustomization(d.ks, d.entry, d.resource);
    drain();
  }

  function drain(): void {
    while (queue.length > 0) {
      const app = queue.shift()!;
      const visitKey = `${app.applier}|${app.path}`;
      if (visited.has(visitKey)) continue;
      visited.add(visitKey);
      const build = builder.build(app.path, app.overlay);
      if (build.kind === 'generated' && !generatedUnits.has(app.path)) generatedUnits.set(app.path, outline(builder.build(app.path, undefined, false), false));
      add(unitAppliedBy, app.path, app.applier);
      for (const file of build.files) {
        add(fileAppliedBy, file, app.applier);
        if (/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file)) add(unitAppliedBy, dirname(file), app.applier);
      }
      const variables = app.ks && (Object.keys(app.ks.substitute).length > 0 || app.ks.substituteFrom.length > 0) ? substitutionVariables(app.ks, lookupVariableSource, diagnostics) : undefined;
      const vars = variables?.vars;
      const reportedUnresolved = new Set<string>();
      for (const obj of build.objects) {
        let body = obj.body;
        const meta = metadataOf(body);
        // Opted out of substitution with the label or the annotation, as Flux allows both.
        const optedOut = [meta['labels'], meta['annotations']].some((m) => isRecord(m) && m[SUBSTITUTE_ANNOTATION] === 'disabled');
        if (vars && !optedOut) {
          const result = substituteVariables(body, vars, variables?.open ?? false);
          body = result.value;
          if (result.tooLarge) {
            diagnostics.push(diagnostic('flux-substitution-too-large', 'error', `Flux Kustomization ${app.applier} substitutes variables into this object that make it grow by more than ${SUBSTITUTION_GROWTH_LIMIT / (1024 * 1024)} MiB; Kustodian leaves it as written (Flux would build a manifest of that size and likely fail)`, originLocation(obj.origin)));
          }
          for (const name of result.unresolved) {
            const where = originLocation(obj.origin);
            const key = `${name}|${where.file}`;
            if (reportedUnresolved.has(key)) continue;
            reportedUnresolved.add(key);
            diagnostics.push(diagnostic('flux-substitution-unresolved', 'warning', `variable \${${name}} has no value in Flux Kustomization ${app.applier} and no default; Flux substitutes an empty string`, where));
          }
        }
        const resource = toResource(obj, sharedWithSource(obj, body), app, crdScopes);
        if (!resource) continue;
        const key = `${resourceKey(resource.id)}|${originKey(obj)}`;
        const existing = resources.get(key) ?? resources.set(key, new MutableResource(resource)).get(key)!;
        existing.appliedBy.add(app.applier);
        if ((resource.kind === 'ConfigMap' || resource.kind === 'Secret') && resource.apiVersion === 'v1' && resource.namespace) {
          appliedVariableSources.set(`${resource.kind}/${resource.namespace}/${resource.name}`, body);
        }

        if (isFluxKustomization(body['apiVersion'], body['kind'])) {
          const ks = parseFluxKustomization(body, resource.namespace, resource.location);
          const ksKey = qualify(ks.key, app.entry);
          const named = ksKey === ks.key ? ks : { ...ks, key: ksKey };
          if (!fluxKustomizations.has(ksKey)) fluxKustomizations.set(ksKey, named);
          followFluxKustomization(named, app.entry, resource);
        }
      }
    }
  }

  function followFluxKustomization(ks: FluxKustomization, entry: string, resource: Omit<Resource, 'appliedBy'>): void {
    const given = ks; // as written: a deferred one is followed again from here
    const doc = ks.location;
    const specPathLocation = () => locateResourceField(resource, ['spec', 'path']);
    if (!ks.sourceRef) {
      diagnostics.push(diagnostic('flux-invalid', 'error', `Flux Kustomization ${ks.key} has no spec.sourceRef: the API server rejects it, so it applies nothing`, doc));
      return;
    }
    const root = localRoot(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name);
    let followed = root !== undefined;
    if (ks.path !== undefined) {
      const folder = sourceFolder(ks.sourceRef, ks.path);
      if (folder !== undefined && folder !== ks.path) {
        ks = { ...ks, path: folder };
        fluxKustomizations.set(ks.key, ks);
      }
      if (folder !== undefined) followed = true;
    }
    if (!followed && ks.sourceRef) {
      const source = `${ks.sourceRef.kind} ${ks.sourceRef.namespace}/${ks.sourceRef.name}`;
      const url = definedSources.get(sourceKey(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name))?.url;
      diagnostics.push({
        ...diagnostic('flux-external-source', 'info', `Flux Kustomization ${ks.key} applies ${ks.rawPath || '/'} from ${source}, another source than this repository; it is not followed`, doc),
        subject: { key: sourceKey(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name), summary: `${source}${url ? ` (${url})` : ''} is another source than this repository: what its Flux Kustomizations apply is not audited` },
      });
      return;
    }
    const otherRef = local.otherRefs.find((o) => o.source.kind === ks.sourceRef!.kind && o.source.namespace === ks.sourceRef!.namespace && o.source.name === ks.sourceRef!.name);
    if (otherRef && ks.path !== undefined && !hasDirectory(ks.path)) {
      // Another branch of this repository: its folders need not be in this checkout.
      diagnostics.push(
        diagnostic(
          'flux-source-ref',
          'info',
          `Flux Kustomization ${ks.key} applies ./${ks.path} from ${otherRef.source.kind} ${otherRef.source.namespace}/${otherRef.source.name}, this repository at ${otherRef.source.ref}; that folder is not in this checkout${otherRef.bootstrap.ref ? ` (at ${otherRef.bootstrap.ref})` : ''}, so it is not followed`,
          doc,
        ),
      );
      return;
    }
    if (ks.path === undefined) {
      diagnostics.push(diagnostic('flux-path-missing', 'error', `Flux Kustomization ${ks.key} has spec.path ${ks.rawPath}, which leaves the repository`, specPathLocation()));
      return;
    }
    if (!hasDirectory(ks.path)) {
      diagnostics.push(diagnostic('flux-path-missing', 'error', `Flux Kustomization ${ks.key} applies ./${ks.path}, which does not exist`, specPathLocation()));
      return;
    }
    const overlay: BuildOverlay = {
      ...(ks.targetNamespace !== undefined ? { namespace: ks.targetNamespace } : {}),
      ...(ks.patches.length > 0 ? { patches: ks.patches.map((p) => (p.target ? { patch: p.patch, target: p.target } : { patch: p.patch })) } : {}),
      ...(ks.components.length > 0 ? { components: ks.components } : {}),
      ...(ks.images.length > 0 ? { images: ks.images } : {}),
      location: ks.location,
    };
    const plain = overlay.namespace === undefined && !overlay.patches && !overlay.components && !overlay.images;
    const folder = ks.path;
    if (scope && !scope.follows([folder, ...ks.components.flatMap((c) => joinPath(folder, c) ?? [])], ks.location.file)) {
      deferred.push({ ks: given, entry, resource });
      return;
    }
    built.add(ks.key);
    queue.push({ path: ks.path, applier: ks.key, overlay: plain ? undefined : overlay, ks, entry });
  }

  const order = applyOrder([...fluxKustomizations.values()]);
  diagnostics.push(...order.diagnostics);

  // Units: every folder with a kustomization file, and every folder Flux generates one for.
  const kustomizationDirs = files.filter((f) => f.role === 'kustomization').map((f) => dirname(f.path));
  // One build at a time, kept as its outline: the objects only of a unit nothing applies (audited on its own below).
  const unitBuilds = new Map<string, UnitOutline>();
  for (const dir of [...new Set(kustomizationDirs)].sort()) if (!scope || unitAppliedBy.has(dir) || scope.builds(dir)) unitBuilds.set(dir, outline(builder.build(dir, undefined, false), !unitAppliedBy.has(dir)));
  for (const [dir, build] of generatedUnits) if (!unitBuilds.has(dir)) unitBuilds.set(dir, build);

  // What nothing applies still belongs to the repository: build it standalone.
  const unreachableUnits = [...unitBuilds.values()].filter((u) => u.kind === 'kustomization' && !unitAppliedBy.has(u.path));
  const readByUnreachable = new Set<string>();
  for (const u of unreachableUnits) for (const f of u.files) if (f !== u.kustomizationFile) readByUnreachable.add(f);
  for (const u of unreachableUnits) {
    if (u.kustomizationFile && readByUnreachable.has(u.kustomizationFile)) continue; // included by another unreachable unit
    for (const obj of u.objects ?? []) addUnapplied(obj, { ...STANDALONE, path: u.path });
  }
  for (const f of manifestFiles) {
    if (fileAppliedBy.has(f.path) || readByUnreachable.has(f.path) || (scope && !scope.changed.has(f.path))) continue;
    for (const doc of store.documents(f.path) ?? []) {
      if (!isRecord(doc.value) || typeof doc.value['kind'] !== 'string' || typeof doc.value['apiVersion'] !== 'string') continue;
      addUnapplied({ body: copyValue(doc.value) as Record<string, unknown>, origin: { type: 'document', document: doc }, chain: [] }, { ...STANDALONE, path: dirname(f.path) });
    }
  }
  function addUnapplied(obj: BuiltObject, app: Application): void {
    const resource = toResource(obj, sharedWithSource(obj, obj.body), app, crdScopes);
    if (!resource) return;
    const key = `${resourceKey(resource.id)}|${originKey(obj)}`;
    if (!resources.has(key)) resources.set(key, new MutableResource(resource));
  }

  const frozen = [...resources.values()].map((r) => r.freeze()).sort(compareResources);
  // A custom kind named like a cluster-scoped one whose scope nothing tells: said, not guessed.
  const unknownScope = new Set<string>();
  for (const r of frozen) {
    const groupKind = `${r.id.group}/${r.kind}`;
    if (r.namespaceOrigin !== 'implicit-default' || !r.id.group.includes('.') || !/^Cluster[A-Z]/.test(r.kind) || crdScopes.has(groupKind) || unknownScope.has(groupKind)) continue;
    unknownScope.add(groupKind);
    diagnostics.push(
      diagnostic(
        'resource-scope-unknown',
        'info',
        `${groupKind} is not a kind Kustodian knows and no CustomResourceDefinition in the repository gives its scope: ${r.kind} ${r.name} is taken as namespaced, in default; if it is cluster-scoped, commit its CRD (or report the kind to Kustodian)`,
        r.location,
      ),
    );
  }
  const namespaces = new Set<string>();
  for (const r of frozen) {
    if (r.namespace) namespaces.add(r.namespace);
    if (r.kind === 'Namespace' && r.apiVersion === 'v1') namespaces.add(r.name);
  }
  const controllers = controllerNamespaces(frozen);
  const references = new ReferenceIndex(frozen.flatMap((r) => extractReferences(r, { namespaces, certManagerNamespace: controllers.certManager, longhornNamespace: controllers.longhorn })));
  const byId = new Map<string, Resource[]>();
  for (const r of frozen) (byId.get(resourceKey(r.id)) ?? byId.set(resourceKey(r.id), []).get(resourceKey(r.id))!).push(r);

  const units: BuildUnitSummary[] = [...unitBuilds.values()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((u) => ({ path: u.path, kind: u.kind, file: u.kustomizationFile, resources: u.resources, appliedBy: [...(unitAppliedBy.get(u.path) ?? [])].sort(), files: u.files }));

  const allDiagnostics = dedupeDiagnostics([...store.diagnostics(), ...diagnostics]);
  const orderIndex = new Map(order.order.map((k, i) => [k, i]));
  const find = (id: ResourceId) => byId.get(resourceKey(id)) ?? [];
  const text = new RepositoryText(files, store);
  const sortedFluxKustomizations = [...fluxKustomizations.values()].sort((a, b) => (orderIndex.get(a.key) ?? 0) - (orderIndex.get(b.key) ?? 0) || (a.key < b.key ? -1 : 1));
  let secrets: SecretCatalog | undefined;
  let duplicates: { groups: DuplicateGroup[]; drifted: DriftedCopy[] } | undefined;
  let byDocument: Map<string, Resource> | undefined;
  const builtFrom = (file: string, index: number): Resource | undefined => {
    if (!byDocument) {
      byDocument = new Map();
      for (const r of frozen) {
        if (r.origin.type !== 'document') continue;
        const key = `${r.origin.document.index}:${r.origin.document.file}`;
        const known = byDocument.get(key);
        if (!known || (known.appliedBy.length === 0 && r.appliedBy.length > 0)) byDocument.set(key, r);
      }
    }
    return byDocument.get(`${index}:${file}`);
  };
  // A model of the changes shows the manifests and kustomization files it read or took as targets; the others are not part of it.
  const readByUnits = new Set<string>();
  if (scope) for (const u of unitBuilds.values()) for (const f of u.files) readByUnits.add(f);
  const inScope = (f: RepositoryFile) => (f.role !== 'manifest' && f.role !== 'kustomization') || scope!.has(f.path) || fileAppliedBy.has(f.path) || readByUnits.has(f.path);
  const modelFiles = scope ? files.filter(inScope) : files;
  const appliedByFile = new Map(modelFiles.map((f) => [f.path, [...(fileAppliedBy.get(f.path) ?? [])].sort()]));
  // The closures the model returns keep this function's variables alive: what only the build needed is let go
  // (the builds' own copies of every object, the mutable resources), so that the model holds each object once.
  const notBuilt = deferred.length;
  builder.release();
  for (const m of [resources, unitBuilds, generatedUnits, fileAppliedBy, unitAppliedBy, rawObjects, appliedVariableSources]) m.clear();
  queue.length = 0;
  deferred.length = 0;
  return {
    fs,
    store,
    files: modelFiles,
    entryPoints,
    fluxKustomizations: sortedFluxKustomizations,
    units,
    resources: frozen,
    fileAppliedBy: appliedByFile,
    references,
    diagnostics: allDiagnostics,
    text,
    get secrets() {
      secrets ??= new SecretCatalog({
        resources: frozen,
        references,
        bootstrapSources: bootstrapSources(entryPoints, sortedFluxKustomizations),
        text,
        declared: options.declaredSecrets ?? [],
        templates: templateSecrets(files, store),
        producers: [...SECRET_PRODUCERS, ...(options.secretProducers ?? [])],
        find,
      });
      return secrets;
    },
    get duplicates() {
      duplicates ??= { groups: duplicateGroups(frozen), drifted: driftedCopies(frozen) };
      return duplicates;
    },
    localSources: [...local.sources.values()],
    isFetched,
    sourceFolder,
    find,
    builtFrom,
    ...(changeScope
      ? {
          changes: {
            changedFiles: [...changeScope.changed].sort(),
            builtFluxKustomizations: fluxKustomizations.size - notBuilt,
            fluxKustomizations: fluxKustomizations.size,
            ...(changeScope.fullBuild !== undefined ? { fullBuild: changeScope.fullBuild } : {}),
          },
        }
      : {}),
  };
}

/** The names the objects of changed files have and use (their own, their namespaces, what their references point at). */
function changedNames(resources: readonly Omit<Resource, 'appliedBy'>[], changed: ReadonlySet<string>): { names: Set<string>; namespaces: Set<string> } {
  const names = new Set<string>();
  const namespaces = new Set<string>();
  for (const r of resources) {
    if (!changed.has(r.location.file) && !(r.origin.type === 'document' && changed.has(r.origin.document.file))) continue;
    names.add(r.name);
    if (r.namespace) namespaces.add(r.namespace);
    for (const ref of extractReferences({ ...r, appliedBy: [] })) {
      names.add(ref.to.name);
      if (ref.to.namespace) namespaces.add(ref.to.namespace);
    }
  }
  for (const n of namespaces) names.add(n);
  return { names, namespaces };
}

/** The names the documents of the changed files have and use, as written (before kustomize renames them): what a model of the changes searches the repository for. */
function changedDocumentNames(changed: ReadonlySet<string>, store: DocumentStore): string[] {
  const objects: Omit<Resource, 'appliedBy'>[] = [];
  for (const file of changed) {
    if (!/\.(ya?ml|json)$/i.test(file)) continue;
    for (const document of store.documents(file) ?? []) {
      if (!isRecord(document.value)) continue;
      const resource = toResource({ body: document.value, origin: { type: 'document', document }, chain: [] }, document.value, STANDALONE, new Map());
      if (resource) objects.push(resource);
    }
  }
  return [...changedNames(objects, changed).names];
}

/**
 * A built body whose parts equal the document it was built from share that
 * document's nodes (a build copies every object; most of it, `spec` above
 * all, comes out as written): the model keeps such a part once. Neither is
 * changed after the build, so sharing is safe.
 */
function sharedWithSource(obj: BuiltObject, body: Record<string, unknown>): Record<string, unknown> {
  return obj.origin.type === 'document' ? (share(body, obj.origin.document.value, 0) as Record<string, unknown>) : body;
}

/** `built`, with every subtree that equals (same keys in the same order) its counterpart in `source` replaced by it. */
function share(built: unknown, source: unknown, depth: number): unknown {
  if (built === source || !built || !source || typeof built !== 'object' || typeof source !== 'object' || Array.isArray(built) !== Array.isArray(source) || depth > 64) return built;
  const b = built as Record<string, unknown>;
  const s = source as Record<string, unknown>;
  const keys = Object.keys(b);
  const sourceKeys = Object.keys(s);
  let same = keys.length === sourceKeys.length;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (same && sourceKeys[i] !== key) same = false;
    if (!Object.hasOwn(s, key)) {
      same = false;
      continue;
    }
    const shared = share(b[key], s[key], depth + 1);
    if (shared !== b[key]) b[key] = shared;
    if (shared !== s[key]) same = false;
  }
  return same ? source : built;
}

/** A unit's build without its objects (their identities only), unless they are kept. */
interface UnitOutline {
  readonly path: string;
  readonly kind: UnitBuild['kind'];
  readonly kustomizationFile: string | undefined;
  readonly files: readonly string[];
  readonly resources: BuildUnitSummary['resources'];
  readonly objects: readonly BuiltObject[] | undefined;
}

function outline(u: UnitBuild, keepObjects: boolean): UnitOutline {
  return {
    path: u.path,
    kind: u.kind,
    kustomizationFile: u.kustomizationFile,
    files: u.files,
    resources: u.objects.map((o) => {
      const meta = metadataOf(o.body);
      return { apiVersion: String(o.body['apiVersion'] ?? ''), kind: String(o.body['kind'] ?? ''), namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined, name: String(meta['name'] ?? '') };
    }),
    objects: keepObjects ? u.objects : undefined,
  };
}

function toResource(obj: BuiltObject, body: Record<string, unknown>, app: Application, crdScopes: ReadonlyMap<string, 'Cluster' | 'Namespaced'>): Omit<Resource, 'appliedBy'> | undefined {
  const object = kubeObjectOf(body, { crdScopes, targetNamespace: app.overlay?.namespace, fromKustomize: obj.namespaceFromKustomize !== undefined });
  if (!object) return undefined;
  const documentValue = obj.origin.type === 'document' ? obj.origin.document.value : undefined;
  return {
    ...object,
    body: maskSecret(body),
    origin: obj.origin,
    location: originLocation(obj.origin),
    unit: app.path,
    chain: obj.chain,
    sops: hasSopsMetadata(documentValue ?? body),
  };
}

function compareResources(a: Resource, b: Resource): number {
  return (
    cmp(a.location.file, b.location.file) ||
    documentOrder(a) - documentOrder(b) ||
    cmp(resourceKey(a.id), resourceKey(b.id)) ||
    cmp(a.appliedBy.join(','), b.appliedBy.join(','))
  );
}

/** Position within the file without reading a (lazily located) generator line: documents in file order, generated objects after. */
function documentOrder(r: Resource): number {
  return r.origin.type === 'document' ? r.origin.document.index : Number.MAX_SAFE_INTEGER;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.code}|${d.location.file}|${d.location.line}|${d.location.column}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => compareLocations(a.location, b.location) || cmp(a.code, b.code));
}

export type { RepositoryFile };
