import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../documents/document-store.js';
import { walkRepository } from '../files/walk-repository.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { commentedOutEntries } from './commented-entries.js';

const entries = (files: Record<string, string>) => {
  const fs = new MemoryFileSystem(files);
  return commentedOutEntries(walkRepository(fs), new DocumentStore(fs)).map((e) => `${e.location.file}:${e.location.line}:${e.location.column} ${e.entry} → ${e.path}`);
};

describe('commentedOutEntries', () => {
  it('finds the commented-out entries of resources, components and bases, with the path each names', () => {
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - ./web',
      '  # - ./old',
      '  #- "../shared/thing.yaml"  # for later',
      '- ./same-level',
      '# - ./still-in-the-list',
      'components:',
      '  # - ../../components/volsync',
      'namespace: apps',
      '# - ./not-an-entry (after another key)',
    ].join('\n');
    expect(entries({ 'kubernetes/apps/kustomization.yaml': kustomization })).toEqual([
      'kubernetes/apps/kustomization.yaml:5:3 ./old → kubernetes/apps/old',
      'kubernetes/apps/kustomization.yaml:6:3 ../shared/thing.yaml → kubernetes/shared/thing.yaml',
      'kubernetes/apps/kustomization.yaml:8:1 ./still-in-the-list → kubernetes/apps/still-in-the-list',
      'kubernetes/apps/kustomization.yaml:10:3 ../../components/volsync → components/volsync',
    ]);
  });

  it('reads kustomization files only, and leaves remote entries out', () => {
    expect(entries({ 'apps/notes.yaml': 'resources:\n  # - ./old\n', 'kustomization.yaml': 'resources:\n  # - https://github.com/x/y//deploy\n' })).toEqual([]);
  });
});
