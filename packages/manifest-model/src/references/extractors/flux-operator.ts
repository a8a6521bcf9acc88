import type { FieldPath } from '../../documents/yaml-document.js';
import { isHelmRelease } from '../../flux/kinds.js';
import type { ReferenceExtractor } from './extractor.js';
import { collectReferences, stringAt } from './extractor.js';
import { helmReleaseTargetNamespace } from './helm-release-scope.js';
import { walkValues } from './walk-values.js';

const FLUX_OPERATOR_GROUP = 'fluxcd.controlplane.io';
/** kustomize-controller's flag naming the Secret with the SOPS age keys (the controller's namespace). */
const SOPS_AGE_FLAG = /--sops-age-secret[= ]([a-z0-9][a-z0-9.-]*)/g;
/** Kinds in which the flag can be written. */
const FLAG_KINDS = new Set(['Deployment', 'FluxInstance', 'Kustomization', 'HelmRelease', 'ConfigMap', 'ResourceSet']);

/** Whether any string in a value holds `needle` (no paths built: most bodies have none). */
function containsText(value: unknown, needle: string, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(needle);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (containsText(child, needle, depth + 1)) return true;
  return false;
}

/**
 * Flux Operator and the Flux controllers' flags: a FluxInstance's
 * `spec.sync.pullSecret` and `spec.distribution.imagePullSecret` (and the
 * same in the flux-instance chart's `instance` values), a
 * ResourceSetInputProvider's `spec.secretRef`, and the Secret that
 * kustomize-controller's `--sops-age-secret` flag names, wherever the flag
 * is written (a FluxInstance patch, chart values, a ConfigMap of values).
 */
export const fluxOperatorExtractor: ReferenceExtractor = {
  name: 'flux-operator',
  extract(resource) {
    const refs = collectReferences(resource, 'flux-operator');
    const ownFields = (base: FieldPath, namespace: string | undefined) => {
      for (const path of [
        [...base, 'sync', 'pullSecret'],
        [...base, 'distribution', 'imagePullSecret'],
      ]) {
        const name = stringAt(resource.body, path);
        if (name !== undefined) refs.add(path, { kind: 'Secret', namespace, name });
      }
    };
    if (resource.id.group === FLUX_OPERATOR_GROUP && resource.kind === 'FluxInstance') ownFields(['spec'], resource.namespace);
    if (resource.id.group === FLUX_OPERATOR_GROUP && resource.kind === 'ResourceSetInputProvider') {
      const name = stringAt(resource.body, ['spec', 'secretRef', 'name']);
      if (name !== undefined) refs.add(['spec', 'secretRef', 'name'], { kind: 'Secret', namespace: resource.namespace, name });
    }
    if (isHelmRelease(resource.apiVersion, resource.kind)) ownFields(['spec', 'values', 'instance'], helmReleaseTargetNamespace(resource));
    // The flag is written where Flux's controllers are configured: their Deployments, FluxInstance and Flux Kustomization patches, chart values.
    if (!FLAG_KINDS.has(resource.kind) || !containsText(resource.body, '--sops-age-secret')) return refs.references;
    const namespace = isHelmRelease(resource.apiVersion, resource.kind) ? helmReleaseTargetNamespace(resource) : resource.namespace;
    walkValues(resource.body, [], ({ value, path }) => {
      if (typeof value !== 'string' || !value.includes('--sops-age-secret')) return;
      for (const m of value.matchAll(SOPS_AGE_FLAG)) refs.add(path, { kind: 'Secret', namespace: namespace ?? 'flux-system', name: m[1] });
    });
    return refs.references;
  },
};
