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

  it('gives the text of a Markdown file or script without running the YAML parser on it', () => {
    // Not YAML: parsed as YAML, the first would be a syntax error, the second a mapping.
    const store = new DocumentStore(new MemoryFileSystem({ 'README.md': '# Title\n\n- [a: b\n', 'setup.sh': 'key: value\n', 'a.yaml': 'a: [1\n' }));
    expect(store.text('README.md')).toBe('# Title\n\n- [a: b\n');
    expect(store.text('setup.sh')).toBe('key: value\n');
    expect(store.text('missing.md')).toBeUndefined();
    expect(store.diagnostics()).toEqual([]);
    // A YAML file's text comes with its parse, diagnostics included.
    expect(store.text('a.yaml')).toBe('a: [1\n');
    expect(store.diagnostics().map((d) => `${d.code} ${d.location.file}`)).toEqual(['yaml-syntax a.yaml']);
  });

  it('gives no text for a binary or over-large file that is not YAML', () => {
    const fs = new MemoryFileSystem({ 'big.md': 'x'.repeat(64), 'logo.md': new Uint8Array([0x23, 0x00, 0x01]), 'small.md': 'ok' });
    const store = new DocumentStore(fs, { maxBytes: 32 });
    expect(store.text('big.md')).toBeUndefined();
    expect(store.text('logo.md')).toBeUndefined();
    expect(store.text('small.md')).toBe('ok');
  });
});

describe('DocumentStore and large files', () => {
  it('tells a file over the size limit from its size, without reading it', async () => {
    const { MemoryFileSystem } = await import('../fs/memory-file-system.js');
    const { DocumentStore } = await import('./document-store.js');
    const inner = new MemoryFileSystem({ 'big.yaml': 'a: 1\n', 'notes.txt': 'x\n' });
    let reads = 0;
    const fs = { description: 'test', stat: (p: string) => inner.stat(p), list: (p: string) => inner.list(p), readFile: (p: string) => (reads++, inner.readFile(p)), size: () => 300 * 1024 * 1024 };
    const store = new DocumentStore(fs);
    expect(store.documents('big.yaml')).toEqual([]);
    expect(store.diagnostics()).toMatchObject([{ code: 'file-too-large', location: { file: 'big.yaml' } }]);
    expect(store.text('notes.txt')).toBeUndefined();
    expect(reads).toBe(0);
  });
});
