import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRepository, NodeFileSystem } from '@kustodian/manifest-model';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTemps, copyTree, HOME_OPS_EXAMPLE, lintProblems, run, snapshot } from './helpers.js';

afterAll(cleanTemps);

/** The workload and release kinds every README must name, with the objects of them each folder holds. */
const NAMED_KINDS = new Set(['HelmRelease', 'Deployment', 'StatefulSet', 'CronJob']);

describe('examples-home-ops (its own GitRepository over ssh, gotk-sync over https, kubernetes/apps/<ns>/<app>)', () => {
  const model = loadRepository(new NodeFileSystem(HOME_OPS_EXAMPLE));

  it('applies every folder: the own GitRepository is this repository, and nothing is external', () => {
    expect(model.localSources.map((s) => `${s.kind} ${s.namespace}/${s.name} ${s.reason}`).sort()).toEqual(['GitRepository flux-system/flux-system bootstrap', 'GitRepository flux-system/home-ops same-repository']);
    expect(model.diagnostics.filter((d) => d.code === 'flux-external-source' || d.severity === 'error')).toEqual([]);
    expect(model.units.filter((u) => u.appliedBy.length === 0).map((u) => u.path)).toEqual([]);
    expect(model.resources.every((r) => r.appliedBy.length > 0)).toBe(true);
    // The nested default of the volsync component: one PVC per app.
    expect(model.resources.filter((r) => r.kind === 'PersistentVolumeClaim').map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(['home/home-assistant-config', 'media/jellyfin']);
  });

  it('generates a README per app that names every HelmRelease, Deployment, StatefulSet and CronJob of its folder', async () => {
    const repo = copyTree(HOME_OPS_EXAMPLE);
    const before = snapshot(repo);
    const generate = await run('generate', '--repo', repo);
    expect(generate.err).toBe('');
    const after = snapshot(repo);
    const readmes = [...after.keys()].filter((p) => p.endsWith('/README.md') && after.get(p) !== before.get(p)).sort();
    expect(readmes).toEqual([
      'kubernetes/apps/database/cloudnative-pg/README.md',
      'kubernetes/apps/database/postgres/README.md',
      'kubernetes/apps/home/home-assistant/README.md',
      'kubernetes/apps/media/jellyfin/README.md',
      // Applied by cluster-flux, under no default root.
      'kubernetes/flux/README.md',
    ]);
    expect(readmes.filter((readme) => model.resources.some((r) => NAMED_KINDS.has(r.kind) && r.location.file.startsWith(readme.replace('README.md', ''))))).toHaveLength(4);
    for (const readme of readmes) {
      const folder = readme.slice(0, -'/README.md'.length);
      const text = readFileSync(join(repo, readme), 'utf8');
      const named = model.resources.filter((r) => NAMED_KINDS.has(r.kind) && r.location.file.startsWith(`${folder}/`));
      for (const r of named) expect(text, `${readme} names ${r.kind} ${r.name}`).toMatch(new RegExp(`\\| ${r.kind} \\| ${r.name} \\|`));
    }
    expect(lintProblems(Object.fromEntries(readmes.map((p) => [p, readFileSync(join(repo, p), 'utf8')])))).toEqual([]);
  });
});
