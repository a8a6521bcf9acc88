import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { describeReferences, resourceFromYaml } from './testing.js';
import { traefikExtractor } from './traefik.js';

const extract = (yaml: string, namespaces: string[] = []) =>
  describeReferences(traefikExtractor.extract(resourceFromYaml(yaml), resolveExtractContext({ namespaces: new Set(namespaces) })));

describe('traefik extractor', () => {
  it('finds middlewares, services, transport, TLS Secret and options of an IngressRoute', () => {
    const yaml = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: grafana
  namespace: monitoring
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`grafana.example.com\`)
      kind: Rule
      middlewares:
        - name: forward-auth
          namespace: traefik
        - name: compress
        - name: redirect@file
      services:
        - name: grafana
          port: 80
          serversTransport: insecure
        - name: weighted
          kind: TraefikService
        - name: api@internal
          kind: TraefikService
  tls:
    secretName: grafana-tls
    options:
      name: modern
      namespace: traefik
`;
    expect(extract(yaml)).toEqual([
      'traefik traefik.io/Middleware traefik/forward-auth spec.routes[0].middlewares[0].name L12',
      'traefik traefik.io/Middleware monitoring/compress spec.routes[0].middlewares[1].name L14',
      'traefik Service monitoring/grafana spec.routes[0].services[0].name L17',
      'traefik traefik.io/ServersTransport monitoring/insecure spec.routes[0].services[0].serversTransport L19',
      'traefik traefik.io/TraefikService monitoring/weighted spec.routes[0].services[1].name L20',
      'traefik Secret monitoring/grafana-tls spec.tls.secretName L25',
      'traefik traefik.io/TLSOption traefik/modern spec.tls.options.name L27',
    ]);
  });

  it('keeps the older traefik.containo.us group for targets of an old IngressRoute, and reads TCP routes', () => {
    const yaml = `apiVersion: traefik.containo.us/v1alpha1
kind: IngressRouteTCP
metadata: { name: pg, namespace: database }
spec:
  routes:
    - match: HostSNI(\`*\`)
      middlewares:
        - name: ip-allow
      services:
        - name: postgres
          port: 5432
          serversTransport: traefik-pg@kubernetescrd
`;
    expect(extract(yaml, ['traefik'])).toEqual([
      'traefik traefik.containo.us/MiddlewareTCP database/ip-allow spec.routes[0].middlewares[0].name L8',
      'traefik Service database/postgres spec.routes[0].services[0].name L10',
      'traefik traefik.containo.us/ServersTransportTCP traefik/pg spec.routes[0].services[0].serversTransport L12',
    ]);
  });

  it('finds auth Secrets, chain members, error service and the forwardAuth Service URL of Middlewares', () => {
    const yaml = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: auth, namespace: traefik }
spec:
  forwardAuth:
    address: http://authelia.security.svc.cluster.local:9091/api/verify?rd=https://auth.example.com
    tls:
      caSecret: authelia-ca
`;
    expect(extract(yaml)).toEqual([
      'traefik Secret traefik/authelia-ca spec.forwardAuth.tls.caSecret L8',
      'service-url Service security/authelia spec.forwardAuth.address L6 [http://authelia.security.svc.cluster.local:9091/api/verify?rd=***]',
    ]);
    const basic = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: basic, namespace: apps }
spec:
  basicAuth:
    secret: users
`;
    expect(extract(basic)).toEqual(['traefik Secret apps/users spec.basicAuth.secret L6']);
    const chain = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: secure, namespace: apps }
spec:
  chain:
    middlewares:
      - name: basic
      - name: headers
        namespace: traefik
`;
    expect(extract(chain)).toEqual([
      'traefik traefik.io/Middleware apps/basic spec.chain.middlewares[0].name L7',
      'traefik traefik.io/Middleware traefik/headers spec.chain.middlewares[1].name L8',
    ]);
    const errors = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: errors, namespace: apps }
spec:
  errors:
    status: ["500-599"]
    query: /{status}.html
    service:
      name: error-pages
      port: 80
`;
    expect(extract(errors)).toEqual(['traefik Service apps/error-pages spec.errors.service.name L9']);
  });

  it('finds TraefikService members, ServersTransport CA Secrets and TLSOption client CAs', () => {
    const weighted = `apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: { name: canary, namespace: apps }
spec:
  weighted:
    services:
      - name: app-v1
        port: 80
        weight: 3
      - name: app-v2
        port: 80
`;
    expect(extract(weighted)).toEqual([
      'traefik Service apps/app-v1 spec.weighted.services[0].name L7',
      'traefik Service apps/app-v2 spec.weighted.services[1].name L10',
    ]);
    const transport = `apiVersion: traefik.io/v1alpha1
kind: ServersTransport
metadata: { name: internal, namespace: apps }
spec:
  rootCAs:
    - secret: internal-ca
    - configMap: bundle
  certificatesSecrets:
    - client-cert
`;
    expect(extract(transport)).toEqual([
      'traefik Secret apps/client-cert spec.certificatesSecrets[0] L9',
      'traefik Secret apps/internal-ca spec.rootCAs[0].secret L6',
      'traefik ConfigMap apps/bundle spec.rootCAs[1].configMap L7',
    ]);
    const options = `apiVersion: traefik.io/v1alpha1
kind: TLSOption
metadata: { name: mtls, namespace: apps }
spec:
  clientAuth:
    secretNames: [client-ca]
`;
    expect(extract(options)).toEqual(['traefik Secret apps/client-ca spec.clientAuth.secretNames[0] L6']);
  });

  it('finds nothing for another group or a route with only other providers', () => {
    expect(extract('apiVersion: example.com/v1\nkind: IngressRoute\nmetadata: { name: a, namespace: n }\nspec:\n  tls: { secretName: t }\n')).toEqual([]);
    expect(extract(`apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: dashboard, namespace: traefik }
spec:
  routes:
    - match: PathPrefix(\`/dashboard\`)
      middlewares: [{ name: auth@file }]
      services: [{ name: api@internal, kind: TraefikService }]
`)).toEqual([]);
  });
});
