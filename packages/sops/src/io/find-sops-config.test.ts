import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSopsConfig } from './find-sops-config.js';

let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sops-io-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('findSopsConfig', () => {
  it('walks up from the start folder and ignores .sops.yml with a warning', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', '.sops.yml'), 'creation_rules: []\n');
    writeFileSync(join(dir, '.sops.yaml'), 'creation_rules:\n  - age: age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29\n');
    const found = await findSopsConfig(join(dir, 'a', 'b'));
    expect(found?.path).toBe(join(dir, '.sops.yaml'));
    expect(found?.config.directory).toBe(dir);
    expect(found?.config.creationRules).toHaveLength(1);
    expect(found?.warnings[0]).toContain('.sops.yml');
  });
});
