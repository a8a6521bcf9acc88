import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord, metadataOf } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor, ResolvedExtractContext } from './extractor.js';
import { arrayAt, collectReferences, recordAt, stringAt } from './extractor.js';
import { splitCrdName } from './traefik-names.js';

const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);
const TRAEFIK_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
/** ingress-nginx annotations naming a Secret as `name` or `namespace/name`. */
const NGINX_SECRET_ANNOTATIONS = ['nginx.ingress.kubernetes.io/auth-secret', 'nginx.ingress.kubernetes.io/auth-tls-secret'];

/** A backend: `service.name` (v1), `serviceName` (v1beta1) or a `resource` typed reference. */
function addBackend(resource: Resource, refs: ReferenceCollector, path: FieldPath): void {
  const backend = recordAt(resource.body, path);
  if (!backend) return;
  const namespace = resource.namespace;
  if (isRecord(backend['service'])) {
    refs.add([...path, 'service', 'name'], { kind: 'Service', namespace, name: backend['service']['name'] });
  } else if (typeof backend['serviceName'] === 'string') {
    refs.add([...path, 'serviceName'], { kind: 'Service', namespace, name: backend['serviceName'] });
  } else if (isRecord(backend['resource']) && typeof backend['resource']['kind'] === 'string') {
    const typed = backend['resource'];
    refs.add([...path, 'resource', 'name'], {
      group: typeof typed['apiGroup'] === 'string' ? typed['apiGroup'] : '',
      kind: typed['kind'] as string,
      namespace,
      name: typed['name'],
    });
  }
}

function addAnnotations(resource: Resource, refs: ReferenceCollector, context: ResolvedExtractContext): void {
  const annotations = metadataOf(resource.body)['annotations'];
  if (!isRecord(annotations)) return;
  const middlewares = annotations[TRAEFIK_MIDDLEWARES];
  if (typeof middlewares === 'string') {
    for (const entry of middlewares.split(',').map((s) => s.trim())) {
      const target = splitCrdName(entry, context.namespaces, resource.namespace);
      if (target) {
        refs.add(['metadata', 'annotations', TRAEFIK_MIDDLEWARES], { group: 'traefik.io', kind: 'Middleware', namespace: target.namespace, name: target.name }, { detail: entry });
      }
    }
  }
  for (const key of NGINX_SECRET_ANNOTATIONS) {
    const value = annotations[key];
    if (typeof value !== 'string') continue;
    const slash = value.indexOf('/');
    const namespace = slash > 0 ? value.slice(0, slash) : resource.namespace;
    refs.add(['metadata', 'annotations', key], { kind: 'Secret', namespace, name: slash > 0 ? value.slice(slash + 1) : value });
  }
}

/**
 * Ingress (networking.k8s.io, extensions): backend Services of every rule
 * path and of the default backend (v1 `service.name`, v1beta1
 * `serviceName`, typed `resource` backends), TLS Secrets, Traefik
 * `router.middlewares` annotation (`<ns>-<name>@kubernetescrd` entries →
 * traefik.io Middleware; other providers skipped) and ingress-nginx
 * auth Secret annotations. Issuer annotations belong to cert-manager.ts.
 */
export const ingressExtractor: ReferenceExtractor = {
  name: 'ingress',
  extract(resource, context) {
    if (!INGRESS_GROUPS.has(resource.id.group) || resource.kind !== 'Ingress') return [];
    const refs = collectReferences(resource, 'ingress');
    const body = resource.body;
    addBackend(resource, refs, ['spec', 'defaultBackend']);
    addBackend(resource, refs, ['spec', 'backend']);
    arrayAt(body, ['spec', 'rules']).forEach((_, i) => {
      arrayAt(body, ['spec', 'rules', i, 'http', 'paths']).forEach((_, j) => addBackend(resource, refs, ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
    });
    arrayAt(body, ['spec', 'tls']).forEach((_, i) => {
      const path: FieldPath = ['spec', 'tls', i, 'secretName'];
      const name = stringAt(body, path);
      if (name !== undefined) refs.add(path, { kind: 'Secret', namespace: resource.namespace, name });
    });
    addAnnotations(resource, refs, context);
    return refs.references;
  },
};
