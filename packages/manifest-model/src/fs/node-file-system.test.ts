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
