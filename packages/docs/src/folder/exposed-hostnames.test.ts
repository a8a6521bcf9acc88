import { describe, expect, it } from 'vitest';
import { modelOf, resourceOf } from '../../test/memory-repo.js';
import { hostnamesOf, hostsInTraefikRule } from './exposed-hostnames.js';

const model = modelOf(
  { apps: 'apps' },
  {
    'apps/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: apps}
spec:
  rules: [{host: web.example.com}, {host: api.example.com}]
  tls: [{hosts: [web.example.com, www.example.com], secretName: web-tls}]
`,
    'apps/route.yaml': `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: dash, namespace: apps}
spec:
  routes:
    - match: Host(\`dash.example.com\`) && PathPrefix(\`/api\`)
      kind: Rule
      services: [{name: dash, port: 80}]
    - match: Host(\`a.example.com\`, \`b.example.com\`) || HostRegexp(\`.+\`)
      kind: Rule
      services: [{name: dash, port: 80}]
`,
    'apps/httproute.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: echo, namespace: apps}
spec:
  hostnames: [echo.example.com]
`,
    'apps/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: atuin, namespace: apps}
spec:
  chart: {spec: {chart: app-template, sourceRef: {kind: HelmRepository, name: bjw-s}}}
  values:
    route:
      app:
        hostnames: ["{{ .Release.Name }}.example.com"]
    ingress:
      main:
        hosts: [{host: sh.example.com}]
    config:
      host: db.internal
`,
  },
);

describe('hostnamesOf', () => {
  it('reads Ingress rules and TLS hosts', () => {
    expect(hostnamesOf(resourceOf(model, 'Ingress', 'web'))).toEqual(['api.example.com', 'web.example.com', 'www.example.com']);
  });

  it('reads every Host() of Traefik rules', () => {
    expect(hostnamesOf(resourceOf(model, 'IngressRoute', 'dash'))).toEqual(['a.example.com', 'b.example.com', 'dash.example.com']);
    expect(hostsInTraefikRule('HostSNI(`*`)')).toEqual([]);
  });

  it('reads Gateway API route hostnames', () => {
    expect(hostnamesOf(resourceOf(model, 'HTTPRoute', 'echo'))).toEqual(['echo.example.com']);
  });

  it('reads hosts under ingress and route keys of Helm values, with the release name filled in', () => {
    expect(hostnamesOf(resourceOf(model, 'HelmRelease', 'atuin'))).toEqual(['atuin.example.com', 'sh.example.com']);
  });
});
