import { describe, expect, it } from 'vitest';
import { createObject } from '../working-object.js';
import { applyImages, splitImage, updateImage } from './images.js';

describe('images', () => {
  it('splits names with registry ports, tags and digests', () => {
    expect(splitImage('registry:5000/app:1.2@sha256:abc')).toEqual({ name: 'registry:5000/app', tag: '1.2', digest: 'sha256:abc' });
    expect(splitImage('registry:5000/app')).toEqual({ name: 'registry:5000/app', tag: undefined, digest: undefined });
  });

  it('updates the name, the tag (dropping a digest) or the digest (dropping a tag)', () => {
    expect(updateImage('nginx:1.0', { name: 'nginx', newTag: '2.0' })).toBe('nginx:2.0');
    expect(updateImage('nginx:1.0@sha256:a', { name: 'nginx', newTag: '2.0' })).toBe('nginx:2.0');
    expect(updateImage('nginx:1.0', { name: 'nginx', digest: 'sha256:b' })).toBe('nginx@sha256:b');
    expect(updateImage('nginx:1.0', { name: 'nginx', newName: 'mirror/nginx' })).toBe('mirror/nginx:1.0');
    expect(updateImage('nginx-extra:1.0', { name: 'nginx', newTag: '2' })).toBeUndefined();
  });

  it('rewrites containers and initContainers anywhere in any kind, entry after entry', () => {
    const origin = { type: 'generator', generator: 'configMapGenerator', location: { file: 'k', line: 1, column: 1 }, sources: [], literals: 0 } as const;
    const cron = createObject({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { initContainers: [{ image: 'a:1' }], containers: [{ image: 'b' }] } } } } } }, origin);
    const custom = createObject({ kind: 'Runner', spec: { containers: [{ image: 'a' }] } }, origin);
    applyImages([cron, custom], [{ name: 'a', newName: 'c' }, { name: 'c', newTag: '9' }]);
    expect(JSON.stringify(cron.body)).toBe('{"kind":"CronJob","spec":{"jobTemplate":{"spec":{"template":{"spec":{"initContainers":[{"image":"c:9"}],"containers":[{"image":"b"}]}}}}}}');
    expect(custom.body).toEqual({ kind: 'Runner', spec: { containers: [{ image: 'c:9' }] } });
  });
});
