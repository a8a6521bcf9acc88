import type { Resource } from '@kustodian/manifest-model';
import { isRecord } from '@kustodian/manifest-model';

export function isHelmReleaseResource(resource: Resource): boolean {
  return resource.kind === 'HelmRelease' && resource.id.group === 'helm.toolkit.fluxcd.io';
}

/** The `spec.values` of a HelmRelease, or an empty object. */
export function helmValues(resource: Resource): Readonly<Record<string, unknown>> {
  const spec = resource.body['spec'];
  return isRecord(spec) && isRecord(spec['values']) ? spec['values'] : {};
}

/** Visits every node of a values tree with its key path (depth-limited). */
export function walkValues(value: unknown, visit: (node: unknown, path: readonly string[]) => void, path: readonly string[] = []): void {
  if (path.length > 24) return;
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, i) => walkValues(item, visit, [...path, String(i)]));
  else if (isRecord(value)) for (const [key, child] of Object.entries(value)) walkValues(child, visit, [...path, key]);
}
