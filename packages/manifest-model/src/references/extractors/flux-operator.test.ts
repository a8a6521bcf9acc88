import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { fluxOperatorExtractor } from './flux-operator.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(fluxOperatorExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('flux-operator extractor', () => {
  it('reads a FluxInstance’s pull Secrets and the --sops-age-secret of its kustomize patches', () => {
    const yaml = `apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata: {name: flux, namespace: flux-system}
spec:
  distribution: {version: 2.x, registry: ghcr.io/fluxcd, imagePullSecret: ghcr-auth}
  sync: {kind: GitRepository, url: "https://github.com/home/cluster", ref: refs/heads/main, path: clusters/home, pullSecret: flux-system}
  kustomize:
    patches:
      - target: {kind: Deployment, name: kustomize-controller}
        patch: |
          - op: add
            path: /spec/template/spec/containers/0/args/-
            value: --sops-age-secret=sops-age
`;
    expect(extract(yaml).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      'flux-operator Secret flux-system/flux-system',
      'flux-operator Secret flux-system/ghcr-auth',
      'flux-operator Secret flux-system/sops-age',
    ]);
  });

  it('reads the flag in a ConfigMap of chart values, and a ResourceSetInputProvider’s secretRef', () => {
    const values = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flux-instance-values, namespace: flux-system}\ndata:\n  values.yaml: |\n    instance:\n      kustomize:\n        patches:\n          - patch: "value: --sops-age-secret=sops-age-secret"\n';
    expect(extract(values).map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual(['flux-operator Secret flux-system/sops-age-secret']);
    const provider = 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSetInputProvider\nmetadata: {name: prs, namespace: preview}\nspec:\n  type: GitHubPullRequest\n  url: https://github.com/home/app\n  secretRef: {name: github-auth}\n';
    expect(extract(provider)).toEqual(['flux-operator Secret preview/github-auth spec.secretRef.name L7']);
  });
});
