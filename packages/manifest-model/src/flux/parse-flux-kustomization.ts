import { normalizePath } from '../fs/file-system.js';
import type { SourceLocation } from '../source-location.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import { resourceId } from '../resources/resource-id.js';
import type { FluxKustomization, FluxPatch, FluxSubstituteFrom } from './flux-kustomization.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Narrow a Flux Kustomization body (v1, v1beta1, v1beta2) to the fields we
 * read. `namespace` is its effective namespace (Flux defaults sourceRef and
 * dependsOn namespaces to it).
 */
export function parseFluxKustomization(body: Readonly<Record<string, unknown>>, namespace: string | undefined, location: SourceLocation): FluxKustomization {
  const meta = metadataOf(body);
  const name = str(meta['name']) ?? '';
  const ns = namespace ?? 'default';
  const spec = isRecord(body['spec']) ? body['spec'] : {};
  const rawPath = typeof spec['path'] === 'string' ? spec['path'] : '';
  const source = isRecord(spec['sourceRef']) ? spec['sourceRef'] : undefined;
  const decryption = isRecord(spec['decryption']) ? spec['decryption'] : undefined;
  const postBuild = isRecord(spec['postBuild']) ? spec['postBuild'] : {};
  const substitute: Record<string, string> = {};
  if (isRecord(postBuild['substitute'])) {
    for (const [k, v] of Object.entries(postBuild['substitute'])) substitute[k] = v === null || v === undefined ? '' : String(v);
  }
  const substituteFrom: FluxSubstituteFrom[] = [];
  for (const item of list(postBuild['substituteFrom'])) {
    if (!isRecord(item)) continue;
    const kind = item['kind'] === 'Secret' ? 'Secret' : 'ConfigMap';
    const refName = str(item['name']);
    if (refName) substituteFrom.push({ kind, name: refName, optional: item['optional'] === true });
  }
  const patches: FluxPatch[] = [];
  for (const item of list(spec['patches'])) {
    if (isRecord(item) && typeof item['patch'] === 'string') {
      const target = isRecord(item['target']) ? (Object.fromEntries(Object.entries(item['target']).map(([k, v]) => [k, String(v)])) as Record<string, string>) : undefined;
      patches.push({ patch: item['patch'], target });
    }
  }
  for (const item of list(spec['patchesStrategicMerge'])) {
    if (isRecord(item)) patches.push({ patch: JSON.stringify(item), target: undefined });
  }
  return {
    id: resourceId(String(body['apiVersion'] ?? ''), 'Kustomization', ns, name),
    key: `${ns}/${name}`,
    location,
    path: normalizePath(rawPath),
    rawPath,
    sourceRef: source && str(source['name']) ? { kind: str(source['kind']) ?? 'GitRepository', name: str(source['name'])!, namespace: str(source['namespace']) ?? ns } : undefined,
    targetNamespace: str(spec['targetNamespace']),
    prune: spec['prune'] === true,
    decryption: decryption ? { provider: str(decryption['provider']) ?? 'sops', secretRef: isRecord(decryption['secretRef']) ? str(decryption['secretRef']['name']) : undefined } : undefined,
    dependsOn: list(spec['dependsOn'])
      .filter(isRecord)
      .filter((d) => str(d['name']))
      .map((d) => ({ name: str(d['name'])!, namespace: str(d['namespace']) ?? ns })),
    components: list(spec['components']).filter((c): c is string => typeof c === 'string'),
    patches,
    images: list(spec['images']).filter(isRecord),
    substitute,
    substituteFrom,
    serviceAccountName: str(spec['serviceAccountName']),
    suspend: spec['suspend'] === true,
  };
}
