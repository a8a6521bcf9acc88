import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from '../model/load-repository.js';
import type { LoadOptions } from '../model/load-repository.js';
import { ANY_NAMESPACE } from './secret-catalog.js';
import type { SecretDefinition } from './secret-catalog.js';

const gotkSync = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: flux-system, namespace: flux-system}
spec: {url: ssh://git@example.org/home/cluster, secretRef: {name: flux-system}}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: flux-system, namespace: flux-system}
spec: {path: ./clusters/prod, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
`;

const fluxKs = (name: string, path: string, targetNamespace: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ${name}, namespace: flux-system}
spec:
  path: ${path}
  prune: true
  targetNamespace: ${targetNamespace}
  sourceRef: {kind: GitRepository, name: flux-system}
`;

const secret = (name: string, ns?: string, annotations = '') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}${annotations}stringData: {A: not-a-real-value}\n`;

function load(files: Record<string, string>, options: LoadOptions = {}) {
  return loadRepository(
    new MemoryFileSystem({
      'clusters/prod/flux-system/gotk-sync.yaml': gotkSync,
      'clusters/prod/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n',
      'clusters/prod/apps.yaml': fluxKs('web', './apps/web', 'web'),
      ...files,
    }),
    options,
  );
}

const types = (defs: readonly SecretDefinition[]) => defs.map((d) => d.type);

describe('SecretCatalog', () => {
  it('records an applied manifest in the namespace Flux gives it, and a manifest nothing applies as not applied', () => {
    const model = load({
      'apps/web/kustomization.yaml': 'resources: [secret.yaml]\n',
      'apps/web/secret.yaml': secret('db'),
      'bootstrap/old.yaml': secret('old', 'web'),
    });
    const [db] = model.secrets.definitions('web', 'db');
    expect(db).toMatchObject({ type: 'manifest', applied: true, encrypted: false, location: { file: 'apps/web/secret.yaml', line: 1 } });
    const [old] = model.secrets.definitions('web', 'old');
    expect(old).toMatchObject({ type: 'manifest', applied: false, location: { file: 'bootstrap/old.yaml' } });
  });

  it('does not count a document that Flux applies a second time in the namespace of an unapplied kustomization that also lists it', () => {
    const model = load({
      'apps/kustomization.yaml': 'resources: [web]\n',
      'apps/web/kustomization.yaml': 'resources: [secret.yaml]\n',
      'apps/web/secret.yaml': secret('db'),
    });
    expect(model.resources.filter((r) => r.name === 'db').map((r) => r.namespace).sort()).toEqual(['default', 'web']);
    expect(model.secrets.entries().filter((e) => e.name === 'db').map((e) => e.namespace)).toEqual(['web']);
  });

  it('records a secretGenerator with the files it reads and its literal count', () => {
    const model = load({
      'apps/web/kustomization.yaml': 'secretGenerator:\n  - name: creds\n    envs: [creds.env]\n    literals: [MODE=dev]\n',
      'apps/web/creds.env': 'PASSWORD=not-a-real-password\n',
    });
    const entry = model.secrets.entries().find((e) => e.name.startsWith('creds-'))!;
    expect(entry.namespace).toBe('web');
    expect(entry.definitions).toMatchObject([{ type: 'generator', applied: true, sources: ['apps/web/creds.env'], literals: 1 }]);
  });

  it('takes Secrets created by commands: kubectl -n, kubectl without -n (any namespace), flux (flux-system), and not a dry run that is never applied', () => {
    const model = load({
      'scripts/bootstrap.sh': [
        '#!/bin/sh',
        'kubectl create secret generic sops-age -n flux-system --from-file=age.agekey=/dev/stdin',
        'kubectl create secret generic anywhere --from-literal=A=b',
        'flux create secret git repo-auth --url=ssh://git@example.org/x',
        'kubectl create secret generic dry --dry-run=client -o yaml > dry.yaml',
        'kubectl create secret generic piped --dry-run=client -o yaml | kubectl apply -f -',
        'kubectl create secret generic "$NAME" -n web',
        '',
      ].join('\n'),
    });
    expect(model.secrets.definitions('flux-system', 'sops-age')).toMatchObject([{ type: 'command', tool: 'kubectl', location: { file: 'scripts/bootstrap.sh', line: 2 } }]);
    expect(types(model.secrets.definitions('web', 'anywhere'))).toEqual(['command']);
    expect(model.secrets.entries().find((e) => e.name === 'anywhere')!.namespace).toBe(ANY_NAMESPACE);
    expect(model.secrets.definitions('flux-system', 'repo-auth')).toMatchObject([{ type: 'command', tool: 'flux' }]);
    expect(model.secrets.definitions('web', 'repo-auth')).toEqual([]);
    expect(model.secrets.definitions('web', 'dry')).toEqual([]);
    expect(types(model.secrets.definitions('web', 'piped'))).toEqual(['command']);
    expect(model.secrets.entries().some((e) => e.name.includes('$'))).toBe(false);
  });

  it('takes Secrets created by commands in Markdown code blocks', () => {
    const model = load({ 'docs/setup.md': '# Setup\n\n```sh\nkubectl -n web create secret generic from-docs --from-literal=A=b\n```\n' });
    expect(model.secrets.definitions('web', 'from-docs')).toMatchObject([{ type: 'command', location: { file: 'docs/setup.md', line: 4 } }]);
  });

  it('takes Secrets that controllers, operators and copy controllers write', () => {
    const model = load({
      'apps/web/kustomization.yaml': 'resources: [objects.yaml]\n',
      'apps/web/objects.yaml': [
        'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: api}\nspec:\n  target: {name: api-keys}\n  data: [{secretKey: K, remoteRef: {key: k}}]',
        'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: pg}\nspec: {instances: 1}',
        'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: sync}\nspec:\n  rules:\n    - name: copy\n      generate: {kind: Secret, name: registry-pull}',
        secret('shared', undefined, "  annotations:\n    reflector.v1.k8s.emberstack.com/reflection-auto-enabled: 'true'\n    reflector.v1.k8s.emberstack.com/reflection-auto-namespaces: media,home\n").trimEnd(),
      ].join('\n---\n'),
    });
    expect(model.secrets.definitions('web', 'api-keys')).toMatchObject([{ type: 'controller', via: 'external-secret', applied: true, creator: { kind: 'ExternalSecret', name: 'api' } }]);
    expect(model.secrets.definitions('web', 'pg-app')).toMatchObject([{ type: 'operator', creator: { kind: 'Cluster', name: 'pg' } }]);
    expect(types(model.secrets.definitions('web', 'pg-superuser'))).toEqual(['operator']);
    expect(types(model.secrets.definitions('anything', 'registry-pull'))).toEqual(['operator']);
    expect(types(model.secrets.definitions('media', 'shared'))).toEqual(['copy']);
    expect(types(model.secrets.definitions('home', 'shared'))).toEqual(['copy']);
    expect(model.secrets.definitions('other', 'shared')).toEqual([]);
    expect(model.secrets.definedElsewhere('shared', 'web')).toEqual(['home', 'media']);
  });

  it('takes declared Secrets, the bootstrap source credentials, and Secrets a Helm release of the namespace may create', () => {
    const model = load(
      {
        'apps/web/kustomization.yaml': 'resources: [release.yaml]\n',
        'apps/web/release.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: authelia}\nspec:\n  chart: {spec: {chart: authelia, sourceRef: {kind: HelmRepository, name: r}}}\n  values: {fullnameOverride: auth}\n',
      },
      { declaredSecrets: [{ name: 'by-hand', namespace: 'web', createdBy: 'manual', note: 'typed in' }] },
    );
    expect(model.secrets.definitions('web', 'by-hand')).toEqual([{ type: 'declared', createdBy: 'manual', note: 'typed in' }]);
    expect(model.secrets.definitions('flux-system', 'flux-system')).toMatchObject([{ type: 'flux-bootstrap', source: { kind: 'GitRepository', name: 'flux-system' } }]);
    expect(types(model.secrets.definitions('web', 'authelia'))).toEqual(['helm-chart']);
    expect(types(model.secrets.definitions('web', 'authelia-session'))).toEqual(['helm-chart']);
    expect(types(model.secrets.definitions('web', 'auth-jwks'))).toEqual(['helm-chart']);
    expect(model.secrets.definitions('web', 'autheliax')).toEqual([]);
    expect(model.secrets.definitions('other', 'authelia')).toEqual([]);
  });

  it('lists the consumers of a Secret with the applied object that reads it', () => {
    const model = load({
      'apps/web/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'apps/web/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom: [{secretRef: {name: missing}}]\n',
    });
    const consumers = model.secrets.consumers('web', 'missing');
    expect(consumers.map((c) => `${c.reference.from.kind}/${c.reference.from.name} ${c.referrer?.appliedBy.join(',')}`)).toEqual(['Deployment/web flux-system/web']);
    expect(model.secrets.definitions('web', 'missing')).toEqual([]);
    expect(model.secrets.definedInSomeNamespace('missing')).toBe(false);
  });

  it('lists as unused only the applied Secrets that nothing refers to, no controller finds and no object or command names', () => {
    const model = load({
      'apps/web/kustomization.yaml': 'resources: [secrets.yaml, deployment.yaml, volsync.yaml]\n',
      'apps/web/secrets.yaml': [
        secret('read-by-deployment'),
        secret('named-by-volsync'),
        secret('token', undefined, '  annotations: {kubernetes.io/service-account.name: web}\n').replace('stringData', 'type: kubernetes.io/service-account-token\nstringData'),
        secret('registry').replace('stringData', 'type: kubernetes.io/dockerconfigjson\nstringData'),
        secret('left-over'),
      ].join('---\n'),
      'apps/web/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          envFrom: [{secretRef: {name: read-by-deployment}}]\n',
      'apps/web/volsync.yaml': 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata: {name: web}\nspec:\n  restic: {repository: named-by-volsync}\n',
      'scripts/pull.sh': '#!/bin/sh\nkubectl -n web patch serviceaccount default -p \'{"imagePullSecrets": [{"name": "registry"}]}\'\n',
      'bootstrap/unapplied.yaml': secret('not-applied', 'web'),
    });
    expect(model.secrets.unused().map((s) => `${s.namespace}/${s.name}`)).toEqual(['web/left-over']);
  });

  it('takes the Secrets of the producer catalogue (operators, charts) and of kustodian.yaml secrets.producers', () => {
    const model = load(
      {
        'apps/web/kustomization.yaml': 'resources: [db.yaml, widget.yaml, rook.yaml]\n',
        'apps/web/db.yaml': 'apiVersion: db.movetokube.com/v1alpha1\nkind: PostgresUser\nmetadata: {name: web-user}\nspec: {role: web, database: web-db, secretName: database}\n',
        'apps/web/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n',
        'apps/web/rook.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: rook-ceph-cluster}\nspec:\n  targetNamespace: rook-ceph\n  chart: {spec: {chart: rook-ceph-cluster, sourceRef: {kind: HelmRepository, name: rook}}}\n',
      },
      { secretProducers: [{ resource: 'example.com/Widget', secrets: ['{name}-credentials'] }] },
    );
    expect(types(model.secrets.definitions('web', 'database-web-user'))).toEqual(['operator']);
    expect(types(model.secrets.definitions('web', 'w-credentials'))).toEqual(['operator']);
    expect(types(model.secrets.definitions('rook-ceph', 'rook-ceph-mon'))).toEqual(['operator']);
    expect(model.secrets.definitions('web', 'rook-ceph-mon')).toEqual([]);
  });

  it('takes Secret manifests in bootstrap templates, and a FluxInstance’s sync credentials, as defined', () => {
    const model = load({
      'bootstrap/resources.yaml.j2': '{% if onepassword %}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: op-credentials\n  namespace: security\nstringData:\n  credentials.json: op://Homelab/op-connect/CREDENTIALS\n{% endif %}\n',
      'apps/web/kustomization.yaml': 'resources: [instance.yaml]\n',
      'apps/web/instance.yaml': 'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux, namespace: flux-system}\nspec:\n  sync: {kind: GitRepository, url: "ssh://git@github.com/home/cluster", ref: refs/heads/main, path: clusters/prod, pullSecret: flux-git}\n',
    });
    expect(model.secrets.definitions('security', 'op-credentials')).toEqual([{ type: 'template', location: { file: 'bootstrap/resources.yaml.j2', line: 3, column: 1 }, keys: ['credentials.json'], clear: false, applied: false }]);
    // The Flux Kustomization that applies apps/web puts it in web.
    expect(types(model.secrets.definitions('web', 'flux-git'))).toEqual(['flux-bootstrap']);
  });
});
