/** API groups of the Flux objects Kustodian reads. */
export const FLUX_GROUPS = {
  kustomize: 'kustomize.toolkit.fluxcd.io',
  helm: 'helm.toolkit.fluxcd.io',
  source: 'source.toolkit.fluxcd.io',
  notification: 'notification.toolkit.fluxcd.io',
} as const;

export function isFluxKustomization(apiVersion: unknown, kind: unknown): boolean {
  return kind === 'Kustomization' && typeof apiVersion === 'string' && apiVersion.startsWith(`${FLUX_GROUPS.kustomize}/`);
}

export function isHelmRelease(apiVersion: unknown, kind: unknown): boolean {
  return kind === 'HelmRelease' && typeof apiVersion === 'string' && apiVersion.startsWith(`${FLUX_GROUPS.helm}/`);
}

export const FLUX_SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmChart', 'ExternalArtifact'] as const;

export function isFluxSource(apiVersion: unknown, kind: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${FLUX_GROUPS.source}/`) && (FLUX_SOURCE_KINDS as readonly unknown[]).includes(kind);
}

/** Annotation that turns off post-build substitution for one object. */
export const SUBSTITUTE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';
