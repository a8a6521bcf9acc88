import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../resources/resource.js';
import { extractReferences } from './extract-references.js';
import { allExtractors } from './extractors/registry.js';
import { describeReferences, resourceFromYaml, resourcesFromYaml } from './extractors/testing.js';
import type { Reference } from './reference.js';

const EXTRACTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'extractors');

describe('extractor registry', () => {
  it('lists extractors sorted by a unique name, each with its file and its test', () => {
    const names = allExtractors.map((e) => e.name);
    expect(names).toEqual([...new Set(names)].sort());
    for (const name of names) {
      expect(existsSync(join(EXTRACTORS_DIR, `${name}.ts`)), `${name}.ts`).toBe(true);
      expect(existsSync(join(EXTRACTORS_DIR, `${name}.test.ts`)), `${name}.test.ts`).toBe(true);
    }
  });

  it('registers every extractor defined in the folder', () => {
    const defined = readdirSync(EXTRACTORS_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /: ReferenceExtractor = \{/.test(readFileSync(join(EXTRACTORS_DIR, f), 'utf8')))
      .map((f) => f.slice(0, -3));
    expect(defined.sort()).toEqual(allExtractors.map((e) => e.name));
  });
});

describe('extractReferences', () => {
  it('runs every extractor on a resource, in registry order, with the context defaults', () => {
    const release = resourceFromYaml(`apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: longhorn
  namespace: flux-system
spec:
  targetNamespace: storage
  valuesFrom:
    - kind: Secret
      name: longhorn-values
  values:
    defaultBackupStore:
      backupTargetCredentialSecret: minio
    metrics:
      existingSecret: metrics-auth
    backupTarget: http://minio.storage:9000
`);
    expect(describeReferences(extractReferences(release))).toEqual([
      'helm-release-values Secret storage/metrics-auth spec.values.metrics.existingSecret L15',
      'helm-release-values-from Secret flux-system/longhorn-values spec.valuesFrom[0].name L10 [values.yaml]',
      'longhorn Secret storage/minio spec.values.defaultBackupStore.backupTargetCredentialSecret L13',
      'service-url Service storage/minio spec.values.backupTarget L16 [http://minio.storage:9000]',
    ]);
  });

  it('passes the context to the extractors that use it', () => {
    const issuer = resourceFromYaml('apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: ca }\nspec:\n  ca: { secretName: root }\n');
    expect(extractReferences(issuer).map((r) => r.to.namespace)).toEqual(['cert-manager']);
    expect(extractReferences(issuer, { certManagerNamespace: 'pki' }).map((r) => r.to.namespace)).toEqual(['pki']);
  });

  it('returns no reference for a resource that makes none', () => {
    expect(extractReferences(resourceFromYaml('apiVersion: v1\nkind: Namespace\nmetadata: { name: apps }\n'))).toEqual([]);
  });
});

const CORPUS = process.env['KUSTODIAN_CORPUS_DIR'] ?? '/work/shared/corpus';
const HOME_OPS = join(CORPUS, 'onedr0p__home-ops');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

describe.skipIf(!existsSync(HOME_OPS))('extractReferences on a real repository (onedr0p/home-ops)', () => {
  if (!existsSync(HOME_OPS)) console.warn(`SKIPPED: corpus not found at ${HOME_OPS}; set KUSTODIAN_CORPUS_DIR to run the real-repository checks`);
  const found: { resource: Resource; reference: Reference }[] = [];
  for (const file of yamlFiles(HOME_OPS)) {
    let resources: Resource[];
    try {
      resources = resourcesFromYaml(readFileSync(file, 'utf8'), { file: relative(HOME_OPS, file) });
    } catch {
      continue; // files that are not plain manifests (templates with syntax errors) are not this test's subject
    }
    for (const resource of resources) for (const reference of extractReferences(resource)) found.push({ resource, reference });
  }
  const lines = found.map(({ resource, reference }) => `${resource.kind}/${resource.name}: ${describeReferences([reference])[0]}`);

  it('finds the references a reader of the repository sees', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'HelmRelease/home-assistant: helm-release-values Secret default/home-assistant-secret spec.values.controllers.home-assistant.containers.app.envFrom[0].secretRef.name L26',
        'HelmRelease/home-assistant: helm-release-values PersistentVolumeClaim default/home-assistant-cache spec.values.persistence.config-cache.existingClaim L96',
        'ExternalSecret/home-assistant: external-secret Secret default/home-assistant-secret spec.target.name L12 defines',
        'ClusterIssuer/letsencrypt-production: cert-manager Secret cert-manager/cloudflare-issuer-secret spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.name L17 [CLOUDFLARE_DNS_TOKEN]',
        'Certificate/turbo-ac: cert-manager Secret default/turbo-ac-tls spec.secretName L19 defines',
        'Receiver/github-webhook: flux-secret-ref Secret default/github-webhook-token-secret spec.secretRef.name L13',
        'Kustomization/cloudflare-tunnel: flux-substitute-from Secret default/cloudflare-tunnel-id-secret spec.postBuild.substituteFrom[0].name L15',
        'GrafanaDatasource/prometheus: service-url Service o11y/prometheus-operated spec.datasource.url L16 [http://prometheus-operated.o11y.svc.cluster.local:9090]',
        'Provider/alertmanager: service-url Service o11y/alertmanager-operated spec.address L9 [http://alertmanager-operated.o11y.svc.cluster.local:9093/api/v2/alerts/]',
      ]),
    );
  });

  it('points every Service URL at a namespace the repository has (no public host names)', () => {
    const namespaces = new Set(readdirSync(join(HOME_OPS, 'kubernetes', 'apps')));
    const urls = found.filter(({ reference }) => reference.via === 'service-url');
    expect(urls.length).toBeGreaterThan(5);
    // A HelmRelease without metadata.namespace resolves {{ .Release.Namespace }} to 'default' here (no kustomize in this test).
    expect(urls.filter(({ reference }) => !namespaces.has(reference.to.namespace!)).map(({ reference }) => reference.detail)).toEqual([]);
  });

  it('locates every reference in the referrer file, never before its document, and never with a template in the name', () => {
    for (const { resource, reference } of found) {
      expect(reference.location.file).toBe(resource.location.file);
      expect(reference.location.line).toBeGreaterThanOrEqual(resource.location.line);
      expect(reference.to.name).not.toMatch(/\{\{|\$\{/);
    }
  });
});
