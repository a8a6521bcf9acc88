import { isRecord, metadataOf } from '../resources/resource.js';

/** The fields of a HelmRelease (v2, v2beta1, v2beta2) that Kustodian reads. */
export interface HelmRelease {
  readonly name: string;
  readonly namespace: string;
  /**
   * The Helm release name Flux uses: spec.releaseName, else
   * `[<targetNamespace>-]<name>`; undefined when Flux would shorten that
   * default (over 53 characters), since the shortened form carries a hash.
   */
  readonly releaseName: string | undefined;
  /** spec.targetNamespace (trimmed), where the chart's objects go instead of the release's namespace. */
  readonly targetNamespace: string | undefined;
  /** Chart name (spec.chart.spec.chart) or, for chartRef, the referenced OCIRepository/HelmChart name. */
  readonly chart: string | undefined;
  readonly version: string | undefined;
  readonly sourceRef: { readonly kind: string; readonly name: string; readonly namespace: string } | undefined;
  readonly chartRef: { readonly kind: string; readonly name: string; readonly namespace: string } | undefined;
  readonly values: Readonly<Record<string, unknown>>;
  readonly valuesFrom: readonly { readonly kind: string; readonly name: string; readonly valuesKey: string | undefined; readonly optional: boolean }[];
  readonly createNamespace: boolean;
  readonly dependsOn: readonly { readonly name: string; readonly namespace: string }[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Longest Helm release name Flux uses as is; longer default names are shortened with a hash. */
const MAX_RELEASE_NAME = 53;

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function specOf(body: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return isRecord(body['spec']) ? body['spec'] : {};
}

/** A HelmRelease's spec.targetNamespace, trimmed; undefined when not set. */
export function helmReleaseTargetNamespaceOf(body: Readonly<Record<string, unknown>>): string | undefined {
  return trimmed(specOf(body)['targetNamespace']);
}

/**
 * The Helm release name Flux uses for a HelmRelease: spec.releaseName, else
 * `[<targetNamespace>-]<name>`; undefined when Flux would shorten that
 * default (over 53 characters), since the shortened form carries a hash.
 */
export function helmReleaseNameOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const explicit = trimmed(specOf(body)['releaseName']);
  if (explicit !== undefined) return explicit;
  const name = str(metadataOf(body)['name']) ?? '';
  const targetNamespace = helmReleaseTargetNamespaceOf(body);
  const fallback = targetNamespace ? `${targetNamespace}-${name}` : name;
  return fallback.length <= MAX_RELEASE_NAME ? fallback : undefined;
}

function ref(value: unknown, ns: string) {
  if (!isRecord(value) || !str(value['name'])) return undefined;
  return { kind: str(value['kind']) ?? '', name: str(value['name'])!, namespace: str(value['namespace']) ?? ns };
}

export function parseHelmRelease(body: Readonly<Record<string, unknown>>, namespace: string): HelmRelease {
  const name = str(metadataOf(body)['name']) ?? '';
  const spec = specOf(body);
  const chartSpec = isRecord(spec['chart']) && isRecord(spec['chart']['spec']) ? spec['chart']['spec'] : {};
  const targetNamespace = helmReleaseTargetNamespaceOf(body);
  const chartRef = ref(spec['chartRef'], namespace);
  const install = isRecord(spec['install']) ? spec['install'] : {};
  return {
    name,
    namespace,
    releaseName: helmReleaseNameOf(body),
    targetNamespace,
    chart: str(chartSpec['chart']) ?? chartRef?.name,
    version: str(chartSpec['version']),
    sourceRef: ref(chartSpec['sourceRef'], namespace),
    chartRef,
    values: isRecord(spec['values']) ? spec['values'] : {},
    valuesFrom: (Array.isArray(spec['valuesFrom']) ? spec['valuesFrom'] : [])
      .filter(isRecord)
      .filter((v) => str(v['name']))
      .map((v) => ({ kind: str(v['kind']) ?? 'ConfigMap', name: str(v['name'])!, valuesKey: str(v['valuesKey']), optional: v['optional'] === true })),
    createNamespace: install['createNamespace'] === true,
    dependsOn: (Array.isArray(spec['dependsOn']) ? spec['dependsOn'] : [])
      .filter(isRecord)
      .filter((d) => str(d['name']))
      .map((d) => ({ name: str(d['name'])!, namespace: str(d['namespace']) ?? namespace })),
  };
}
