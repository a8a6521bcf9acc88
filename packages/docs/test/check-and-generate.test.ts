import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTemps, copyTree, EXAMPLES, run, snapshot } from './helpers.js';

afterAll(cleanTemps);

/** A file's text with the inside of every kustodian section cut out: what belongs to the user. */
function outsideMarkers(text: string): string {
  return text.replace(/(<!-- kustodian:begin ([\w.-]+) -->\n)[\s\S]*?(<!-- kustodian:end \2 -->)/g, '$1$3');
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('check and generate on a copy of examples/', () => {
  it('check fails with a diff naming the folder after a manifest changes; generate fixes it; prose outside the markers survives', async () => {
    const repo = copyTree(EXAMPLES);
    const readme = join(repo, 'platform/redis/README.md');
    expect((await run('check', '--repo', repo)).code).toBe(0);

    // The user writes prose around the generated sections.
    const original = readFileSync(readme, 'utf8');
    const withProse = `${original.replace('# platform/redis\n', '# platform/redis\n\nRedis for Authelia sessions and the Paperless task queue.\n')}\n## Notes\n\nRestarting it logs everyone out.  \nKeep the trailing spaces above.\n`;
    writeFileSync(readme, withProse);
    // Prose is the user's: check does not call it stale.
    expect((await run('check', '--repo', repo)).code).toBe(0);

    edit(join(repo, 'platform/redis/deployment.yaml'), 'redis:7.4.2-alpine', 'redis:7.4.3-alpine');
    const before = snapshot(repo);
    const check = await run('check', '--repo', repo);
    expect(check.code).toBe(1);
    expect(check.out).toContain('--- a/');
    expect(check.out).toMatch(/^\+\+\+ b\/.*platform\/redis\/README\.md$/m);
    expect(check.out).toMatch(/^-- `docker\.io\/library\/redis:7\.4\.2-alpine`/m);
    expect(check.out).toMatch(/^\+- `docker\.io\/library\/redis:7\.4\.3-alpine`/m);
    // Only that README is stale.
    expect([...check.out.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]!.replace(/^.*?(platform|applications|SECRETS)/, '$1'))).toEqual(['platform/redis/README.md']);
    expect(check.err).toContain('1 of 14 docs files are stale');
    expect(snapshot(repo)).toEqual(before);

    const generate = await run('generate', '--repo', repo);
    expect(generate.code).toBe(0);
    expect(generate.out).toMatch(/wrote .*platform\/redis\/README\.md\n14 docs files, 1 written\.\n$/);
    const regenerated = readFileSync(readme, 'utf8');
    expect(regenerated).toContain('`docker.io/library/redis:7.4.3-alpine`');
    expect(outsideMarkers(regenerated)).toBe(outsideMarkers(withProse));
    expect(regenerated).toContain('Restarting it logs everyone out.  \nKeep the trailing spaces above.\n');

    expect((await run('check', '--repo', repo)).code).toBe(0);
    // Running it again changes nothing.
    const again = await run('generate', '--repo', repo);
    expect(again.out).toBe('14 docs files, 0 written.\n');
    // No temporary file is left behind.
    expect(readdirSync(join(repo, 'platform/redis')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('takes what a folder is from the kustodian.io/description annotation of its Flux Kustomization', async () => {
    const repo = copyTree(EXAMPLES);
    edit(
      join(repo, 'clusters/prod/platform.yaml'),
      'metadata:\n  name: redis\n  namespace: flux-system\n',
      'metadata:\n  name: redis\n  namespace: flux-system\n  annotations:\n    kustodian.io/description: Sessions and queues, see https://redis.io/docs.\n',
    );
    const check = await run('check', '--repo', repo);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/^\+Sessions and queues, see <https:\/\/redis\.io\/docs>\.$/m);
    expect((await run('generate', '--repo', repo)).code).toBe(0);
    const text = readFileSync(join(repo, 'platform/redis/README.md'), 'utf8');
    expect(text).toContain('<!-- kustodian:begin description -->\n\nSessions and queues, see <https://redis.io/docs>.\n\n<!-- kustodian:end description -->');
  });

  it('creates a README with a skeleton for a newly applied folder, and leaves a file with broken markers alone', async () => {
    const repo = copyTree(EXAMPLES);
    // platform/postgresql-new becomes applied: point the postgresql Flux Kustomization at it.
    edit(join(repo, 'clusters/prod/platform.yaml'), 'path: ./platform/postgresql\n', 'path: ./platform/postgresql-new\n');
    const broken = join(repo, 'platform/redis/README.md');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('<!-- kustodian:end images -->\n', ''));
    const brokenText = readFileSync(broken, 'utf8');

    const generate = await run('generate', '--repo', repo);
    expect(generate.code).toBe(1);
    expect(generate.err).toMatch(/platform\/redis\/README\.md:\d+: section images has no end marker before section hostnames begins at line \d+; the file is left unchanged/);
    // One missing marker, one message: no cascade over the sections after it.
    expect(generate.err.split('\n').filter((l) => l.includes('platform/redis/README.md'))).toHaveLength(1);
    const check = await run('check', '--repo', repo);
    expect(check.code).toBe(1);
    expect(check.out).not.toContain('up to date');
    expect(check.err).toMatch(/1 docs file has broken markers and was not checked/);
    expect(readFileSync(broken, 'utf8')).toBe(brokenText);
    const created = readFileSync(join(repo, 'platform/postgresql-new/README.md'), 'utf8');
    expect(created.startsWith('# platform/postgresql-new\n\n<!-- kustodian:begin description -->\n<!-- kustodian:end description -->\n\n<!--\nSay what this folder is for here.')).toBe(true);
    expect(created.replace(/\s+/g, ' ')).toContain('`flux-system/postgresql` (`clusters/prod/platform.yaml:156`) applies `./platform/postgresql-new`');
    // The folder that nothing applies any more keeps its README (the file is the user's); its sections say so.
    const orphan = readFileSync(join(repo, 'platform/postgresql/README.md'), 'utf8');
    expect(orphan.startsWith('# platform/postgresql\n')).toBe(true);
    expect(orphan).toContain('No Flux Kustomization applies this folder.');
    expect(orphan).toContain('Nothing: no object of this folder is applied.');
  });
});
