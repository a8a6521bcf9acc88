import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, namespaceOr, recordAt, stringAt } from './extractor.js';
import { walkValues } from './walk-values.js';

const ESO_GROUP = 'external-secrets.io';

function addStoreRef(resource: Resource, refs: ReferenceCollector, path: FieldPath): void {
  const store = recordAt(resource.body, path);
  if (!store) return;
  const kind = store['kind'] === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
  refs.add([...path, 'name'], { group: ESO_GROUP, kind, namespace: kind === 'SecretStore' ? resource.namespace : undefined, name: store['name'] });
}

function extractExternalSecret(resource: Resource, refs: ReferenceCollector): void {
  const body = resource.body;
  const namespace = resource.namespace;
  const policy = stringAt(body, ['spec', 'target', 'creationPolicy']) ?? 'Owner';
  if (policy !== 'None') {
    const targetName = stringAt(body, ['spec', 'target', 'name']);
    const path: FieldPath = targetName !== undefined ? ['spec', 'target', 'name'] : ['metadata', 'name'];
    // Merge writes into a Secret that must already exist; Owner and Orphan create it.
    refs.add(path, { kind: 'Secret', namespace, name: targetName ?? resource.name }, { defines: policy !== 'Merge' });
  }
  addStoreRef(resource, refs, ['spec', 'secretStoreRef']);
  for (const list of ['data', 'dataFrom'] as const) {
    arrayAt(body, ['spec', list]).forEach((_, i) => addStoreRef(resource, refs, ['spec', list, i, 'sourceRef', 'storeRef']));
  }
  arrayAt(body, ['spec', 'target', 'template', 'templateFrom']).forEach((_, i) => {
    for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
      const path: FieldPath = ['spec', 'target', 'template', 'templateFrom', i, field, 'name'];
      const name = stringAt(body, path);
      if (name !== undefined) refs.add(path, { kind, namespace, name });
    }
  });
}

function extractPushSecret(resource: Resource, refs: ReferenceCollector): void {
  const path: FieldPath = ['spec', 'selector', 'secret', 'name'];
  const name = stringAt(resource.body, path);
  if (name !== undefined) refs.add(path, { kind: 'Secret', namespace: resource.namespace, name });
  arrayAt(resource.body, ['spec', 'secretStoreRefs']).forEach((_, i) => addStoreRef(resource, refs, ['spec', 'secretStoreRefs', i]));
}

function isSecretSelector(key: string | number | undefined, path: FieldPath): boolean {
  if (typeof key !== 'string') return false;
  return key === 'secretRef' || key.endsWith('SecretRef') || path[path.length - 2] === 'secretRef';
}

/**
 * Provider credentials of a SecretStore (own namespace by default) or
 * ClusterSecretStore (namespace must be written; without one the reference
 * resolves per ExternalSecret and is skipped): Secret selectors (`secretRef`,
 * `*SecretRef`, and every selector inside a `secretRef` object), `caProvider`
 * (Secret or ConfigMap) and `serviceAccountRef`.
 */
function extractStore(resource: Resource, refs: ReferenceCollector): void {
  const fallback = resource.kind === 'SecretStore' ? resource.namespace : undefined;
  walkValues(resource.body['spec'], ['spec'], ({ value, path, key }) => {
    if (!isRecord(value) || path[1] !== 'provider') return;
    const namespace = namespaceOr(value['namespace'], fallback);
    if (namespace === undefined) return;
    let kind: string | undefined;
    if (key === 'caProvider') kind = value['type'] === 'ConfigMap' ? 'ConfigMap' : value['type'] === 'Secret' ? 'Secret' : undefined;
    else if (key === 'serviceAccountRef') kind = 'ServiceAccount';
    else if (isSecretSelector(key, path) && typeof value['name'] === 'string') kind = 'Secret';
    if (kind === undefined) return;
    refs.add([...path, 'name'], { kind, namespace, name: value['name'] }, {
      detail: typeof value['key'] === 'string' ? value['key'] : undefined,
    });
  });
}

/**
 * External Secrets Operator: an ExternalSecret defines its target Secret
 * (spec.target.name, default metadata.name; creationPolicy Merge makes it a
 * plain reference, None nothing) and refers to its stores and template
 * sources; a PushSecret reads its selected Secret; SecretStore and
 * ClusterSecretStore refer to their provider credentials.
 */
export const externalSecretsExtractor: ReferenceExtractor = {
  name: 'external-secrets',
  extract(resource) {
    if (resource.id.group !== ESO_GROUP) return [];
    const refs = collectReferences(resource, 'external-secret');
    if (resource.kind === 'ExternalSecret') extractExternalSecret(resource, refs);
    else if (resource.kind === 'PushSecret') extractPushSecret(resource, refs);
    else if (resource.kind === 'SecretStore' || resource.kind === 'ClusterSecretStore') extractStore(resource, refs);
    return refs.references;
  },
};
