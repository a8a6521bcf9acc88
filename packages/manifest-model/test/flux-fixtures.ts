// Flux objects as `flux bootstrap` and a cluster folder write them, for the model's tests.

export const fluxKs = (name: string, path: string, extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${extra}`;


export const gotkSync = (path = './clusters/prod') => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  url: ssh://git@example.org/home/cluster
  ref: { branch: main }
---
${fluxKs('flux-system', path)}`;
