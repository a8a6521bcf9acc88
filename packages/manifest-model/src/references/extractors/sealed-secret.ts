import type { ReferenceExtractor } from './extractor.js';
import { collectReferences } from './extractor.js';

/**
 * A Bitnami SealedSecret defines a Secret. The controller always gives the
 * Secret the SealedSecret's own name and namespace (a name in
 * spec.template.metadata is overwritten, and the encryption is bound to the
 * SealedSecret's name unless its scope is wider), so the target is
 * metadata.name in the SealedSecret's namespace.
 */
export const sealedSecretExtractor: ReferenceExtractor = {
  name: 'sealed-secret',
  extract(resource) {
    if (resource.id.group !== 'bitnami.com' || resource.kind !== 'SealedSecret') return [];
    const refs = collectReferences(resource, 'sealed-secret');
    refs.add(['metadata', 'name'], { kind: 'Secret', namespace: resource.namespace, name: resource.name }, { defines: true });
    return refs.references;
  },
};
