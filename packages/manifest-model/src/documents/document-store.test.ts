import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../fs/file-system.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { DocumentStore } from './document-store.js';

/** A tree where one file is listed but cannot be read, as with chmod 000 for another user. */
function withUnreadable(tree: Record<string, string>, unreadable: string): FileSystem {
  const inner = new MemoryFileSystem(tree);
  return { description: 'test', list: (p) => inner.list(p), stat: (p) => inner.stat(p), readFile: (p) => (p === unreadable ? undefined : inner.readFile(p)) };
}

describe('DocumentStore', () => {
  it('parses each file once and reports a listed file it cannot read, at line 1', () => {
    const store = new DocumentStore(withUnreadable({ 'a.yaml': 'a: 1\n', 'locked.yaml': 'kind: Secret\n' }, 'locked.yaml'));
    expect(store.documents('a.yaml')?.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(store.documents('a.yaml')).toBe(store.documents('a.yaml'));
    expect(store.documents('locked.yaml')).toEqual([]);
    expect(store.documents('missing.yaml')).toBeUndefined();
    expect(store.diagnostics()).toEqual([{ code: 'file-unreadable', severity: 'error', message: 'locked.yaml cannot be read', location: { file: 'locked.yaml', line: 1, column: 1 } }]);
  });
});
