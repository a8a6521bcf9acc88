import { describe, expect, it } from 'vitest';
import { certManagerExtractor } from './cert-manager.js';
import { resolveExtractContext } from './extractor.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string, certManagerNamespace?: string) =>
  describeReferences(certManagerExtractor.extract(resourceFromYaml(yaml), resolveExtractContext({ certManagerNamespace })));

const CLUSTER_ISSUER = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef:
      name: letsencrypt-account
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-token
              key: api-token
      - dns01:
          route53:
            accessKeyIDSecretRef:
              name: aws
              key: id
            secretAccessKeySecretRef:
              name: aws
              key: secret
      - dns01:
          rfc2136:
            tsigSecretSecretRef:
              name: tsig
              key: secret
`;

describe('cert-manager extractor', () => {
  it('defines the ACME account key and refers to solver secrets in the cert-manager namespace for a ClusterIssuer', () => {
    expect(extract(CLUSTER_ISSUER)).toEqual([
      'cert-manager Secret cert-manager/letsencrypt-account spec.acme.privateKeySecretRef.name L9 defines',
      'cert-manager Secret cert-manager/cloudflare-token spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.name L14 [api-token]',
      'cert-manager Secret cert-manager/aws spec.acme.solvers[1].dns01.route53.accessKeyIDSecretRef.name L19 [id]',
      'cert-manager Secret cert-manager/aws spec.acme.solvers[1].dns01.route53.secretAccessKeySecretRef.name L22 [secret]',
      'cert-manager Secret cert-manager/tsig spec.acme.solvers[2].dns01.rfc2136.tsigSecretSecretRef.name L27 [secret]',
    ]);
  });

  it('uses the configured cert-manager namespace', () => {
    expect(extract(CLUSTER_ISSUER, 'security')[0]).toBe('cert-manager Secret security/letsencrypt-account spec.acme.privateKeySecretRef.name L9 defines');
  });

  it('reads an Issuer in its own namespace, with a CA secret', () => {
    const yaml = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata: { name: internal-ca, namespace: apps }
spec:
  ca:
    secretName: root-ca
`;
    expect(extract(yaml)).toEqual(['cert-manager Secret apps/root-ca spec.ca.secretName L6']);
  });

  it('makes a Certificate define its Secret and refer to its issuer and keystore password', () => {
    const yaml = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: wildcard
  namespace: network
spec:
  secretName: wildcard-tls
  issuerRef:
    name: letsencrypt
    kind: ClusterIssuer
  keystores:
    pkcs12:
      create: true
      passwordSecretRef:
        name: p12-password
        key: password
`;
    expect(extract(yaml)).toEqual([
      'cert-manager Secret network/wildcard-tls spec.secretName L7 defines',
      'cert-manager cert-manager.io/ClusterIssuer -/letsencrypt spec.issuerRef.name L9',
      'cert-manager Secret network/p12-password spec.keystores.pkcs12.passwordSecretRef.name L15 [password]',
    ]);
  });

  it('makes an Ingress annotated for ingress-shim define its TLS Secrets', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: apps
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  tls:
    - hosts: [app.example.com]
      secretName: app-tls
`;
    expect(extract(yaml)).toEqual([
      'cert-manager cert-manager.io/ClusterIssuer -/letsencrypt metadata.annotations["cert-manager.io/cluster-issuer"] L7',
      'cert-manager Secret apps/app-tls spec.tls[0].secretName L11 defines',
    ]);
  });

  it('makes no reference from an unannotated Ingress, an external issuer, or a selfSigned issuer', () => {
    expect(extract('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: a, namespace: n }\nspec:\n  tls:\n    - secretName: t\n')).toEqual([]);
    expect(extract(`apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: c, namespace: n }
spec:
  issuerRef: { name: origin, kind: OriginIssuer, group: cert-manager.k8s.cloudflare.com }
`)).toEqual([]);
    expect(extract('apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: s }\nspec:\n  selfSigned: {}\n')).toEqual([]);
  });
});
