import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { ingressExtractor } from './ingress.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string, namespaces: string[] = []) =>
  describeReferences(ingressExtractor.extract(resourceFromYaml(yaml), resolveExtractContext({ namespaces: new Set(namespaces) })));

describe('ingress extractor', () => {
  it('finds backends, TLS Secrets and Traefik middlewares of a v1 Ingress', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: apps
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    traefik.ingress.kubernetes.io/router.middlewares: kube-system-forward-auth@kubernetescrd, apps-headers@kubernetescrd, redirect@file
spec:
  defaultBackend:
    service:
      name: fallback
      port: { number: 80 }
  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app
                port: { name: http }
          - path: /static
            pathType: Prefix
            backend:
              resource:
                apiGroup: k8s.example.com
                kind: StorageBucket
                name: static-assets
  tls:
    - hosts: [app.example.com]
      secretName: app-tls
`;
    expect(extract(yaml, ['kube-system', 'kube'])).toEqual([
      'ingress Service apps/fallback spec.defaultBackend.service.name L12',
      'ingress Service apps/app spec.rules[0].http.paths[0].backend.service.name L22',
      'ingress k8s.example.com/StorageBucket apps/static-assets spec.rules[0].http.paths[1].backend.resource.name L30',
      'ingress Secret apps/app-tls spec.tls[0].secretName L33',
      'ingress traefik.io/Middleware kube-system/forward-auth metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"] L8 [kube-system-forward-auth@kubernetescrd]',
      'ingress traefik.io/Middleware apps/headers metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"] L8 [apps-headers@kubernetescrd]',
    ]);
  });

  it('reads legacy serviceName backends and ingress-nginx auth Secrets', () => {
    const yaml = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old
  namespace: apps
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    nginx.ingress.kubernetes.io/auth-tls-secret: certs/client-ca
spec:
  backend:
    serviceName: default-http
    servicePort: 80
  rules:
    - http:
        paths:
          - backend:
              serviceName: old-app
              servicePort: 8080
`;
    expect(extract(yaml)).toEqual([
      'ingress Service apps/default-http spec.backend.serviceName L11',
      'ingress Service apps/old-app spec.rules[0].http.paths[0].backend.serviceName L17',
      'ingress Secret apps/basic-auth metadata.annotations["nginx.ingress.kubernetes.io/auth-secret"] L7',
      'ingress Secret certs/client-ca metadata.annotations["nginx.ingress.kubernetes.io/auth-tls-secret"] L8',
    ]);
  });

  it('makes no Secret of the cert-manager issuer annotation, no middleware it cannot split, and nothing for other kinds', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: apps
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    traefik.ingress.kubernetes.io/router.middlewares: network-forward-auth@kubernetescrd
spec:
  tls:
    - hosts: [app.example.com]
`;
    expect(extract(yaml)).toEqual([]);
    expect(extract('apiVersion: v1\nkind: Service\nmetadata: { name: a, namespace: n }\nspec:\n  tls: [{ secretName: x }]\n')).toEqual([]);
  });
});
