import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../documents/document-store.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { findKustomizationFile, mergeGeneratorOptions, readKustomizationFile } from './kustomization-file.js';

const read = (text: string) => readKustomizationFile(new DocumentStore(new MemoryFileSystem({ 'app/kustomization.yaml': text })), 'app', 'app/kustomization.yaml');

describe('readKustomizationFile', () => {
  it('reads every field it builds with, locating entries', () => {
    const { kustomization, diagnostics } = read(
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'namespace: ns',
        'resources:',
        '  - a.yaml',
        'bases:',
        '  - ../base',
        'generatorOptions:',
        '  disableNameSuffixHash: true',
        '  labels: {g: "1"}',
        'configMapGenerator:',
        '  - name: cm',
        '    env: x.env',
        '    options:',
        '      labels: {g: "2"}',
        'patches:',
        '  - path: p.yaml',
        '    target: {kind: Deployment, name: web}',
        'images:',
        '  - name: app',
        '    newTag: "2"',
        '',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(kustomization).toMatchObject({
      kind: 'Kustomization',
      namespace: { value: 'ns', fromOverlay: false, location: { line: 3 } },
      resources: [
        { value: 'a.yaml', location: { file: 'app/kustomization.yaml', line: 5, column: 5 } },
        { value: '../base', location: { line: 7 } },
      ],
      configMapGenerator: [{ name: 'cm', envs: ['x.env'], behavior: 'create', options: { labels: { g: '2' }, disableNameSuffixHash: true }, location: { line: 12 } }],
      patches: [{ path: 'p.yaml', target: { kind: 'Deployment', name: 'web' }, location: { line: 17 } }],
      images: [{ name: 'app', newTag: '2', location: { line: 20 } }],
    });
  });

  it('rejects what kustomize rejects: wrong kinds and apiVersions, empty files', () => {
    expect(read('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources: []\n').diagnostics.map((d) => d.message)).toEqual([
      'app/kustomization.yaml: apiVersion for Component should be kustomize.config.k8s.io/v1alpha1',
    ]);
    expect(read('kind: Other\nresources: []\n').diagnostics.map((d) => d.message)).toEqual(['app/kustomization.yaml: kind must be Kustomization or Component, not Other']);
    expect(read('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n').diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(read('# nothing\n')).toMatchObject({ kustomization: undefined, diagnostics: [{ code: 'kustomization-invalid', message: 'app/kustomization.yaml: the kustomization file is empty; kustomize refuses to build it' }] });
    expect(read('resources: a.yaml\n').diagnostics.map((d) => d.message)).toEqual(['app/kustomization.yaml: resources must be a list, not string "a.yaml"']);
  });
});

describe('findKustomizationFile and mergeGeneratorOptions', () => {
  it('prefers kustomization.yaml and reports the others', () => {
    const fs = new MemoryFileSystem({ 'a/Kustomization': '', 'a/kustomization.yaml': '', 'b/x.yaml': '' });
    expect(findKustomizationFile(fs, 'a')).toEqual({ file: 'a/kustomization.yaml', others: ['a/Kustomization'] });
    expect(findKustomizationFile(fs, 'b')).toBeUndefined();
  });

  it("lets a generator's own labels win and either side disable the hash", () => {
    expect(mergeGeneratorOptions({ labels: { a: 'local' } }, { labels: { a: 'global', b: 'g' }, disableNameSuffixHash: true })).toEqual({
      labels: { a: 'local', b: 'g' },
      disableNameSuffixHash: true,
    });
  });
});
