import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkRepository } from '../files/walk-repository.js';
import { NodeFileSystem } from './node-file-system.js';

describe('NodeFileSystem', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kustodian-nodefs-'));
    outside = mkdtempSync(join(tmpdir(), 'kustodian-nodefs-outside-'));
    mkdirSync(join(root, 'real/sub'), { recursive: true });
    writeFileSync(join(root, 'real/sub/cm.yaml'), 'a: 1\n');
    writeFileSync(join(outside, 'secret.yaml'), 'b: 2\n');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists, stats and reads files and folders', () => {
    const fs = new NodeFileSystem(root);
    expect(fs.list('real')).toEqual([{ name: 'sub', type: 'directory' }]);
    expect(fs.stat('real/sub/cm.yaml')).toBe('file');
    expect(fs.stat('real/sub')).toBe('directory');
    expect(fs.stat('real/none.yaml')).toBeUndefined();
    expect(fs.stat('../outside')).toBeUndefined();
    expect(new TextDecoder().decode(fs.readFile('real/sub/cm.yaml'))).toBe('a: 1\n');
  });

  it('follows links inside the root, but not out of it and not into a loop', () => {
    symlinkSync(join(root, 'real/sub'), join(root, 'linked'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'escape.yaml'));
    symlinkSync(root, join(root, 'real/up'));
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    const fs = new NodeFileSystem(root);
    expect(fs.stat('linked')).toBe('directory');
    expect(fs.stat('escape.yaml')).toBeUndefined();
    expect(fs.stat('real/up')).toBeUndefined();
    expect(fs.stat('loop-a')).toBeUndefined();
    expect(walkRepository(fs).map((f) => f.path)).toEqual(['linked/cm.yaml', 'real/sub/cm.yaml']);
  });
});

describe('NodeFileSystem on hostile trees', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kustodian-nodefs-'));
    outside = mkdtempSync(join(tmpdir(), 'kustodian-nodefs-outside-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('walks a mesh of folders whose links point at each other in linear time, each real folder at most twice', () => {
    const names = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    for (const n of names) {
      mkdirSync(join(root, n));
      writeFileSync(join(root, n, 'cm.yaml'), 'a: 1\n');
    }
    // Every folder links to every other one: the paths through links are exponential in number.
    for (const a of names) for (const b of names) if (a !== b) symlinkSync(join(root, b), join(root, a, `to-${b}`));
    const files = walkRepository(new NodeFileSystem(root)).map((f) => f.path);
    expect(files.length).toBeLessThanOrEqual(2 * names.length);
    for (const n of names) expect(files).toContain(`${n}/cm.yaml`);
  });

  it('never reads a file through a link that leaves the repository (a README or kustodian.yaml linked elsewhere)', () => {
    writeFileSync(join(outside, 'notes.md'), 'private\n');
    symlinkSync(join(outside, 'notes.md'), join(root, 'README.md'));
    const fs = new NodeFileSystem(root);
    expect(fs.readFile('README.md')).toBeUndefined();
    expect(fs.readHead('README.md', 4)).toBeUndefined();
  });

  it('reads the head of a large file without reading it whole (a sparse 200 MB file without extension)', async () => {
    const { openSync, ftruncateSync, closeSync, writeSync } = await import('node:fs');
    const fd = openSync(join(root, 'blob'), 'w');
    writeSync(fd, '#!/bin/sh\n');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const fs = new NodeFileSystem(root);
    expect(new TextDecoder().decode(fs.readHead('blob', 10))).toBe('#!/bin/sh\n');
    expect(walkRepository(fs)).toEqual([{ path: 'blob', role: 'shell' }]);
  });
});
