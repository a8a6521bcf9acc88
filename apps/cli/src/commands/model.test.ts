import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { Output } from '../output.js';

function capture(): Output & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', color: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const examples = resolve(import.meta.dirname, '../../../../examples');

describe('kustodian model', () => {
  it('prints the versioned JSON model of the bundled examples', async () => {
    const io = capture();
    expect(await main(['model', '--repo', examples, '--format', 'json'], io)).toBe(0);
    const model = JSON.parse(io.stdout);
    expect(model.version).toBe(1);
    expect(model.entryPoints).toEqual([{ path: 'clusters/prod', source: 'flux-sync', appliedBy: 'flux-system/flux-system' }]);
    expect(model.files).toContainEqual({ path: 'platform/kustomization.yaml', role: 'kustomization', appliedBy: [] });
    for (const r of model.resources) expect(Object.keys(r).sort()).toEqual(['apiVersion', 'appliedBy', 'chain', 'file', 'kind', 'line', 'name', 'namespace', 'namespaceOrigin', 'sops', 'unit']);
  });

  it('prints a readable summary with entry points, Flux tree, namespaces and unapplied files', async () => {
    const io = capture();
    expect(await main(['model', '--repo', examples], io)).toBe(0);
    expect(io.stdout).toMatch(/Entry points\n {2}clusters\/prod {2}\(flux-sync, applied by flux-system\/flux-system\)/);
    expect(io.stdout).toContain('Files nothing applies');
    expect(io.stdout).toMatch(/platform\/kustomization\.yaml {2}\(kustomization\)/);
    expect(io.stdout).toMatch(/\[implicit-default\]/);
  });

  it('refuses an unknown format with exit 2', async () => {
    const io = capture();
    expect(await main(['model', '--repo', examples, '--format', 'xml'], io)).toBe(2);
    expect(io.stderr).toContain('xml');
  });

  it('honours the ignores of kustodian.yaml, like the audit', async () => {
    const io = capture();
    expect(await main(['model', '--repo', examples, '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).files.map((f: { path: string }) => f.path)).not.toContain('README.md');
  });
});

