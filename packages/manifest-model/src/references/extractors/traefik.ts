import type { FieldPath } from '../../documents/yaml-document.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor, ResolvedExtractContext } from './extractor.js';
import { arrayAt, collectReferences, namespaceOr, recordAt, stringAt } from './extractor.js';
import { addServiceUrls } from './service-urls.js';
import { isProviderQualified, splitCrdName } from './traefik-names.js';

const TRAEFIK_GROUPS = new Set(['traefik.io', 'traefik.containo.us']);

interface TraefikScope {
  readonly resource: Resource;
  readonly refs: ReferenceCollector;
  readonly context: ResolvedExtractContext;
  /** Traefik objects refer to objects of their own API group. */
  readonly group: string;
}

/** `{name, namespace}` to a Traefik object; names of other providers (`x@file`, `api@internal`) are skipped. */
function addTraefikObject(scope: TraefikScope, path: FieldPath, kind: string): void {
  const ref = recordAt(scope.resource.body, path);
  if (!ref || isProviderQualified(ref['name'])) return;
  scope.refs.add([...path, 'name'], { group: scope.group, kind, namespace: namespaceOr(ref['namespace'], scope.resource.namespace), name: ref['name'] });
}

/** `{name, namespace, kind}` to a Kubernetes Service or a TraefikService. */
function addService(scope: TraefikScope, path: FieldPath, transportKind: string | undefined): void {
  const ref = recordAt(scope.resource.body, path);
  if (!ref || isProviderQualified(ref['name'])) return;
  const namespace = namespaceOr(ref['namespace'], scope.resource.namespace);
  const traefikService = ref['kind'] === 'TraefikService';
  scope.refs.add([...path, 'name'], {
    group: traefikService ? scope.group : '',
    kind: traefikService ? 'TraefikService' : 'Service',
    namespace,
    name: ref['name'],
  });
  const transport = ref['serversTransport'];
  if (transportKind === undefined || typeof transport !== 'string') return;
  const target = transport.includes('@') ? splitCrdName(transport, scope.context.namespaces, namespace) : { namespace, name: transport };
  if (target) scope.refs.add([...path, 'serversTransport'], { group: scope.group, kind: transportKind, namespace: target.namespace, name: target.name });
}

function addSecret(scope: TraefikScope, path: FieldPath): void {
  const name = stringAt(scope.resource.body, path);
  if (name !== undefined) scope.refs.add(path, { kind: 'Secret', namespace: scope.resource.namespace, name });
}

function addSecretList(scope: TraefikScope, path: FieldPath): void {
  arrayAt(scope.resource.body, path).forEach((_, i) => addSecret(scope, [...path, i]));
}

function extractRoutes(scope: TraefikScope, middlewareKind: string | undefined, transportKind: string | undefined): void {
  const body = scope.resource.body;
  arrayAt(body, ['spec', 'routes']).forEach((_, i) => {
    if (middlewareKind) {
      arrayAt(body, ['spec', 'routes', i, 'middlewares']).forEach((_, j) => addTraefikObject(scope, ['spec', 'routes', i, 'middlewares', j], middlewareKind));
    }
    arrayAt(body, ['spec', 'routes', i, 'services']).forEach((_, j) => addService(scope, ['spec', 'routes', i, 'services', j], transportKind));
  });
  addSecret(scope, ['spec', 'tls', 'secretName']);
  addTraefikObject(scope, ['spec', 'tls', 'options'], 'TLSOption');
}

function extractMiddleware(scope: TraefikScope): void {
  const body = scope.resource.body;
  addSecret(scope, ['spec', 'basicAuth', 'secret']);
  addSecret(scope, ['spec', 'digestAuth', 'secret']);
  addSecret(scope, ['spec', 'forwardAuth', 'tls', 'caSecret']);
  addSecret(scope, ['spec', 'forwardAuth', 'tls', 'certSecret']);
  const address = stringAt(body, ['spec', 'forwardAuth', 'address']);
  if (address !== undefined) addServiceUrls(scope.resource, scope.refs, ['spec', 'forwardAuth', 'address'], address, scope.context.namespaces);
  arrayAt(body, ['spec', 'chain', 'middlewares']).forEach((_, i) => addTraefikObject(scope, ['spec', 'chain', 'middlewares', i], 'Middleware'));
  addService(scope, ['spec', 'errors', 'service'], undefined);
}

function extractTraefikService(scope: TraefikScope): void {
  const body = scope.resource.body;
  arrayAt(body, ['spec', 'weighted', 'services']).forEach((_, i) => addService(scope, ['spec', 'weighted', 'services', i], 'ServersTransport'));
  if (recordAt(body, ['spec', 'mirroring'])) {
    addService(scope, ['spec', 'mirroring'], 'ServersTransport');
    arrayAt(body, ['spec', 'mirroring', 'mirrors']).forEach((_, i) => addService(scope, ['spec', 'mirroring', 'mirrors', i], 'ServersTransport'));
  }
}

/** ServersTransport(TCP) CA and client certificates: `rootCAsSecrets`/`certificatesSecrets` (v2), `rootCAs[].secret|configMap` (v3). */
function extractServersTransport(scope: TraefikScope, base: FieldPath): void {
  const body = scope.resource.body;
  addSecretList(scope, [...base, 'rootCAsSecrets']);
  addSecretList(scope, [...base, 'certificatesSecrets']);
  arrayAt(body, [...base, 'rootCAs']).forEach((_, i) => {
    for (const [field, kind] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
      const path: FieldPath = [...base, 'rootCAs', i, field];
      const name = stringAt(body, path);
      if (name !== undefined) scope.refs.add(path, { kind, namespace: scope.resource.namespace, name });
    }
  });
}

/**
 * Traefik CRDs (traefik.io and the older traefik.containo.us): IngressRoute
 * middlewares, services (Service or TraefikService), serversTransport, TLS
 * Secret and TLSOption; IngressRouteTCP/UDP services; Middleware auth
 * Secrets, chain members, error-page service and forwardAuth address (a
 * 'service-url' reference); TraefikService members; ServersTransport(TCP)
 * CA and certificate Secrets; TLSOption client CA Secrets; TLSStore
 * certificates. Namespaces default to the referrer's.
 */
export const traefikExtractor: ReferenceExtractor = {
  name: 'traefik',
  extract(resource, context) {
    const group = resource.id.group;
    if (!TRAEFIK_GROUPS.has(group) || resource.namespace === undefined) return [];
    const scope: TraefikScope = { resource, refs: collectReferences(resource, 'traefik'), context, group };
    switch (resource.kind) {
      case 'IngressRoute':
        extractRoutes(scope, 'Middleware', 'ServersTransport');
        break;
      case 'IngressRouteTCP':
        extractRoutes(scope, 'MiddlewareTCP', 'ServersTransportTCP');
        break;
      case 'IngressRouteUDP':
        extractRoutes(scope, undefined, undefined);
        break;
      case 'Middleware':
        extractMiddleware(scope);
        break;
      case 'TraefikService':
        extractTraefikService(scope);
        break;
      case 'ServersTransport':
        extractServersTransport(scope, ['spec']);
        break;
      case 'ServersTransportTCP':
        extractServersTransport(scope, ['spec', 'tls']);
        break;
      case 'TLSOption':
        addSecretList(scope, ['spec', 'clientAuth', 'secretNames']);
        break;
      case 'TLSStore':
        addSecret(scope, ['spec', 'defaultCertificate', 'secretName']);
        arrayAt(resource.body, ['spec', 'certificates']).forEach((_, i) => addSecret(scope, ['spec', 'certificates', i, 'secretName']));
        break;
    }
    return scope.refs.references;
  },
};
