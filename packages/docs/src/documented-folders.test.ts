import { ConfigError } from '@kustodian/manifest-model';
import { readAuditConfig } from '@kustodian/audit';
import { loadRepository, MemoryFileSystem } from '@kustodian/manifest-model';
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../test/memory-repo.js';
import { DEFAULT_DOC_ROOTS, docRoots, documentedFolders } from './documented-folders.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: default}\n`;
const files = {
  'platform/db/cm.yaml': cm('db'),
  'platform/db/backup/cm.yaml': cm('db-backup'),
  'platform/old/cm.yaml': cm('old'),
  'apps/base/web/cm.yaml': cm('web'),
  'apps/base/web/kustomization.yaml': 'resources: [cm.yaml]\n',
  'apps/prod/kustomization.yaml': 'resources: [../base/web]\n',
  'kubernetes/apps/media/plex/app/cm.yaml': cm('plex'),
  'other/thing/cm.yaml': cm('thing'),
};
const folders = { db: 'platform/db', backup: 'platform/db/backup', apps: 'apps/prod', plex: 'kubernetes/apps/media/plex/app', thing: 'other/thing' };

describe('documentedFolders', () => {
  it('takes the folders under the default roots that Flux applies, including ones applied through an overlay', () => {
    const model = loadRepository(memoryRepo(folders, files));
    expect(documentedFolders(model, DEFAULT_DOC_ROOTS)).toEqual(['apps/base', 'apps/prod', 'kubernetes/apps/media/plex', 'platform/db']);
  });

  it('with no docs.roots, also takes the folders Flux Kustomizations apply elsewhere, the outermost where nothing around them is documented', () => {
    const model = loadRepository(memoryRepo(folders, files));
    // other/thing is applied by its own Flux Kustomization but under no default root; platform/db/backup sits inside platform/db.
    expect(documentedFolders(model, DEFAULT_DOC_ROOTS, () => false, { fluxApplied: true })).toEqual(['apps/base', 'apps/prod', 'kubernetes/apps/media/plex', 'other/thing', 'platform/db']);
    expect(documentedFolders(model, DEFAULT_DOC_ROOTS)).not.toContain('other/thing');
  });

  it('keeps a folder nothing applies any more when it already has generated docs', () => {
    const model = loadRepository(memoryRepo(folders, files));
    expect(documentedFolders(model, DEFAULT_DOC_ROOTS, (f) => f === 'platform/old')).toContain('platform/old');
  });

  it('uses docs.roots of kustodian.yaml', () => {
    const fs = memoryRepo(folders, { ...files, 'kustodian.yaml': 'docs:\n  roots: [other/*, platform/db/*]\n' });
    const config = readAuditConfig(fs);
    expect(docRoots(config)).toEqual(['other/*', 'platform/db/*']);
    expect(documentedFolders(loadRepository(fs), docRoots(config))).toEqual(['other/thing', 'platform/db/backup']);
  });

  it('rejects docs.roots that is not a list of globs', () => {
    expect(() => readAuditConfig(new MemoryFileSystem({ 'kustodian.yaml': 'docs:\n  roots: platform/*\n' }))).toThrow(ConfigError);
    expect(() => readAuditConfig(new MemoryFileSystem({ 'kustodian.yaml': 'docs:\n  roots: []\n' }))).toThrow(ConfigError);
  });
});
