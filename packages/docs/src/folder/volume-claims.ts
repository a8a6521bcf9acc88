import type { Resource } from '@kustodian/manifest-model';
import { isHelmRelease, isRecord, parseHelmRelease, walkValues } from '@kustodian/manifest-model';

/** A volume the folder asks for. */
export interface VolumeClaim {
  /** The PVC name (a pattern for StatefulSet templates), or the values path for a Helm chart's. */
  readonly name: string;
  readonly namespace: string | undefined;
  readonly size: string | undefined;
  /** undefined: the cluster's default StorageClass. */
  readonly storageClass: string | undefined;
  /** `PersistentVolumeClaim`, or the object that makes the claim (`StatefulSet postgresql`, `HelmRelease authelia`). */
  readonly from: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function claimSpec(spec: unknown): { size: string | undefined; storageClass: string | undefined } {
  const s = isRecord(spec) ? spec : {};
  const resources = isRecord(s['resources']) ? s['resources'] : {};
  const requests = isRecord(resources['requests']) ? resources['requests'] : {};
  return { size: text(requests['storage']), storageClass: text(s['storageClassName']) };
}

/** Persistence blocks of Helm values that ask for a volume: a `size` under a `persistence` key (not an existing claim). */
function helmPersistence(resource: Resource): VolumeClaim[] {
  const out: VolumeClaim[] = [];
  walkValues(parseHelmRelease(resource.body, resource.namespace ?? '').values, [], ({ value: node, path: at }) => {
    const path = at.map(String);
    if (!isRecord(node) || !path.some((p) => /persistence/i.test(p)) || text(node['size']) === undefined) return;
    if (node['enabled'] === false || text(node['existingClaim']) !== undefined) return;
    out.push({
      name: path.join('.'),
      namespace: resource.namespace,
      size: text(node['size']),
      storageClass: text(node['storageClass']) ?? text(node['storageClassName']),
      from: `HelmRelease ${resource.name}`,
    });
  });
  return out;
}

/** The volume claims an object makes: a PVC, StatefulSet volumeClaimTemplates, Helm persistence values. */
export function volumeClaimsOf(resource: Resource): VolumeClaim[] {
  const { group, kind } = resource.id;
  const spec = isRecord(resource.body['spec']) ? resource.body['spec'] : {};
  if (group === '' && kind === 'PersistentVolumeClaim') {
    return [{ name: resource.name, namespace: resource.namespace, ...claimSpec(spec), from: 'PersistentVolumeClaim' }];
  }
  if (group === 'apps' && kind === 'StatefulSet' && Array.isArray(spec['volumeClaimTemplates'])) {
    return spec['volumeClaimTemplates'].filter(isRecord).flatMap((template) => {
      const meta = isRecord(template['metadata']) ? template['metadata'] : {};
      const name = text(meta['name']);
      return name ? [{ name: `${name}-${resource.name}-N`, namespace: resource.namespace, ...claimSpec(template['spec']), from: `StatefulSet ${resource.name}` }] : [];
    });
  }
  if (isHelmRelease(resource.apiVersion, resource.kind)) return helmPersistence(resource);
  return [];
}
