import { describe, expect, it } from 'vitest';
import { artifactCopies, resolveArtifactPath } from './artifact-generator.js';

const generator = {
  apiVersion: 'source.extensions.fluxcd.io/v1beta1',
  kind: 'ArtifactGenerator',
  metadata: { name: 'flux-system', namespace: 'flux-system' },
  spec: {
    sources: [
      { alias: 'monorepo', kind: 'GitRepository', name: 'flux-system' },
      { alias: 'other', kind: 'GitRepository', name: 'elsewhere' },
    ],
    artifacts: [
      { name: 'infrastructure', copy: [{ from: '@monorepo/infrastructure/**', to: '@artifact/' }] },
      { name: 'apps', copy: [{ from: '@monorepo/apps/base/**', to: '@artifact/base/' }, { from: '@monorepo/apps/production/**', to: '@artifact/production/' }] },
      { name: 'foreign', copy: [{ from: '@other/deploy/**', to: '@artifact/' }] },
      // Without **, the folder itself is copied: into `to` when it ends with '/', as `to` otherwise.
      { name: 'web', copy: [{ from: '@monorepo/apps/web/app/', to: '@artifact/apps/web/app/' }] },
      { name: 'db', copy: [{ from: '@monorepo/apps/db/app', to: '@artifact/db' }] },
    ],
  },
};

const self = (kind: string, ns: string, name: string) => (kind === 'GitRepository' && ns === 'flux-system' && name === 'flux-system' ? '' : undefined);

describe('ArtifactGenerator copies', () => {
  const copies = artifactCopies(generator, 'flux-system', self);

  it('maps artifact folders back to repository folders', () => {
    expect(resolveArtifactPath(copies.get('flux-system/infrastructure')!, 'controllers')).toBe('infrastructure/controllers');
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'production')).toBe('apps/production');
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'base/podinfo')).toBe('apps/base/podinfo');
  });

  it('copies a folder given without ** as a folder, as cp -r does', () => {
    expect(copies.get('flux-system/web')).toEqual([{ from: 'apps/web/app', to: 'apps/web/app/app' }]);
    expect(resolveArtifactPath(copies.get('flux-system/web')!, 'apps/web/app/app')).toBe('apps/web/app');
    // The folder that holds the copy: Flux builds what is below it, the copied folder alone.
    expect(resolveArtifactPath(copies.get('flux-system/web')!, 'apps/web/app')).toBe('apps/web/app');
    expect(resolveArtifactPath(copies.get('flux-system/db')!, 'db')).toBe('apps/db/app');
  });

  it('takes the copies of a source whose artifact is made of a folder of the repository from that folder', () => {
    const pushed = artifactCopies(generator, 'flux-system', (kind, ns, name) => (name === 'flux-system' ? 'kubernetes' : undefined));
    expect(resolveArtifactPath(pushed.get('flux-system/infrastructure')!, 'controllers')).toBe('kubernetes/infrastructure/controllers');
  });

  it('ignores artifacts made from other sources and paths no rule copies', () => {
    expect(copies.has('flux-system/foreign')).toBe(false);
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'staging')).toBeUndefined();
  });
});
