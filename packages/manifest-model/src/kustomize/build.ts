import type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import { joinPath, normalizePath } from '../fs/file-system.js';
import type { BuiltObject } from '../resources/resource.js';
import { copyValue, isRecord } from '../resources/resource.js';
import type { SourceLocation } from '../source-location.js';
import { formatLocation, locationAt } from '../source-location.js';
import type { BuildContext } from './build-context.js';
import { fluxGeneratedKustomization } from './flux-generated.js';
import type { ImageEntry, Kustomization, Located } from './kustomization-file.js';
import { declaresComponent, findKustomizationFile, parseImage, parseTarget, readKustomizationFile } from './kustomization-file.js';
import { contentHash } from './transforms/content-hash.js';
import { absorbGenerated, generateObject } from './transforms/generators.js';
import type { GeneratorIo } from './transforms/generators.js';
import { applyImages } from './transforms/images.js';
import { applyCommonAnnotations, applyCommonLabels, applyLabelsEntry } from './transforms/labels.js';
import { applyNameAffixes } from './transforms/name-affixes.js';
import { fixNameReferences, nameReferenceRules } from './transforms/name-references.js';
import type { ReferenceRule } from './transforms/name-references.js';
import { applyNamespace } from './transforms/namespace.js';
import { applyPatches } from './transforms/patches.js';
import type { PatchIo } from './transforms/patches.js';
import { applyReplicas } from './transforms/replicas.js';
import type { WorkingObject } from './working-object.js';
import { apiVersionOf, cloneObject, createObject, describeObject, effectiveNamespace, kindOf, nameOf, namespaceOf, renameObject } from './working-object.js';

/** The build of one folder: what `kubectl kustomize DIR` (or Flux, for a folder without kustomization file) produces. */
export interface UnitBuild {
  /** Folder, repository-relative ('' = root). */
  readonly path: string;
  /** 'generated' = a folder without kustomization file, built as Flux builds it. */
  readonly kind: 'kustomization' | 'generated';
  readonly kustomizationFile: string | undefined;
  /** The objects; kustomize's output order is not kept, identities are. */
  readonly objects: readonly BuiltObject[];
  /** Every file the build read (kustomization files, manifests, patch files, generator sources), sorted. */
  readonly files: readonly string[];
  /** Diagnostics about this build and the kustomizations it includes (each is also in the context's list, once). */
  readonly diagnostics: readonly Diagnostic[];
}

/** What a Flux Kustomization adds on top of the folder's build (merged into its kustomization, as Flux does). */
export interface BuildOverlay {
  /** spec.targetNamespace: like a top-level `namespace:` (it replaces the kustomization's own). */
  readonly namespace?: string;
  /** spec.patches (inline). */
  readonly patches?: readonly { patch: string; target?: Record<string, string> }[];
  /** spec.components, relative to the built folder. */
  readonly components?: readonly string[];
  readonly images?: readonly Record<string, unknown>[];
  /** The Flux Kustomization, for diagnostics about the overlay. */
  readonly location?: SourceLocation;
}

interface Accumulation {
  readonly objects: WorkingObject[];
  readonly files: Set<string>;
  readonly diagnostics: Diagnostic[];
  /**
   * Identity keys of `objects`, for the duplicate check of `append` (a scan
   * per append is quadratic on a folder of thousands of objects). Dropped
   * whenever objects change other than by `append`; rebuilt on demand.
   */
  keys?: Set<string> | undefined;
  /** nameReference rules of the kustomizations' `configurations` (they reach up to the folder built, as in kustomize). */
  readonly references: ReferenceRule[];
}

const newAccumulation = (): Accumulation => ({ objects: [], files: new Set(), diagnostics: [], references: [] });

/** A resource or component entry that kustomize would fetch over the network. */
export function isRemoteReference(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(git@|gh:|git::)/.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(entry) ||
    /[?&](ref|version|submodules|timeout)=/.test(entry)
  );
}

const isWithin = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);
const diagnosticKey = (d: Diagnostic) => `${d.code}|${formatLocation(d.location)}|${d.message}`;

function withOverlay(k: Kustomization, overlay: BuildOverlay): Kustomization {
  const at = overlay.location ?? locationAt(k.file ?? k.dir);
  const images: ImageEntry[] = [...k.images];
  for (const raw of overlay.images ?? []) {
    const image = parseImage(raw, at);
    if (!image) continue;
    const i = images.findIndex((x) => x.name === image.name);
    if (i >= 0) images[i] = image;
    else images.push(image);
  }
  const { namespace: _own, ...rest } = k;
  const namespace = overlay.namespace === undefined ? k.namespace : overlay.namespace === '' ? undefined : { value: overlay.namespace, location: at, fromOverlay: true };
  return {
    ...rest,
    ...(namespace ? { namespace } : {}),
    patches: [
      ...k.patches,
      ...(overlay.patches ?? []).map((p) => {
        const target = parseTarget(p.target);
        return { location: at, patch: p.patch, ...(target ? { target } : {}) };
      }),
    ],
    components: [...k.components, ...(overlay.components ?? []).map((value) => ({ value, location: at }))],
    images,
  };
}

/** metadata.name of a Kubernetes object (numbers read as text), or undefined when the value lacks apiVersion, kind or name. */
function objectName(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string' || value['kind'] === '') return undefined;
  const name = isRecord(value['metadata']) ? value['metadata']['name'] : undefined;
  return (typeof name === 'string' && name !== '') || typeof name === 'number' ? String(name) : undefined;
}

function toBuilt(obj: WorkingObject): BuiltObject {
  return {
    body: obj.body,
    origin: obj.origin,
    chain: obj.chain,
    ...(obj.namespaceFromKustomize !== undefined ? { namespaceFromKustomize: obj.namespaceFromKustomize } : {}),
  };
}

/** `kind|apiVersion|namespace|name` as kustomize compares identities (empty namespace = default). */
function identityKey(obj: WorkingObject): string {
  return `${kindOf(obj)}|${apiVersionOf(obj)}|${effectiveNamespace(obj, namespaceOf(obj))}|${nameOf(obj)}`;
}

/**
 * A pure re-implementation of `kubectl kustomize` (kustomize v5.5) over the
 * repository's FileSystem, plus Flux's generated kustomization for folders
 * without one. Never throws for problems in the repository: they go to
 * `ctx.diagnostics` (once each) and to the UnitBuild that met them.
 */
/** Most kustomizations in one chain of resources and components (real repositories nest fewer than ten). */
export const KUSTOMIZE_MAX_DEPTH = 200;

export class KustomizeBuilder {
  /** Accumulated (not yet finalised) objects of each folder, shared: consumers clone them. */
  private readonly accumulations = new Map<string, Accumulation>();
  private readonly plainBuilds = new Map<string, UnitBuild>();
  /** Folders being accumulated, innermost last: a folder met again is a cycle. */
  private readonly active: string[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: BuildContext) {}

  /**
   * Builds a folder; memoised per folder when no overlay is given, unless
   * `remember` is false (a build read once, that need not stay in memory).
   */
  build(dir: string, overlay?: BuildOverlay, remember = true): UnitBuild {
    const path = normalizePath(dir);
    if (path === undefined) {
      const acc = newAccumulation();
      this.report(acc, 'kustomize-path-outside-repository', 'error', `${dir} is outside the repository`, overlay?.location ?? locationAt(dir));
      return { path: dir, kind: 'generated', kustomizationFile: undefined, objects: [], files: [], diagnostics: acc.diagnostics };
    }
    if (!overlay) {
      const cached = this.plainBuilds.get(path);
      if (cached) return cached;
    }
    let acc: Accumulation;
    if (overlay) {
      acc = this.accumulateFresh(path, overlay, overlay.location);
    } else if (!remember && !this.accumulations.has(path)) {
      // Nobody else holds this accumulation: finalised as it is, not copied.
      acc = this.accumulateFresh(path, undefined, undefined);
    } else {
      const shared = this.accumulate(path, undefined);
      acc = { objects: shared.objects.map(cloneObject), files: new Set(shared.files), diagnostics: [...shared.diagnostics], references: [...shared.references] };
    }
    this.finalize(acc.objects, acc.references);
    const kustomizationFile = findKustomizationFile(this.ctx.store.fs, path)?.file;
    const result: UnitBuild = {
      path,
      kind: kustomizationFile ? 'kustomization' : 'generated',
      kustomizationFile,
      objects: acc.objects.map(toBuilt),
      files: [...acc.files].sort(),
      diagnostics: acc.diagnostics,
    };
    if (!overlay && remember) this.plainBuilds.set(path, result);
    return result;
  }

  /** Lets go of every build kept for reuse: the builder builds anew afterwards. */
  release(): void {
    this.accumulations.clear();
    this.plainBuilds.clear();
  }

  private report(acc: Accumulation, code: DiagnosticCode, severity: DiagnosticSeverity, message: string, location: SourceLocation): void {
    this.record(acc, diagnostic(code, severity, message, location));
  }

  /** Adds a diagnostic to the accumulation (once) and to the context (once per builder). */
  private record(acc: Accumulation, d: Diagnostic): void {
    const key = diagnosticKey(d);
    if (!acc.diagnostics.some((x) => diagnosticKey(x) === key)) acc.diagnostics.push(d);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.ctx.diagnostics.push(d);
  }

  /** The accumulated objects of a folder used as a resource (memoised; callers clone). */
  private accumulate(dir: string, entry: SourceLocation | undefined): Accumulation {
    const cached = this.accumulations.get(dir);
    if (cached) return cached;
    const acc = this.accumulateFresh(dir, undefined, entry);
    this.accumulations.set(dir, acc);
    return acc;
  }

  private accumulateFresh(dir: string, overlay: BuildOverlay | undefined, entry: SourceLocation | undefined): Accumulation {
    const acc = newAccumulation();
    this.active.push(dir);
    this.accumulateFolder(dir, acc, overlay, entry);
    this.active.pop();
    return acc;
  }

  private accumulateFolder(dir: string, acc: Accumulation, overlay: BuildOverlay | undefined, entry: SourceLocation | undefined): void {
    let k: Kustomization | undefined;
    if (findKustomizationFile(this.ctx.store.fs, dir)) {
      k = this.loadKustomization(dir, acc);
    } else if (this.ctx.store.fs.stat(dir) === 'directory') {
      k = fluxGeneratedKustomization(this.ctx.store.fs, dir);
    } else {
      this.report(acc, 'kustomize-path-missing', 'error', `folder ${dir || '.'} does not exist`, entry ?? locationAt(dir));
    }
    if (!k) return;
    this.applyKustomization(overlay ? withOverlay(k, overlay) : k, acc);
  }

  private loadKustomization(dir: string, acc: Accumulation): Kustomization | undefined {
    const found = findKustomizationFile(this.ctx.store.fs, dir)!;
    acc.files.add(found.file);
    if (found.others.length > 0) {
      this.report(acc, 'kustomization-invalid', 'error', `${dir || '.'} has several kustomization files (${[found.file, ...found.others].join(', ')}); kustomize refuses to choose`, locationAt(found.file));
    }
    const read = readKustomizationFile(this.ctx.store, dir, found.file);
    for (const d of read.diagnostics) this.record(acc, d);
    for (const u of read.unsupported) {
      this.report(acc, 'kustomize-unsupported', 'warning', `${u.value} is not applied by Kustodian's kustomize build; objects it would change may differ from kustomize's output`, u.location);
    }
    if (read.helmCharts) {
      this.report(acc, 'helm-chart-inflation', 'info', 'helmCharts are not inflated: the chart objects are not in the model (kubectl kustomize needs --enable-helm to build this folder)', read.helmCharts);
    }
    return read.kustomization;
  }

  /**
   * Resolves a path written in a kustomization, relative to its folder.
   * Reports remote references, paths outside the repository, missing paths,
   * and files outside the folder (kubectl kustomize refuses those; Flux
   * builds without that restriction).
   */
  private resolve(k: Kustomization, raw: string, location: SourceLocation, acc: Accumulation, what: string): { path: string; type: 'file' | 'directory' } | undefined {
    if (isRemoteReference(raw)) {
      this.report(acc, 'kustomize-remote-resource', 'warning', `${what} ${raw} is remote; it is not fetched, so its objects are not in the model`, location);
      return undefined;
    }
    const path = raw.startsWith('/') ? undefined : joinPath(k.dir, raw);
    if (path === undefined) {
      this.report(acc, 'kustomize-path-outside-repository', 'error', `${what} ${raw} is outside the repository`, location);
      return undefined;
    }
    const type = this.ctx.store.fs.stat(path);
    if (!type) {
      this.report(acc, 'kustomize-path-missing', 'error', `${what} ${raw} does not exist (${path || '.'})`, location);
      return undefined;
    }
    if (type === 'file' && !isWithin(path, k.dir)) {
      this.report(acc, 'kustomize-load-restricted', 'info', `${what} ${raw} is outside the folder of ${k.file ?? k.dir}: Flux reads it, but kubectl kustomize refuses files outside the kustomization's folder unless run with --load-restrictor LoadRestrictionsNone`, location);
    }
    return { path, type };
  }

  private applyKustomization(k: Kustomization, acc: Accumulation): void {
    const own = k.file ? [k.file] : [];
    for (const entry of k.resources) this.addResource(k, entry, acc, own);
    for (const entry of k.configurations) this.addConfiguration(k, entry, acc);

    const io: GeneratorIo & PatchIo = {
      read: (raw, location) => {
        const target = this.resolve(k, raw, location, acc, 'generator source');
        if (!target) return undefined;
        if (target.type !== 'file') {
          this.report(acc, 'kustomize-generator-invalid', 'error', `generator source ${raw} is a folder, not a file`, location);
          return undefined;
        }
        acc.files.add(target.path);
        const bytes = this.ctx.store.fs.readFile(target.path);
        return bytes === undefined ? undefined : { path: target.path, bytes };
      },
      readFile: (raw, location) => {
        const target = this.resolve(k, raw, location, acc, 'patch file');
        if (!target) return undefined;
        acc.files.add(target.path);
        const docs = this.ctx.store.documents(target.path);
        if (target.type !== 'file' || !docs) {
          this.report(acc, 'kustomize-patch-invalid', 'error', `patch file ${raw} cannot be read`, location);
          return undefined;
        }
        return docs.map((d) => d.value);
      },
      report: (code, severity, message, location) => this.report(acc, code, severity, message, location),
    };

    acc.keys = undefined; // generators add and merge objects below
    for (const [generator, entries] of [
      ['configMapGenerator', k.configMapGenerator],
      ['secretGenerator', k.secretGenerator],
    ] as const) {
      for (const entry of entries) {
        const generated = generateObject(entry, generator, io);
        if (!generated) continue;
        generated.chain = [...own];
        absorbGenerated(acc.objects, generated, entry.behavior, entry.location, io.report);
      }
    }

    for (const entry of k.components) this.applyComponent(k, entry, acc, own);

    acc.keys = undefined; // the transforms below rename, move and delete objects
    applyPatches(acc.objects, k.patchesStrategicMerge, 'patchesStrategicMerge', io);
    applyPatches(acc.objects, k.patches, 'patches', io);
    if (k.namespace) applyNamespace(acc.objects, k.namespace.value, !k.namespace.fromOverlay);
    applyNameAffixes(acc.objects, k.namePrefix, k.nameSuffix);
    applyCommonLabels(acc.objects, k.commonLabels);
    for (const entry of k.labels) applyLabelsEntry(acc.objects, entry);
    applyCommonAnnotations(acc.objects, k.commonAnnotations);
    applyPatches(acc.objects, k.patchesJson6902, 'patchesJson6902', io);
    for (const entry of applyReplicas(acc.objects, k.replicas)) {
      this.report(acc, 'kustomize-patch-target-missing', 'error', `replicas entry ${entry.name} matches no Deployment, ReplicaSet, ReplicationController or StatefulSet; kustomize stops the build`, entry.location);
    }
    applyImages(acc.objects, k.images);
  }

  private append(acc: Accumulation, obj: WorkingObject, location: SourceLocation): void {
    const key = identityKey(obj);
    const keys = (acc.keys ??= new Set(acc.objects.map(identityKey)));
    if (keys.has(key)) {
      this.report(acc, 'kustomize-duplicate-resource', 'error', `${describeObject(obj)} is included twice; kustomize refuses duplicate objects`, location);
      return;
    }
    acc.objects.push(obj);
    keys.add(key);
  }

  private addResource(k: Kustomization, entry: Located<string>, acc: Accumulation, own: readonly string[]): void {
    const target = this.resolve(k, entry.value, entry.location, acc, 'resource');
    if (!target) return;
    if (target.type === 'file') {
      acc.files.add(target.path);
      for (const obj of this.loadObjects(target.path, acc)) {
        obj.chain = [...own];
        this.append(acc, obj, entry.location);
      }
      return;
    }
    const found = findKustomizationFile(this.ctx.store.fs, target.path);
    if (!found) {
      this.report(acc, 'kustomize-path-missing', 'error', `resource folder ${entry.value} has no kustomization file; kustomize cannot build it`, entry.location);
      return;
    }
    if (declaresComponent(this.ctx.store, found.file)) {
      this.report(acc, 'kustomization-invalid', 'error', `resource ${entry.value} is a Component; list it under components:`, entry.location);
      return;
    }
    if (this.isCycle(target.path, entry, 'resource', acc)) return;
    const child = this.accumulate(target.path, entry.location);
    for (const f of child.files) acc.files.add(f);
    acc.references.push(...child.references);
    for (const d of child.diagnostics) this.record(acc, d);
    for (const obj of child.objects) {
      const copy = cloneObject(obj);
      copy.chain.push(...own);
      this.append(acc, copy, entry.location);
    }
  }

  /** A `configurations` file: its nameReference entries are applied; what else it configures is reported as not applied. */
  private addConfiguration(k: Kustomization, entry: Located<string>, acc: Accumulation): void {
    const target = this.resolve(k, entry.value, entry.location, acc, 'configuration');
    if (!target) return;
    acc.files.add(target.path);
    const docs = target.type === 'file' ? this.ctx.store.documents(target.path) : undefined;
    const config = docs?.[0]?.value;
    if (!isRecord(config)) {
      this.report(acc, 'kustomization-invalid', 'error', `configuration ${entry.value} is not a transformer configuration (a YAML mapping)`, entry.location);
      return;
    }
    acc.references.push(...nameReferenceRules(config));
    const other = Object.keys(config).filter((key) => key !== 'nameReference');
    if (other.length > 0) {
      this.report(acc, 'kustomize-unsupported', 'warning', `configuration ${entry.value}: ${other.join(', ')} ${other.length === 1 ? 'is' : 'are'} not applied by Kustodian's kustomize build (its nameReference entries are); objects it would change may differ from kustomize's output`, entry.location);
    }
  }

  /** A folder already being built (a cycle), or one past the depth limit: reported at the entry, not built. */
  private isCycle(path: string, entry: Located<string>, what: string, acc: Accumulation): boolean {
    const maxDepth = this.ctx.maxDepth ?? KUSTOMIZE_MAX_DEPTH;
    if (this.active.length >= maxDepth) {
      this.report(acc, 'kustomize-depth-limit', 'error', `${what} ${entry.value} is ${this.active.length + 1} kustomizations deep (${this.active[0]} → … → ${this.active[this.active.length - 1]}); Kustodian builds at most ${maxDepth} nested levels (limits.kustomizeDepth in kustodian.yaml), so it is not built`, entry.location);
      return true;
    }
    if (!this.active.includes(path)) return false;
    this.report(acc, 'kustomize-cycle', 'error', `${what} ${entry.value} includes ${path}, which is already being built: ${[...this.active, path].join(' → ')}`, entry.location);
    return true;
  }

  private applyComponent(k: Kustomization, entry: Located<string>, acc: Accumulation, own: readonly string[]): void {
    const target = this.resolve(k, entry.value, entry.location, acc, 'component');
    if (!target) return;
    if (target.type !== 'directory' || !findKustomizationFile(this.ctx.store.fs, target.path)) {
      this.report(acc, 'kustomize-path-missing', 'error', `component ${entry.value} is not a folder with a kustomization file`, entry.location);
      return;
    }
    if (this.isCycle(target.path, entry, 'component', acc)) return;
    const component = this.loadKustomization(target.path, acc);
    if (!component) return;
    if (component.kind !== 'Component') {
      this.report(acc, 'kustomization-invalid', 'error', `component ${entry.value} has kind Kustomization; kustomize expects kind: Component`, entry.location);
      return;
    }
    const before = new Set(acc.objects);
    this.active.push(target.path);
    this.applyKustomization(component, acc);
    this.active.pop();
    for (const obj of acc.objects) if (!before.has(obj)) obj.chain.push(...own);
  }

  /** The Kubernetes objects of a manifest file (`kind: List` expanded); other documents are reported. */
  private loadObjects(file: string, acc: Accumulation): WorkingObject[] {
    const out: WorkingObject[] = [];
    for (const doc of this.ctx.store.documents(file) ?? []) {
      const value = doc.value;
      const items = isRecord(value) && typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items']) ? value['items'] : [value];
      for (const item of items) {
        const name = objectName(item);
        if (name === undefined || !isRecord(item)) {
          this.report(acc, 'resource-invalid', 'error', `document ${doc.index + 1} of ${file} is not a Kubernetes object (it needs apiVersion, kind and metadata.name); kustomize stops the build`, doc.location);
          continue;
        }
        const body = copyValue(item);
        (body['metadata'] as Record<string, unknown>)['name'] = name;
        out.push(createObject(body, { type: 'document', document: doc }));
      }
    }
    return out;
  }

  /** kustomize's last steps, run once for the built folder: hash suffixes, then references to renamed objects. */
  private finalize(objects: WorkingObject[], references: readonly ReferenceRule[]): void {
    for (const obj of objects) {
      const kind = kindOf(obj);
      if (obj.needsHash && (kind === 'ConfigMap' || kind === 'Secret')) renameObject(obj, `${nameOf(obj)}-${contentHash(obj.body)}`);
    }
    fixNameReferences(objects, references);
  }
}
