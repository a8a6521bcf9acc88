/**
 * Where the controllers whose behaviour depends on their own namespace are
 * installed: cert-manager reads a ClusterIssuer's Secrets in its "cluster
 * resource namespace" (the namespace it runs in, unless its chart's
 * `clusterResourceNamespace` says otherwise), Longhorn reads its backup
 * target credentials in its own namespace. Read from the applied
 * HelmReleases of their charts, else from their controller Deployments.
 */
import { parseHelmRelease } from '../flux/helm-release.js';
import { isHelmRelease } from '../flux/kinds.js';
import type { Resource } from '../resources/resource.js';
import { isRecord, metadataOf } from '../resources/resource.js';

export interface ControllerNamespaces {
  /** undefined: not found in the repository (the extractors then assume `cert-manager`). */
  readonly certManager: string | undefined;
  /** undefined: not found (the extractors then assume `longhorn-system`). */
  readonly longhorn: string | undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The namespaces cert-manager and Longhorn run in, as the applied resources install them. */
export function controllerNamespaces(resources: readonly Resource[]): ControllerNamespaces {
  let certManager: string | undefined;
  let longhorn: string | undefined;
  const applied = resources.filter((r) => r.appliedBy.length > 0);
  for (const r of applied) {
    if (!isHelmRelease(r.apiVersion, r.kind) || r.namespace === undefined) continue;
    const release = parseHelmRelease(r.body, r.namespace);
    const namespace = release.targetNamespace ?? release.namespace;
    if (release.chart === 'cert-manager') certManager ??= text(release.values['clusterResourceNamespace']) ?? namespace;
    if (release.chart === 'longhorn') longhorn ??= text(release.values['namespaceOverride']) ?? namespace;
  }
  for (const r of applied) {
    if (r.kind !== 'Deployment' || r.namespace === undefined) continue;
    const labels = metadataOf(r.body)['labels'];
    const name = isRecord(labels) ? labels['app.kubernetes.io/name'] : undefined;
    if (r.name === 'cert-manager' || (name === 'cert-manager' && r.name.endsWith('cert-manager'))) certManager ??= r.namespace;
    if (r.name === 'longhorn-driver-deployer') longhorn ??= r.namespace;
  }
  return { certManager, longhorn };
}
