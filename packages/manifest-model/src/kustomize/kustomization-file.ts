import type { Diagnostic } from '../diagnostic.js';
import { diagnostic } from '../diagnostic.js';
import type { DocumentStore } from '../documents/document-store.js';
import { locateFieldLazy as locateField } from '../documents/parse-yaml-file.js';
import type { FieldPath, YamlDocument } from '../documents/yaml-document.js';
import { KUSTOMIZATION_FILE_NAMES } from '../files/classify-file.js';
import type { FileSystem } from '../fs/file-system.js';
import { isRecord } from '../resources/resource.js';
import type { SourceLocation } from '../source-location.js';
import { locationAt } from '../source-location.js';

export interface Located<T> {
  readonly value: T;
  readonly location: SourceLocation;
}

/** A patch selector (`target:`); every field is an anchored regular expression except the two selectors. */
export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

export interface PatchEntry {
  readonly location: SourceLocation;
  /** Inline patch text. */
  readonly patch?: string;
  /** Patch file, relative to the kustomization folder. */
  readonly path?: string;
  readonly target?: PatchTarget;
}

export interface GeneratorOptions {
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly disableNameSuffixHash?: boolean;
  readonly immutable?: boolean;
}

export interface GeneratorEntry {
  readonly location: SourceLocation;
  readonly name: string;
  readonly namespace?: string;
  readonly behavior: 'create' | 'merge' | 'replace';
  readonly literals: readonly string[];
  readonly files: readonly string[];
  readonly envs: readonly string[];
  /** Secret type (secretGenerator only). */
  readonly type?: string;
  readonly options: GeneratorOptions;
}

export interface LabelsEntry {
  readonly location: SourceLocation;
  readonly pairs: Readonly<Record<string, string>>;
  readonly includeSelectors: boolean;
  readonly includeTemplates: boolean;
}

export interface ImageEntry {
  readonly location: SourceLocation;
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

export interface ReplicaEntry {
  readonly location: SourceLocation;
  readonly name: string;
  readonly count: number;
}

/** What a kustomization file (or the one Flux generates) asks for, with the location of each entry. */
export interface Kustomization {
  readonly dir: string;
  /** The kustomization file; undefined for a folder Flux generates one for. */
  readonly file: string | undefined;
  readonly kind: 'Kustomization' | 'Component';
  /** `resources` then `bases`. */
  readonly resources: readonly Located<string>[];
  readonly components: readonly Located<string>[];
  /** `configurations`: transformer configuration files (their `nameReference` entries are applied). */
  readonly configurations: readonly Located<string>[];
  readonly namespace?: Located<string> & { readonly fromOverlay: boolean };
  readonly namePrefix?: string;
  readonly nameSuffix?: string;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly labels: readonly LabelsEntry[];
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly patchesStrategicMerge: readonly PatchEntry[];
  readonly patches: readonly PatchEntry[];
  readonly patchesJson6902: readonly PatchEntry[];
  readonly configMapGenerator: readonly GeneratorEntry[];
  readonly secretGenerator: readonly GeneratorEntry[];
  readonly images: readonly ImageEntry[];
  readonly replicas: readonly ReplicaEntry[];
}

export function emptyKustomization(dir: string, file: string | undefined): Kustomization {
  return {
    dir,
    file,
    kind: 'Kustomization',
    resources: [],
    components: [],
    configurations: [],
    commonLabels: {},
    labels: [],
    commonAnnotations: {},
    patchesStrategicMerge: [],
    patches: [],
    patchesJson6902: [],
    configMapGenerator: [],
    secretGenerator: [],
    images: [],
    replicas: [],
  };
}

/** The kustomization file of a folder (first of kustomization.yaml, .yml, Kustomization), and whether there are several. */
export function findKustomizationFile(fs: FileSystem, dir: string): { file: string; others: string[] } | undefined {
  const found = KUSTOMIZATION_FILE_NAMES.map((n) => (dir ? `${dir}/${n}` : n)).filter((p) => fs.stat(p) === 'file');
  return found.length === 0 ? undefined : { file: found[0]!, others: found.slice(1) };
}

/** True when the kustomization file declares `kind: Component` (read without building it). */
export function declaresComponent(store: DocumentStore, file: string): boolean {
  const value = store.documents(file)?.[0]?.value;
  return isRecord(value) && value['kind'] === 'Component';
}

// ---------------------------------------------------------------------------
// Shape of the file, checked the way kustomize's strict decoder checks it.

type Shape =
  | 'string'
  | 'bool'
  | 'int'
  | 'any'
  | { readonly list: Shape }
  | { readonly map: Shape }
  | { readonly fields: Readonly<Record<string, Shape>> };

const STRINGS: Shape = { list: 'string' };
const STRING_MAP: Shape = { map: 'string' };
const TARGET: Shape = {
  fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' },
};
const GENERATOR_OPTIONS: Shape = { fields: { labels: STRING_MAP, annotations: STRING_MAP, disableNameSuffixHash: 'bool', immutable: 'bool' } };
const GENERATOR: Shape = {
  list: {
    fields: {
      name: 'string',
      namespace: 'string',
      behavior: 'string',
      literals: STRINGS,
      files: STRINGS,
      envs: STRINGS,
      env: 'string',
      type: 'string',
      options: GENERATOR_OPTIONS,
    },
  },
};

const KUSTOMIZATION_SHAPE: Readonly<Record<string, Shape>> = {
  apiVersion: 'string',
  kind: 'string',
  metadata: 'any',
  openapi: 'any',
  namePrefix: 'string',
  nameSuffix: 'string',
  namespace: 'string',
  commonLabels: STRING_MAP,
  labels: { list: { fields: { pairs: STRING_MAP, includeSelectors: 'bool', includeTemplates: 'bool', fields: 'any' } } },
  commonAnnotations: STRING_MAP,
  patchesStrategicMerge: STRINGS,
  patchesJson6902: { list: { fields: { path: 'string', patch: 'string', target: TARGET } } },
  patches: { list: { fields: { path: 'string', patch: 'string', target: TARGET, options: 'any' } } },
  images: { list: { fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } } },
  replacements: 'any',
  replicas: { list: { fields: { name: 'string', count: 'int' } } },
  vars: 'any',
  sortOptions: 'any',
  resources: STRINGS,
  crds: STRINGS,
  components: STRINGS,
  bases: STRINGS,
  configMapGenerator: GENERATOR,
  secretGenerator: GENERATOR,
  helmGlobals: 'any',
  helmCharts: 'any',
  helmChartInflationGenerator: 'any',
  generatorOptions: GENERATOR_OPTIONS,
  configurations: STRINGS,
  generators: STRINGS,
  transformers: STRINGS,
  validators: STRINGS,
  buildMetadata: STRINGS,
};

function shapeErrors(value: unknown, shape: Shape, path: (string | number)[], out: { path: FieldPath; message: string }[]): void {
  if (value === null || value === undefined || shape === 'any') return;
  const where = path.join('.');
  if (shape === 'string' || shape === 'bool' || shape === 'int') {
    const ok = shape === 'string' ? typeof value === 'string' : shape === 'bool' ? typeof value === 'boolean' : Number.isInteger(value);
    if (!ok) out.push({ path, message: `${where} must be a ${shape === 'int' ? 'whole number' : shape === 'bool' ? 'boolean' : 'string'}, not ${describe(value)}` });
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      out.push({ path, message: `${where} must be a list, not ${describe(value)}` });
      return;
    }
    value.forEach((v, i) => shapeErrors(v, shape.list, [...path, i], out));
    return;
  }
  if (!isRecord(value)) {
    out.push({ path, message: `${where} must be a map, not ${describe(value)}` });
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if ('map' in shape) shapeErrors(v, shape.map, [...path, k], out);
    else if (k in shape.fields) shapeErrors(v, shape.fields[k]!, [...path, k], out);
    else out.push({ path: [...path, k], message: `unknown field ${[...path, k].join('.')}` });
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

// ---------------------------------------------------------------------------

export interface ReadKustomizationResult {
  readonly kustomization: Kustomization | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Fields present that the builder does not implement (besides helm charts). */
  readonly unsupported: readonly Located<string>[];
  readonly helmCharts: SourceLocation | undefined;
}

const KUSTOMIZATION_API = 'kustomize.config.k8s.io/v1beta1';
const COMPONENT_API = 'kustomize.config.k8s.io/v1alpha1';
const UNSUPPORTED_FIELDS = ['replacements', 'vars', 'generators', 'transformers', 'validators', 'openapi'];

/**
 * Reads and checks a kustomization file. Problems kustomize rejects the
 * file for are `kustomization-invalid` diagnostics; the builder still uses
 * every well-formed entry.
 */
export function readKustomizationFile(store: DocumentStore, dir: string, file: string): ReadKustomizationResult {
  const diagnostics: Diagnostic[] = [];
  const invalid = (message: string, location: SourceLocation, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push(diagnostic('kustomization-invalid', severity, `${file}: ${message}`, location));
  const docs = store.documents(file) ?? [];
  const doc = docs[0];
  if (!doc) {
    const unparsable = store.diagnostics().some((d) => d.location.file === file);
    invalid(unparsable ? 'the kustomization file cannot be parsed (see the YAML errors)' : 'the kustomization file is empty; kustomize refuses to build it', locationAt(file));
    return { kustomization: undefined, diagnostics, unsupported: [], helmCharts: undefined };
  }
  if (docs.length > 1) invalid('only the first YAML document of a kustomization file is read', docs[1]!.location, 'warning');
  const raw = doc.value;
  if (!isRecord(raw)) {
    invalid('a kustomization file must be a map of fields', doc.location);
    return { kustomization: undefined, diagnostics, unsupported: [], helmCharts: undefined };
  }

  const errors: { path: FieldPath; message: string }[] = [];
  shapeErrors(raw, { fields: KUSTOMIZATION_SHAPE }, [], errors);
  for (const e of errors) invalid(e.message, locateField(doc, e.path));

  const kind = raw['kind'] === undefined || raw['kind'] === '' ? 'Kustomization' : raw['kind'];
  if (kind !== 'Kustomization' && kind !== 'Component') {
    invalid(`kind must be Kustomization or Component, not ${String(kind)}`, locateField(doc, ['kind']));
  }
  const isComponent = kind === 'Component';
  const apiVersion = raw['apiVersion'];
  if (apiVersion !== undefined && apiVersion !== '') {
    const expected = isComponent ? COMPONENT_API : KUSTOMIZATION_API;
    if (apiVersion !== expected) invalid(`apiVersion for ${isComponent ? 'Component' : 'Kustomization'} should be ${expected}`, locateField(doc, ['apiVersion']));
  }
  const meaningful = Object.entries(raw).filter(([k, v]) => k !== 'apiVersion' && k !== 'kind' && v !== null && v !== undefined);
  if (meaningful.length === 0) invalid('the kustomization has no fields besides apiVersion and kind; kustomize refuses to build it', doc.location, 'warning');

  const unsupported = UNSUPPORTED_FIELDS.filter((f) => raw[f] !== undefined && raw[f] !== null).map((f) => ({ value: f, location: locateField(doc, [f]) }));
  const helm = raw['helmCharts'] ?? raw['helmChartInflationGenerator'];
  const helmCharts = helm === undefined || helm === null ? undefined : locateField(doc, [raw['helmCharts'] !== undefined ? 'helmCharts' : 'helmChartInflationGenerator']);

  return {
    kustomization: fromRaw(raw, doc, dir, file, isComponent ? 'Component' : 'Kustomization'),
    diagnostics,
    unsupported,
    helmCharts,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const stringMap = (v: unknown): Record<string, string> =>
  isRecord(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function located(doc: YamlDocument, field: string, values: unknown): Located<string>[] {
  return list(values).flatMap((v, i) => (typeof v === 'string' ? [{ value: v, location: locateField(doc, [field, i]) }] : []));
}

export function parseTarget(v: unknown): PatchTarget | undefined {
  if (!isRecord(v)) return undefined;
  const t: Record<string, string> = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector']) {
    const s = str(v[k]);
    if (s !== undefined && s !== '') t[k] = s;
  }
  return t;
}

function patchEntries(doc: YamlDocument, field: string, values: unknown): PatchEntry[] {
  return list(values).flatMap((v, i) => {
    const location = locateField(doc, [field, i]);
    if (typeof v === 'string') return [{ location, patch: v }];
    if (!isRecord(v)) return [];
    const target = parseTarget(v['target']);
    const patch = str(v['patch']);
    const path = str(v['path']);
    return [{ location, ...(patch !== undefined ? { patch } : {}), ...(path !== undefined ? { path } : {}), ...(target ? { target } : {}) }];
  });
}

export function parseGeneratorOptions(v: unknown): GeneratorOptions {
  if (!isRecord(v)) return {};
  return {
    ...(isRecord(v['labels']) ? { labels: stringMap(v['labels']) } : {}),
    ...(isRecord(v['annotations']) ? { annotations: stringMap(v['annotations']) } : {}),
    ...(v['disableNameSuffixHash'] === true ? { disableNameSuffixHash: true } : {}),
    ...(v['immutable'] === true ? { immutable: true } : {}),
  };
}

function generators(doc: YamlDocument, field: string, values: unknown): GeneratorEntry[] {
  return list(values).flatMap((v, i) => {
    if (!isRecord(v)) return [];
    const behavior = str(v['behavior']);
    const envs = [...strings(v['envs']), ...(str(v['env']) ? [str(v['env'])!] : [])];
    return [
      {
        location: locateField(doc, [field, i]),
        name: str(v['name']) ?? '',
        ...(str(v['namespace']) ? { namespace: str(v['namespace'])! } : {}),
        behavior: behavior === 'merge' || behavior === 'replace' ? behavior : 'create',
        literals: strings(v['literals']),
        files: strings(v['files']),
        envs,
        ...(str(v['type']) ? { type: str(v['type'])! } : {}),
        options: parseGeneratorOptions(v['options']),
      },
    ];
  });
}

export function parseImage(v: unknown, location: SourceLocation): ImageEntry | undefined {
  if (!isRecord(v) || typeof v['name'] !== 'string') return undefined;
  const text = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);
  const newName = text(v['newName']);
  const newTag = text(v['newTag']);
  const digest = text(v['digest']);
  return { location, name: v['name'], ...(newName ? { newName } : {}), ...(newTag ? { newTag } : {}), ...(digest ? { digest } : {}) };
}

function fromRaw(raw: Record<string, unknown>, doc: YamlDocument, dir: string, file: string, kind: 'Kustomization' | 'Component'): Kustomization {
  const namespace = str(raw['namespace']);
  const prefix = str(raw['namePrefix']);
  const suffix = str(raw['nameSuffix']);
  const globalOptions = parseGeneratorOptions(raw['generatorOptions']);
  const withGlobal = (g: GeneratorEntry): GeneratorEntry => ({ ...g, options: mergeGeneratorOptions(g.options, globalOptions) });
  return {
    dir,
    file,
    kind,
    resources: [...located(doc, 'resources', raw['resources']), ...located(doc, 'bases', raw['bases'])],
    components: located(doc, 'components', raw['components']),
    configurations: located(doc, 'configurations', raw['configurations']),
    ...(namespace ? { namespace: { value: namespace, location: locateField(doc, ['namespace']), fromOverlay: false } } : {}),
    ...(prefix ? { namePrefix: prefix } : {}),
    ...(suffix ? { nameSuffix: suffix } : {}),
    commonLabels: stringMap(raw['commonLabels']),
    labels: list(raw['labels']).flatMap((v, i) =>
      isRecord(v)
        ? [{ location: locateField(doc, ['labels', i]), pairs: stringMap(v['pairs']), includeSelectors: v['includeSelectors'] === true, includeTemplates: v['includeTemplates'] === true }]
        : [],
    ),
    commonAnnotations: stringMap(raw['commonAnnotations']),
    patchesStrategicMerge: patchEntries(doc, 'patchesStrategicMerge', raw['patchesStrategicMerge']),
    patches: patchEntries(doc, 'patches', raw['patches']),
    patchesJson6902: patchEntries(doc, 'patchesJson6902', raw['patchesJson6902']),
    configMapGenerator: generators(doc, 'configMapGenerator', raw['configMapGenerator']).map(withGlobal),
    secretGenerator: generators(doc, 'secretGenerator', raw['secretGenerator']).map(withGlobal),
    images: list(raw['images']).flatMap((v, i) => parseImage(v, locateField(doc, ['images', i])) ?? []),
    replicas: list(raw['replicas']).flatMap((v, i) =>
      isRecord(v) && typeof v['name'] === 'string' && Number.isInteger(v['count'])
        ? [{ location: locateField(doc, ['replicas', i]), name: v['name'], count: v['count'] as number }]
        : [],
    ),
  };
}

/**
 * kustomize's merge of `generatorOptions` into a generator's own `options`:
 * the generator's labels and annotations win, either one can disable the
 * hash suffix or make the object immutable.
 */
export function mergeGeneratorOptions(local: GeneratorOptions, global: GeneratorOptions): GeneratorOptions {
  const labels = { ...global.labels, ...local.labels };
  const annotations = { ...global.annotations, ...local.annotations };
  return {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(local.disableNameSuffixHash || global.disableNameSuffixHash ? { disableNameSuffixHash: true } : {}),
    ...(local.immutable || global.immutable ? { immutable: true } : {}),
  };
}
