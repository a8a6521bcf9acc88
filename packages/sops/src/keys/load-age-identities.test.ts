import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newHybridIdentity, newX25519Identity } from '../../test/identities.js';
import { isSopsError } from '../errors.js';
import { defaultAgeKeyFile, loadAgeIdentities, splitCommandLine } from './load-age-identities.js';

let home = '';

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sops-keys-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('loadAgeIdentities', () => {
  it('merges SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD and the default keys file', async () => {
    const [a, b, c, d] = await Promise.all([newX25519Identity(), newHybridIdentity(), newX25519Identity(), newX25519Identity()]);
    const keyFile = join(home, 'keys.txt');
    writeFileSync(keyFile, `# created: today\n# public key: ${b.identity.recipient}\n${b.secretKey}\n`);
    const script = join(home, 'print-key.sh');
    writeFileSync(script, `#!/bin/sh\necho "${c.secretKey}"\n[ "$SOPS_AGE_RECIPIENT" = "age1wanted" ] || exit 3\n`);
    chmodSync(script, 0o700);
    mkdirSync(join(home, '.config', 'sops', 'age'), { recursive: true });
    writeFileSync(join(home, '.config', 'sops', 'age', 'keys.txt'), `${d.secretKey}\n`);
    const loaded = await loadAgeIdentities({
      env: { SOPS_AGE_KEY: a.secretKey, SOPS_AGE_KEY_FILE: keyFile, SOPS_AGE_KEY_CMD: `sh '${script}'`, PATH: process.env['PATH'] },
      homeDir: home,
      platform: 'linux',
      recipient: 'age1wanted',
    });
    expect(loaded.identities.map((i) => i.recipient)).toEqual([a, b, c, d].map((k) => k.identity.recipient));
    expect(loaded.sources).toEqual(['SOPS_AGE_KEY', `SOPS_AGE_KEY_FILE ${keyFile}`, 'SOPS_AGE_KEY_CMD', join(home, '.config', 'sops', 'age', 'keys.txt')]);
    const json = JSON.stringify(loaded);
    for (const k of [a, b, c, d]) expect(json).not.toContain(k.secretKey);
    expect(String(loaded.identities[0])).not.toContain(a.secretKey);
  });

  it('honours XDG_CONFIG_HOME and finds nothing when nothing is configured', async () => {
    const xdg = join(home, 'xdg');
    expect(defaultAgeKeyFile({ XDG_CONFIG_HOME: xdg }, home, 'linux')).toBe(join(xdg, 'sops', 'age', 'keys.txt'));
    expect(defaultAgeKeyFile({}, home, 'darwin')).toBe(join(home, 'Library', 'Application Support', 'sops', 'age', 'keys.txt'));
    const loaded = await loadAgeIdentities({ env: { XDG_CONFIG_HOME: xdg }, homeDir: home, platform: 'linux' });
    expect(loaded.identities).toEqual([]);
  });

  it('fails clearly on a missing key file, a failing command and a malformed key, without echoing secrets', async () => {
    const missing = await loadAgeIdentities({ env: { SOPS_AGE_KEY_FILE: join(home, 'nope.txt') }, homeDir: home }).catch((e: unknown) => e);
    expect(isSopsError(missing, 'SOPS_KEY_SOURCE_FAILED')).toBe(true);
    const failing = await loadAgeIdentities({ env: { SOPS_AGE_KEY_CMD: 'sh -c "exit 7"', PATH: process.env['PATH'] }, homeDir: home }).catch((e: unknown) => e);
    expect(isSopsError(failing, 'SOPS_KEY_SOURCE_FAILED')).toBe(true);
    expect((failing as Error).message).toContain('status 7');
    const bad = 'AGE-SECRET-KEY-1NOTAREALKEYATALL';
    const malformed = await loadAgeIdentities({ env: { SOPS_AGE_KEY: `# comment\n${bad}` }, homeDir: home }).catch((e: unknown) => e);
    expect(isSopsError(malformed, 'SOPS_IDENTITY_INVALID')).toBe(true);
    expect((malformed as Error).message).toContain('SOPS_AGE_KEY:2');
    expect((malformed as Error).message).not.toContain(bad);
  });

  it('skips plugin and SSH keys with a warning', async () => {
    const loaded = await loadAgeIdentities({
      env: { SOPS_AGE_KEY: 'AGE-PLUGIN-YUBIKEY-1XYZ', SOPS_AGE_SSH_PRIVATE_KEY_FILE: '/x' },
      homeDir: home,
    });
    expect(loaded.identities).toEqual([]);
    expect(loaded.warnings).toHaveLength(2);
  });
});

describe('splitCommandLine', () => {
  it('splits like a shell, without running one', () => {
    expect(splitCommandLine(`pass show 'age key' "with \\"quote\\"" a\\ b ''`)).toEqual(['pass', 'show', 'age key', 'with "quote"', 'a b', '']);
  });
});
