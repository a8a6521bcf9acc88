import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../fs/node-file-system.js';
import { DocumentStore } from '../documents/document-store.js';
import { walkRepository } from '../files/walk-repository.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { loadRepository } from '../model/load-repository.js';
import { addressMatches, findArtifactPushes, findFluxInstanceSyncs, gitRemoteUrls, repositoryAddress } from './source-identity.js';

describe('repositoryAddress', () => {
  it('writes one repository the same way whatever the URL form', () => {
    const forms = [
      'ssh://git@github.com/home/cluster.git',
      'ssh://git@github.com:22/home/cluster',
      'git@github.com:home/cluster.git',
      'https://github.com/home/cluster',
      'https://GitHub.com/home/cluster.git/',
      'https://token:x-oauth@github.com/home/cluster',
      'http://github.com/home/cluster/',
    ];
    expect(new Set(forms.map(repositoryAddress))).toEqual(new Set(['github.com/home/cluster']));
  });

  it('keeps what tells repositories apart, and rejects what is not a URL', () => {
    expect(repositoryAddress('https://github.com/home/cluster-2')).toBe('github.com/home/cluster-2');
    expect(repositoryAddress('https://gitlab.com/home/cluster')).toBe('gitlab.com/home/cluster');
    expect(repositoryAddress('oci://ghcr.io/home/manifests/cluster')).toBe('ghcr.io/home/manifests/cluster');
    expect(repositoryAddress('')).toBeUndefined();
    expect(repositoryAddress('./local/folder')).toBeUndefined();
  });

  it('matches a pushed address whose parts are known only at run time', () => {
    expect(addressMatches('ghcr.io/home/manifests/*', 'ghcr.io/home/manifests/cluster')).toBe(true);
    expect(addressMatches('ghcr.io/home/manifests/*', 'ghcr.io/other/manifests/cluster')).toBe(false);
    expect(addressMatches('ghcr.io/home/cluster', 'ghcr.io/home/cluster')).toBe(true);
  });
});

function read(files: Record<string, string>) {
  const fs = new MemoryFileSystem(files);
  return { files: walkRepository(fs), store: new DocumentStore(fs), fs };
}

describe('findArtifactPushes', () => {
  it('reads flux push artifact in a workflow, with the env it expands and its --path', () => {
    const { files, store } = read({
      '.github/workflows/oci.yaml': `name: publish
env:
  OCI_REPO: "oci://ghcr.io/home/manifests/\${{ github.event.repository.name }}"
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: |
          flux push artifact "$OCI_REPO:$(git rev-parse --short HEAD)" \\
            --path="./kubernetes" \\
            --source="$(git config --get remote.origin.url)"
`,
    });
    expect(findArtifactPushes(files, store)).toEqual([{ address: 'ghcr.io/home/manifests/*', root: 'kubernetes', location: { file: '.github/workflows/oci.yaml', line: 9, column: 11 } }]);
  });

  it('reads scripts and Taskfiles too, and skips a push whose folder is not known', () => {
    const { files, store } = read({
      'scripts/push.sh': '#!/bin/sh\nflux push artifact oci://registry.example.org/cluster:latest --path ./deploy --source x --revision y\n',
      'Taskfile.yaml': 'version: "3"\ntasks:\n  push:\n    cmds:\n      - flux push artifact oci://registry.example.org/other:v1 --path="$DIR"\n',
    });
    expect(findArtifactPushes(files, store).map((p) => [p.address, p.root])).toEqual([['registry.example.org/cluster', 'deploy']]);
  });
});

describe('findFluxInstanceSyncs', () => {
  it('reads a FluxInstance and the instance.sync values of the flux-instance chart, in a ResourceSet and in a values file beside it', () => {
    const { files, store } = read({
      'flux/instance.yaml': 'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux, namespace: flux-system}\nspec:\n  sync: {kind: GitRepository, url: "https://github.com/home/cluster.git", ref: refs/heads/main, path: clusters/home, pullSecret: flux-system}\n',
      'chart/helmrelease.yaml':
        'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata: {name: flux-instance, namespace: flux-system}\nspec:\n  resources:\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata: {name: flux-instance, namespace: flux-system}\n      spec:\n        chartRef: {kind: OCIRepository, name: flux-instance}\n',
      'chart/values.yaml': 'instance:\n  sync: {kind: OCIRepository, url: "oci://ghcr.io/home/manifests/cluster", ref: main, path: ./clusters/other}\n',
      'elsewhere/values.yaml': 'instance:\n  sync: {kind: OCIRepository, url: "oci://ghcr.io/x/y", path: ./z}\n',
    });
    const syncs = findFluxInstanceSyncs(files, store);
    expect(syncs.map((s) => [s.kind, s.url, s.path, s.namespace, s.pullSecret, s.location.file])).toEqual([
      ['GitRepository', 'https://github.com/home/cluster.git', 'clusters/home', 'flux-system', 'flux-system', 'flux/instance.yaml'],
      ['OCIRepository', 'oci://ghcr.io/home/manifests/cluster', 'clusters/other', 'flux-system', undefined, 'chart/values.yaml'],
    ]);
  });
});

describe('gitRemoteUrls', () => {
  it('reads every remote URL of the checkout, and nothing without a .git folder', () => {
    const { fs } = read({ '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:home/cluster.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote "mirror"]\n\turl = https://gitlab.com/home/cluster\n[branch "main"]\n\tremote = origin\n' });
    expect(gitRemoteUrls(fs)).toEqual(['git@github.com:home/cluster.git', 'https://gitlab.com/home/cluster']);
    expect(gitRemoteUrls(read({ 'a.yaml': '' }).fs)).toEqual([]);
  });
});

const gotkSync = (url = 'https://github.com/home/cluster', ref = 'main') => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: flux-system, namespace: flux-system}
spec: {url: "${url}", ref: {branch: ${ref}}}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: flux-system, namespace: flux-system}
spec: {path: ./clusters/home, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
`;

const source = (kind: string, name: string, url: string, ref = 'branch: main') => `apiVersion: source.toolkit.fluxcd.io/v1
kind: ${kind}
metadata: {name: ${name}, namespace: flux-system}
spec: {url: "${url}", ref: {${ref}}}
`;

const fluxKs = (name: string, path: string, kind: string, sourceName: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ${name}, namespace: flux-system}
spec: {path: ${path}, prune: true, sourceRef: {kind: ${kind}, name: ${sourceName}}}
`;

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: default}\ndata: {a: b}\n`;

const appliedNames = (model: ReturnType<typeof loadRepository>) =>
  model.resources
    .filter((r) => r.kind === 'ConfigMap' && r.appliedBy.length > 0)
    .map((r) => r.name)
    .sort();
const codes = (model: ReturnType<typeof loadRepository>) => model.diagnostics.map((d) => d.code);

describe('sources that are this repository', () => {
  it('follows the repository’s own GitRepository under another name and URL form (ssh here, https in gotk-sync)', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/flux-system/gotk-sync.yaml': gotkSync('https://github.com/home/cluster'),
        'clusters/home/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
        'clusters/home/source.yaml': source('GitRepository', 'home-cluster', 'ssh://git@github.com/home/cluster.git'),
        'clusters/home/apps.yaml': fluxKs('apps', './apps', 'GitRepository', 'home-cluster'),
        'apps/web.yaml': configMap('web'),
      }),
    );
    expect(appliedNames(model)).toEqual(['web']);
    expect(codes(model)).not.toContain('flux-external-source');
    expect(model.localSources.find((s) => s.name === 'home-cluster')).toMatchObject({ reason: 'same-repository', root: '' });
  });

  it('recognises the repository through its git remotes when no bootstrap source says its URL', () => {
    const files = {
      '.git/config': '[remote "origin"]\n\turl = git@github.com:home/cluster.git\n',
      'clusters/home/source.yaml': source('GitRepository', 'home-cluster', 'https://github.com/home/cluster'),
      'clusters/home/apps.yaml': fluxKs('apps', './apps', 'GitRepository', 'home-cluster'),
      'apps/web.yaml': configMap('web'),
    };
    expect(appliedNames(loadRepository(new MemoryFileSystem(files)))).toEqual(['web']);
    // Without the remote it is another repository, said once per source.
    const without = loadRepository(new MemoryFileSystem(files), { remoteUrls: [] });
    expect(appliedNames(without)).toEqual([]);
    expect(without.diagnostics.filter((d) => d.code === 'flux-external-source').map((d) => d.subject?.summary)).toEqual([
      'GitRepository flux-system/home-cluster (https://github.com/home/cluster) is another source than this repository: what its Flux Kustomizations apply is not audited',
    ]);
  });

  it('follows another branch of the repository, saying so, and does not report its folders missing from this checkout', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'clusters/home/flux-system/gotk-sync.yaml': gotkSync(),
        'clusters/home/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
        'clusters/home/staging.yaml': `${source('GitRepository', 'staging', 'https://github.com/home/cluster', 'branch: staging')}---\n${fluxKs('staging', './apps', 'GitRepository', 'staging')}---\n${fluxKs('tenant', './tenant-only', 'GitRepository', 'staging')}`,
        'apps/web.yaml': configMap('web'),
      }),
    );
    expect(appliedNames(model)).toEqual(['web']);
    const refs = model.diagnostics.filter((d) => d.code === 'flux-source-ref').map((d) => d.message);
    expect(refs).toEqual([
      'GitRepository flux-system/staging is this repository at branch staging, while GitRepository flux-system/flux-system syncs branch main; it is followed in this checkout',
      'Flux Kustomization flux-system/tenant applies ./tenant-only from GitRepository flux-system/staging, this repository at branch staging; that folder is not in this checkout (at branch main), so it is not followed',
    ]);
    expect(codes(model)).not.toContain('flux-path-missing');
    expect(codes(model)).not.toContain('flux-external-source');
  });

  it('without a git remote, takes a GitRepository named like the checkout’s folder (owner__repo or repo) for this repository', () => {
    const base = mkdtempSync(join(tmpdir(), 'kustodian-checkout-'));
    try {
      const root = join(base, 'home__cluster');
      const files: Record<string, string> = {
        'clusters/home/source.yaml': source('GitRepository', 'home-cluster', 'https://github.com/home/cluster'),
        'clusters/home/apps.yaml': fluxKs('apps', './apps', 'GitRepository', 'home-cluster'),
        'apps/web.yaml': configMap('web'),
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      expect(appliedNames(loadRepository(new NodeFileSystem(root)))).toEqual(['web']);
      expect(appliedNames(loadRepository(new NodeFileSystem(root), { remoteUrls: ['git@github.com:someone/else.git'] }))).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('mounts a folder outside the checkout that kustodian.yaml maps a source to, as flux-local --sources does', () => {
    const base = mkdtempSync(join(tmpdir(), 'kustodian-sources-'));
    try {
      const write = (root: string, files: Record<string, string>) => {
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(join(root, path, '..'), { recursive: true });
          writeFileSync(join(root, path), text);
        }
      };
      write(join(base, 'cluster'), {
        'clusters/home/flux-system/gotk-sync.yaml': gotkSync(),
        'clusters/home/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
        'clusters/home/platform.yaml': `${source('GitRepository', 'platform', 'https://github.com/home/platform')}---\n${fluxKs('platform', './base', 'GitRepository', 'platform')}`,
      });
      write(join(base, 'platform'), { 'base/db.yaml': configMap('db') });
      const checkout = new NodeFileSystem(join(base, 'cluster'));
      const model = loadRepository(checkout, { sources: { self: [], paths: { 'flux-system/platform': '../platform' } } });
      expect(appliedNames(model)).toEqual(['db']);
      expect(model.resources.find((r) => r.name === 'db')?.location.file).toBe('.sources/flux-system/platform/base/db.yaml');
      const missing = loadRepository(checkout, { sources: { self: [], paths: { 'flux-system/platform': '../nowhere' } } });
      expect(missing.diagnostics.find((d) => d.code === 'source-path-invalid')?.message).toBe('kustodian.yaml sources.paths maps flux-system/platform to ../nowhere, which is not a folder');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('follows an OCI artifact that a workflow pushes from a folder, from that folder', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        '.github/workflows/push.yaml': 'on: push\njobs:\n  push:\n    steps:\n      - run: flux push artifact oci://ghcr.io/home/cluster:$(git rev-parse HEAD) --path=./kubernetes --source=x --revision=y\n',
        'kubernetes/clusters/home/oci.yaml': `${source('OCIRepository', 'cluster', 'oci://ghcr.io/home/cluster', 'tag: latest')}---\n${fluxKs('apps', './apps', 'OCIRepository', 'cluster')}`,
        'kubernetes/apps/web.yaml': configMap('web'),
      }),
      { entryPoints: ['kubernetes/clusters/home'] },
    );
    expect(appliedNames(model)).toEqual(['web']);
    expect(model.localSources.find((s) => s.kind === 'OCIRepository')).toMatchObject({ name: 'cluster', root: 'kubernetes', reason: 'pushed-artifact' });
    expect(codes(model)).not.toContain('flux-path-missing');
  });

  it('starts from the folder a FluxInstance syncs, through the source and Kustomization it creates', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        'kubernetes/flux/instance.yaml': 'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux, namespace: flux-system}\nspec:\n  sync: {kind: OCIRepository, url: "oci://ghcr.io/home/cluster", ref: latest, path: ./clusters/home}\n',
        'kubernetes/clusters/home/apps.yaml': fluxKs('apps', './apps', 'OCIRepository', 'flux-system'),
        'kubernetes/apps/web.yaml': configMap('web'),
      }),
    );
    expect(model.entryPoints).toEqual([{ path: 'kubernetes/clusters/home', source: 'flux-instance', appliedBy: 'flux-system/flux-system' }]);
    expect(appliedNames(model)).toEqual(['web']);
  });

  it('takes the sources kustodian.yaml names, at the folder it maps them to', () => {
    const files = {
      'clusters/home/flux-system/gotk-sync.yaml': gotkSync(),
      'clusters/home/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
      'clusters/home/apps.yaml': `${fluxKs('apps', './apps', 'GitRepository', 'platform')}---\n${fluxKs('vendored', './base', 'GitRepository', 'vendor')}`,
      'apps/web.yaml': configMap('web'),
      'vendor/base/db.yaml': configMap('db'),
    };
    const model = loadRepository(new MemoryFileSystem(files), { sources: { self: ['flux-system/platform'], paths: { 'GitRepository/flux-system/vendor': 'vendor' } } });
    expect(appliedNames(model)).toEqual(['db', 'web']);
    const invalid = loadRepository(new MemoryFileSystem(files), { sources: { self: [], paths: { 'flux-system/vendor': '../other-repo' } } });
    expect(invalid.diagnostics.find((d) => d.code === 'source-path-invalid')?.message).toContain('../other-repo');
  });

  it('does not count files Flux never fetches (.sourceignore, spec.ignore, outside an artifact root) as part of the cluster', () => {
    const model = loadRepository(
      new MemoryFileSystem({
        '.sourceignore': '/*\n!/clusters\n!/apps\n/apps/**/secrets/\n!/apps/**/secrets/keep.yaml\n',
        'clusters/home/flux-system/gotk-sync.yaml': gotkSync(),
        'clusters/home/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
        'apps/web.yaml': configMap('web'),
        'apps/web/secrets/drop.yaml': configMap('drop'),
        'apps/web/secrets/keep.yaml': configMap('keep'),
        'archive/old/kustomization.yaml': 'resources: [old.yaml]\n',
      }),
    );
    expect(model.isFetched('apps/web.yaml')).toBe(true);
    expect(model.isFetched('archive/old/kustomization.yaml')).toBe(false);
    expect(model.isFetched('apps/web/secrets/drop.yaml')).toBe(false);
    // As source-controller's matcher: the last matching pattern decides, even inside an excluded folder.
    expect(model.isFetched('apps/web/secrets/keep.yaml')).toBe(true);
    // Flux's default exclusions.
    expect(model.isFetched('.github/workflows/ci.yaml')).toBe(false);
  });
});
