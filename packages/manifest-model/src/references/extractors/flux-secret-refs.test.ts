import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { fluxSecretRefsExtractor } from './flux-secret-refs.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(fluxSecretRefsExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('flux-secret-refs extractor', () => {
  it('finds the decryption key, kubeConfig and substituteFrom of a Kustomization, in its own namespace', () => {
    const yaml = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  targetNamespace: apps
  path: ./apps
  sourceRef:
    kind: GitRepository
    name: flux-system
  decryption:
    provider: sops
    secretRef:
      name: sops-age
  kubeConfig:
    secretRef:
      name: remote-kubeconfig
  postBuild:
    substitute:
      DOMAIN: example.com
    substituteFrom:
      - kind: ConfigMap
        name: cluster-settings
      - kind: Secret
        name: cluster-secrets
        optional: true
`;
    expect(extract(yaml)).toEqual([
      'flux-decryption Secret flux-system/sops-age spec.decryption.secretRef.name L15',
      'flux-secret-ref Secret flux-system/remote-kubeconfig spec.kubeConfig.secretRef.name L18',
      'flux-substitute-from ConfigMap flux-system/cluster-settings spec.postBuild.substituteFrom[0].name L24',
      'flux-substitute-from Secret flux-system/cluster-secrets spec.postBuild.substituteFrom[1].name L26 optional',
    ]);
  });

  it('finds every secret reference of sources and ImageRepository', () => {
    const git = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: { name: repo, namespace: flux-system }
spec:
  url: ssh://git@github.com/org/repo
  secretRef: { name: deploy-key }
  proxySecretRef: { name: proxy }
  verify:
    mode: HEAD
    secretRef: { name: pgp-keys }
`;
    expect(extract(git)).toEqual([
      'flux-source-secret Secret flux-system/deploy-key spec.secretRef.name L6',
      'flux-source-secret Secret flux-system/proxy spec.proxySecretRef.name L7',
      'flux-source-secret Secret flux-system/pgp-keys spec.verify.secretRef.name L10',
    ]);
    const helm = `apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: HelmRepository
metadata: { name: charts, namespace: flux-system }
spec:
  secretRef: { name: chart-auth }
  certSecretRef: { name: chart-ca }
`;
    expect(extract(helm)).toEqual([
      'flux-source-secret Secret flux-system/chart-auth spec.secretRef.name L5',
      'flux-source-secret Secret flux-system/chart-ca spec.certSecretRef.name L6',
    ]);
    const bucket = `apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: Bucket
metadata: { name: b, namespace: flux-system }
spec:
  sts:
    secretRef: { name: sts-creds }
    certSecretRef: { name: sts-ca }
`;
    expect(extract(bucket)).toEqual([
      'flux-source-secret Secret flux-system/sts-creds spec.sts.secretRef.name L6',
      'flux-source-secret Secret flux-system/sts-ca spec.sts.certSecretRef.name L7',
    ]);
    const images = `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: { name: app, namespace: flux-system }
spec:
  image: ghcr.io/org/app
  secretRef: { name: ghcr }
`;
    expect(extract(images)).toEqual(['flux-source-secret Secret flux-system/ghcr spec.secretRef.name L6']);
  });

  it('finds notification Provider and Receiver secrets and a HelmRelease kubeConfig', () => {
    const provider = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: slack, namespace: flux-system }
spec:
  type: slack
  secretRef:
    name: slack-url
  certSecretRef:
    name: slack-ca
`;
    expect(extract(provider)).toEqual([
      'flux-secret-ref Secret flux-system/slack-url spec.secretRef.name L7',
      'flux-secret-ref Secret flux-system/slack-ca spec.certSecretRef.name L9',
    ]);
    const receiver = `apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: { name: github, namespace: flux-system }
spec:
  type: github
  secretRef: { name: webhook-token }
`;
    expect(extract(receiver)).toEqual(['flux-secret-ref Secret flux-system/webhook-token spec.secretRef.name L6']);
    const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: r, namespace: apps }
spec:
  kubeConfig:
    secretRef: { name: remote }
`;
    expect(extract(release)).toEqual(['flux-secret-ref Secret apps/remote spec.kubeConfig.secretRef.name L6']);
  });

  it('finds nothing in a plain sops decryption, a sourceRef, an Alert, or a non-Flux secretRef', () => {
    expect(extract(`apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: k, namespace: flux-system }
spec:
  decryption: { provider: sops }
  sourceRef: { kind: GitRepository, name: flux-system }
  postBuild:
    substituteFrom:
      - { kind: Other, name: x }
`)).toEqual([]);
    expect(extract('apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata: { name: a, namespace: flux-system }\nspec:\n  providerRef: { name: slack }\n')).toEqual([]);
    expect(extract('apiVersion: example.com/v1\nkind: GitRepository\nmetadata: { name: a, namespace: n }\nspec:\n  secretRef: { name: s }\n')).toEqual([]);
  });
});
