import { describe, expect, it } from 'vitest';
import { contentHash, goJson } from './content-hash.js';

// Expected suffixes are what `kubectl kustomize` (kustomize v5.5) printed for these
// objects; test/kustomize-oracle.test.ts re-checks whole generated objects live.
describe('contentHash', () => {
  it('gives kustomize suffixes for ConfigMaps and Secrets', () => {
    expect(contentHash({ kind: 'ConfigMap', metadata: { name: 'empty' } })).toBe('6ct58987ht');
    expect(contentHash({ kind: 'ConfigMap', metadata: { name: 'opts' }, data: { x: 'y' } })).toBe('6gc9d749f7');
    expect(contentHash({ kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { pw: 'c2VjcmV0' } })).toBe('dtgd52765c');
  });

  it('does not depend on the name, labels or key order, and does on data and type', () => {
    const a = contentHash({ kind: 'ConfigMap', metadata: { name: 'a', labels: { x: '1' } }, data: { k: 'v', j: 'w' } });
    expect(contentHash({ kind: 'ConfigMap', metadata: { name: 'prefixed-a' }, data: { j: 'w', k: 'v' } })).toBe(a);
    expect(contentHash({ kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v2', j: 'w' } })).not.toBe(a);
    expect(contentHash({ kind: 'Secret', type: 'Opaque', data: {} })).not.toBe(contentHash({ kind: 'Secret', type: 'kubernetes.io/tls', data: {} }));
  });
});

describe('goJson', () => {
  it("writes JSON as Go's encoding/json does: sorted keys, HTML and line separators escaped", () => {
    expect(goJson({ b: 1, a: ['<&>', '\u2028'], c: { z: null, y: true } })).toBe('{"a":["\\u003c\\u0026\\u003e","\\u2028"],"b":1,"c":{"y":true,"z":null}}');
  });
});
