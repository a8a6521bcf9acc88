import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { fluxGeneratedResources } from './flux-generated.js';

describe('fluxGeneratedResources', () => {
  it('lists YAML files recursively in lexical order and sub-folders with a kustomization file, without walking into them', () => {
    const fs = new MemoryFileSystem({
      'apps/b.yaml': '',
      'apps/a.yml': '',
      'apps/c.json': '',
      'apps/README.md': '',
      'apps/Upper.YAML': '',
      'apps/sub/x.yaml': '',
      'apps/sub/deeper/y.yaml': '',
      'apps/kust/kustomization.yaml': '',
      'apps/kust/inner.yaml': '',
      'apps/.sops.yaml': '',
      'apps/.github/workflows/ci.yaml': '',
      'apps/.git/config.yaml': '',
      'other/z.yaml': '',
    });
    expect(fluxGeneratedResources(fs, 'apps')).toEqual(['apps/a.yml', 'apps/b.yaml', 'apps/kust', 'apps/sub/deeper/y.yaml', 'apps/sub/x.yaml']);
  });
});
