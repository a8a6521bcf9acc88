import { modelOptions } from '@kustodian/manifest-model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, readAuditConfig } from '@kustodian/audit';
import { loadRepository } from '@kustodian/manifest-model';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../test/helpers.js';
import { fluxKustomization, memoryRepo } from '../../test/memory-repo.js';
import { describeSource } from './describe-secret.js';
import { secretFindings } from './secret-findings.js';
import { buildSecretInventory } from './secret-inventory.js';

/** A real SOPS file of examples/ (namespace database), moved to namespace web. */
const sopsSecret = readFileSync(join(EXAMPLES, 'platform/secrets/redis-auth.sops.yaml'), 'utf8').replace('namespace: database', 'namespace: web');
const ENC = 'ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]';

const fs = memoryRepo(
  { web: 'apps/web' },
  {
    'kustodian.yaml': 'secrets:\n  external:\n    - {name: chart-made, namespace: web, createdBy: helm-chart, note: written by the chart}\n',
    'clusters/home/flux-system/gotk-sync.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: flux-system, namespace: flux-system}
spec: {url: ssh://git@example.com/home.git, secretRef: {name: flux-system}}
---
${fluxKustomization('flux-system', 'clusters/home', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n')}`,
    'clusters/home/kustomization.yaml': 'resources:\n  - flux.yaml\n  - flux-system/gotk-sync.yaml\n',
    'scripts/bootstrap.sh': '#!/bin/sh\nkubectl create secret generic sops-age \\\n  --namespace=flux-system --from-file=age.agekey=/dev/stdin\n',
    'apps/web/kustomization.yaml': `namespace: web
resources: [redis-auth.sops.yaml, plain.yaml, deployment.yaml, external.yaml, certificate.yaml]
secretGenerator:
  - name: env-file
    envs: [creds.sops.env]
  - name: literal
    literals: [MODE=dev]
`,
    'apps/web/redis-auth.sops.yaml': sopsSecret,
    'apps/web/creds.sops.env': `PASSWORD=${ENC}\nsops_version=3.9.4\nsops_lastmodified=2025-03-01T10:00:00Z\nsops_mac=${ENC}\nsops_age__list_0__map_recipient=age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy\nsops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nAAAA\\n-----END AGE ENCRYPTED FILE-----\\n\n`,
    'apps/web/plain.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: leftover}\nstringData: {TOKEN: not-a-real-token}\n',
    'apps/web/external.yaml': `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: api}
spec:
  target: {name: api-keys}
  data: [{secretKey: API_KEY, remoteRef: {key: web}}]
`,
    'bootstrap/legacy-creds.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: legacy-creds, namespace: web}\nstringData: {PASSWORD: not-a-real-password}\n',
    'bootstrap/tunnel.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: tunnel, namespace: web}\nstringData: {TUNNEL_ID: op://kubernetes/cloudflare/TUNNEL_ID}\n',
    'apps/web/certificate.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec: {secretName: web-tls, dnsNames: [web.example.com]}\n',
    'apps/web/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
          envFrom:
            - secretRef: {name: redis-auth}
            - secretRef: {name: env-file}
            - secretRef: {name: literal}
            - secretRef: {name: api-keys}
            - secretRef: {name: chart-made}
            - secretRef: {name: missing}
            - secretRef: {name: legacy-creds}
            - secretRef: {name: tunnel}
          volumeMounts: [{name: tls, mountPath: /tls}]
      volumes: [{name: tls, secret: {secretName: web-tls}}]
`,
  },
);
const config = readAuditConfig(fs, { rules: allRules });
const model = loadRepository(fs, modelOptions(config));
const inventory = buildSecretInventory(model, secretFindings(model, config));
const entry = (name: string) => inventory.entries.find((e) => e.name === name || e.name.startsWith(`${name}-`));

describe('buildSecretInventory', () => {
  it('lists every Secret that is defined somewhere, sorted, and not the undefined one', () => {
    expect(inventory.entries.map((e) => `${e.namespace}/${e.name.replace(/-[a-z0-9]{10}$/, '-<hash>')}`)).toEqual([
      'flux-system/flux-system',
      'flux-system/sops-age',
      'web/api-keys',
      'web/chart-made',
      'web/env-file-<hash>',
      'web/leftover',
      'web/legacy-creds',
      'web/literal-<hash>',
      'web/redis-auth',
      'web/tunnel',
      'web/web-tls',
    ]);
    expect(inventory.undefined.map((u) => `${u.namespace}/${u.name} ${u.finding.location.file}:${u.finding.location.line}`)).toEqual(['web/missing apps/web/deployment.yaml:16']);
  });

  it('reads a SOPS file: encrypted, recipients and last modified from its metadata, key names', () => {
    const e = entry('redis-auth')!;
    expect(e.storage).toBe('sops');
    expect(e.sources).toEqual([{ type: 'manifest', file: 'apps/web/redis-auth.sops.yaml', line: 1, sops: { recipients: ['age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy'], lastModified: '2025-02-08T16:57:10Z' }, clear: false, applied: true }]);
    expect(e.keys).toEqual(['REDIS_PASSWORD']);
    expect(e.users.map((u) => `${u.referrer.kind} ${u.referrer.name} ${u.field}`)).toEqual(['Deployment web spec.template.spec.containers[0].envFrom[0].secretRef.name']);
  });

  it('tells an encrypted secretGenerator (SOPS env file) from one with literals', () => {
    expect(entry('env-file')!.sources).toMatchObject([{ type: 'generator', file: 'apps/web/kustomization.yaml', files: ['apps/web/creds.sops.env'], encrypted: true }]);
    expect(entry('env-file')!.storage).toBe('sops');
    expect(entry('literal')!.sources).toMatchObject([{ type: 'generator', files: [], encrypted: false }]);
    expect(entry('literal')!.storage).toBe('plaintext');
    expect(entry('literal')!.keys).toEqual(['MODE']);
  });

  it('names the object that writes a Secret, with the keys it will hold', () => {
    expect(entry('api-keys')!.sources).toMatchObject([{ type: 'controller', via: 'external-secret', creator: { kind: 'ExternalSecret', name: 'api' } }]);
    expect(entry('api-keys')!.keys).toEqual(['API_KEY']);
    expect(describeSource(entry('web-tls')!.sources[0]!)).toBe('cert-manager, for Certificate `web/web` in `apps/web/certificate.yaml:4`');
    expect(entry('web-tls')!.keys).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
  });

  it('takes Secrets created outside git from kustodian.yaml, scripts and flux bootstrap', () => {
    expect(entry('chart-made')!.sources).toEqual([{ type: 'declared', createdBy: 'helm-chart', note: 'written by the chart' }]);
    expect(entry('sops-age')!.sources).toEqual([{ type: 'command', file: 'scripts/bootstrap.sh', line: 2 }]);
    expect(entry('sops-age')!.users.map((u) => u.field)).toEqual(['spec.decryption.secretRef.name']);
    expect(entry('flux-system')!.sources).toMatchObject([{ type: 'flux-bootstrap', source: { kind: 'GitRepository', name: 'flux-system' } }]);
    for (const name of ['chart-made', 'sops-age', 'flux-system', 'api-keys']) expect(entry(name)!.storage).toBe('not-in-git');
  });

  it('shows a manifest in a folder Flux does not apply as its definition, applied by hand, not as created in the cluster', () => {
    const e = entry('legacy-creds')!;
    expect(e.sources).toEqual([{ type: 'manifest', file: 'bootstrap/legacy-creds.yaml', line: 1, sops: undefined, clear: true, applied: false }]);
    expect(e.storage).toBe('plaintext');
    expect(describeSource(e.sources[0]!)).toBe('manifest `bootstrap/legacy-creds.yaml` (in a folder Flux does not apply: applied by hand)');
    expect(inventory.undefined.map((u) => u.name)).not.toContain('legacy-creds');
  });

  it('tells a manifest whose values are only secret-store references from one in plaintext', () => {
    expect(entry('tunnel')!.storage).toBe('no-values');
    expect(entry('tunnel')!.sources).toMatchObject([{ type: 'manifest', clear: false, applied: false }]);
    expect(entry('legacy-creds')!.sources).toMatchObject([{ type: 'manifest', clear: true }]);
  });

  it('marks a plaintext Secret that nothing uses with the audit finding', () => {
    const e = entry('leftover')!;
    expect(e.storage).toBe('plaintext');
    expect(e.users).toEqual([]);
    expect(e.unused?.ruleId).toBe('secret-unused');
    expect(inventory.unused.map((f) => f.resource?.name)).toEqual(['leftover']);
  });
});
