import { isRecord } from '../../resources/resource.js';
import type { ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences } from './extractor.js';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Gateway API: the TLS certificates of a Gateway's listeners
 * (`spec.listeners[].tls.certificateRefs[]`), Secrets by default, in the
 * Gateway's namespace unless the ref names another (with a ReferenceGrant).
 */
export const gatewayApiExtractor: ReferenceExtractor = {
  name: 'gateway-api',
  extract(resource) {
    if (resource.id.group !== GATEWAY_GROUP || (resource.kind !== 'Gateway' && resource.kind !== 'ListenerSet' && resource.kind !== 'XListenerSet')) return [];
    const refs = collectReferences(resource, 'gateway-api');
    arrayAt(resource.body, ['spec', 'listeners']).forEach((listener, i) => {
      arrayAt(listener, ['tls', 'certificateRefs']).forEach((ref, j) => {
        if (!isRecord(ref)) return;
        const kind = typeof ref['kind'] === 'string' ? ref['kind'] : 'Secret';
        const group = typeof ref['group'] === 'string' ? ref['group'] : '';
        const namespace = typeof ref['namespace'] === 'string' ? ref['namespace'] : resource.namespace;
        refs.add(['spec', 'listeners', i, 'tls', 'certificateRefs', j, 'name'], { group, kind, namespace, name: ref['name'] });
      });
    });
    return refs.references;
  },
};
