import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceVia } from '../reference.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, stringAt } from './extractor.js';
import { isHelmRelease } from '../../flux/kinds.js';

const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
const NOTIFICATION_GROUP = 'notification.toolkit.fluxcd.io';

/** `<field>.name` LocalObjectReferences to Secrets of Flux sources (GitRepository, HelmRepository, OCIRepository, Bucket, HelmChart) and ImageRepository. */
const SOURCE_SECRET_REFS: readonly FieldPath[] = [
  ['spec', 'secretRef'],
  ['spec', 'certSecretRef'],
  ['spec', 'proxySecretRef'],
  ['spec', 'verify', 'secretRef'],
  ['spec', 'sts', 'secretRef'],
  ['spec', 'sts', 'certSecretRef'],
];

const NOTIFICATION_SECRET_REFS: readonly FieldPath[] = [
  ['spec', 'secretRef'],
  ['spec', 'certSecretRef'],
  ['spec', 'proxySecretRef'],
];

function addSecretRefs(resource: Resource, refs: ReferenceCollector, paths: readonly FieldPath[], via?: ReferenceVia): void {
  for (const path of paths) {
    const name = stringAt(resource.body, [...path, 'name']);
    if (name !== undefined) refs.add([...path, 'name'], { kind: 'Secret', namespace: resource.namespace, name }, { via });
  }
}

function extractKustomization(resource: Resource, refs: ReferenceCollector): void {
  addSecretRefs(resource, refs, [['spec', 'decryption', 'secretRef']], 'flux-decryption');
  addSecretRefs(resource, refs, [['spec', 'kubeConfig', 'secretRef']], 'flux-secret-ref');
  arrayAt(resource.body, ['spec', 'postBuild', 'substituteFrom']).forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const kind = entry['kind'];
    if (kind !== 'Secret' && kind !== 'ConfigMap') return;
    refs.add(['spec', 'postBuild', 'substituteFrom', i, 'name'], { kind, namespace: resource.namespace, name: entry['name'] }, {
      via: 'flux-substitute-from',
      optional: entry['optional'] === true,
    });
  });
}

/**
 * Secrets that Flux objects read, all in the object's own namespace:
 * Kustomization spec.decryption.secretRef ('flux-decryption'),
 * spec.postBuild.substituteFrom ('flux-substitute-from'), kubeConfig
 * secretRefs of Kustomization and HelmRelease ('flux-secret-ref'), source
 * and ImageRepository secretRef / certSecretRef / proxySecretRef /
 * verify.secretRef / sts ('flux-source-secret'), notification Provider and
 * Receiver secretRef / certSecretRef / proxySecretRef ('flux-secret-ref').
 */
export const fluxSecretRefsExtractor: ReferenceExtractor = {
  name: 'flux-secret-refs',
  extract(resource) {
    const refs = collectReferences(resource, 'flux-source-secret');
    const group = resource.id.group;
    if (group === KUSTOMIZE_GROUP && resource.kind === 'Kustomization') extractKustomization(resource, refs);
    else if (isHelmRelease(resource.apiVersion, resource.kind)) addSecretRefs(resource, refs, [['spec', 'kubeConfig', 'secretRef']], 'flux-secret-ref');
    else if (group === SOURCE_GROUP || (group === IMAGE_GROUP && resource.kind === 'ImageRepository')) addSecretRefs(resource, refs, SOURCE_SECRET_REFS);
    else if (group === NOTIFICATION_GROUP && (resource.kind === 'Provider' || resource.kind === 'Receiver')) {
      addSecretRefs(resource, refs, NOTIFICATION_SECRET_REFS, 'flux-secret-ref');
    }
    return refs.references;
  },
};
