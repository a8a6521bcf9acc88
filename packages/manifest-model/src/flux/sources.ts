import { isRecord, metadataOf } from '../resources/resource.js';

/** A Flux source (GitRepository, OCIRepository, HelmRepository, Bucket), narrowed. */
export interface FluxSource {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly url: string | undefined;
  /** HelmRepository `type: oci`. */
  readonly type: string | undefined;
  /** Git branch/tag/semver/commit, or OCI tag/semver/digest. */
  readonly ref: Readonly<Record<string, string>>;
  readonly secretRef: string | undefined;
  /** spec.ignore: gitignore-style patterns that replace the default exclusions. */
  readonly ignore: string | undefined;
}

export function parseFluxSource(body: Readonly<Record<string, unknown>>, namespace: string): FluxSource {
  const spec = isRecord(body['spec']) ? body['spec'] : {};
  const ref: Record<string, string> = {};
  if (isRecord(spec['ref'])) for (const [k, v] of Object.entries(spec['ref'])) if (typeof v === 'string') ref[k] = v;
  return {
    kind: String(body['kind'] ?? ''),
    name: String(metadataOf(body)['name'] ?? ''),
    namespace,
    url: typeof spec['url'] === 'string' ? spec['url'] : undefined,
    type: typeof spec['type'] === 'string' ? spec['type'] : undefined,
    ref,
    secretRef: isRecord(spec['secretRef']) && typeof spec['secretRef']['name'] === 'string' ? spec['secretRef']['name'] : undefined,
    ignore: typeof spec['ignore'] === 'string' ? spec['ignore'] : undefined,
  };
}
