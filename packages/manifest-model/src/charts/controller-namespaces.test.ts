import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from '../model/load-repository.js';

const release = (name: string, ns: string, chart: string, values = '') =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  chart: {spec: {chart: ${chart}, sourceRef: {kind: HelmRepository, name: jetstack, namespace: flux-system}}}\n${values}`;
const issuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: le}\nspec:\n  acme:\n    solvers:\n      - dns01: {cloudflare: {apiTokenSecretRef: {name: cloudflare-token, key: token}}}\n';

function issuerSecretNamespace(files: Record<string, string>): string | undefined {
  const listed = [...Object.keys(files).map((f) => f.replace('clusters/home/', '')), 'issuer.yaml'];
  const model = loadRepository(new MemoryFileSystem({ 'clusters/home/kustomization.yaml': `resources: [${listed.join(', ')}]\n`, 'clusters/home/issuer.yaml': issuer, ...files }));
  return model.references.all.find((r) => r.to.kind === 'Secret' && r.to.name === 'cloudflare-token')?.to.namespace;
}

describe('controller namespaces', () => {
  it('reads a ClusterIssuer’s Secrets in the namespace cert-manager is installed in', () => {
    expect(issuerSecretNamespace({ 'clusters/home/cm.yaml': release('cert-manager', 'kube-system', 'cert-manager') })).toBe('kube-system');
    expect(issuerSecretNamespace({ 'clusters/home/cm.yaml': release('cert-manager', 'flux-system', 'cert-manager', '  targetNamespace: security\n') })).toBe('security');
    expect(issuerSecretNamespace({ 'clusters/home/cm.yaml': release('cert-manager', 'cert-manager', 'cert-manager', '  values: {clusterResourceNamespace: certs}\n') })).toBe('certs');
  });

  it('falls back to cert-manager when the repository does not install it', () => {
    expect(issuerSecretNamespace({})).toBe('cert-manager');
  });
});
