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
    ],
  },
};

const self = (kind: string, ns: string, name: string) => kind === 'GitRepository' && ns === 'flux-system' && name === 'flux-system';

describe('ArtifactGenerator copies', () => {
  const copies = artifactCopies(generator, 'flux-system', self);

  it('maps artifact folders back to repository folders', () => {
    expect(resolveArtifactPath(copies.get('flux-system/infrastructure')!, 'controllers')).toBe('infrastructure/controllers');
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'production')).toBe('apps/production');
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'base/podinfo')).toBe('apps/base/podinfo');
  });

  it('ignores artifacts made from other sources and paths no rule copies', () => {
    expect(copies.has('flux-system/foreign')).toBe(false);
    expect(resolveArtifactPath(copies.get('flux-system/apps')!, 'staging')).toBeUndefined();
  });
});
