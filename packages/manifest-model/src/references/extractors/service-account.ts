import type { ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, stringAt } from './extractor.js';

/**
 * A ServiceAccount's imagePullSecrets (added to every pod that runs as it)
 * and its `secrets` list: Secrets in its namespace.
 */
export const serviceAccountExtractor: ReferenceExtractor = {
  name: 'service-account',
  extract(resource) {
    if (resource.id.group !== '' || resource.kind !== 'ServiceAccount') return [];
    const refs = collectReferences(resource, 'service-account');
    for (const list of ['imagePullSecrets', 'secrets'] as const) {
      arrayAt(resource.body, [list]).forEach((_, i) => {
        refs.add([list, i, 'name'], { kind: 'Secret', namespace: resource.namespace, name: stringAt(resource.body, [list, i, 'name']) });
      });
    }
    return refs.references;
  },
};
