import { RuleTester } from '../../testing/rule-tester.js';
import { ENC, fluxKustomization, fluxSystemGitRepository, SOPS_DECRYPTION, sopsBlock } from '../../testing/fixtures.js';
import rule from './sops-decryption-missing.js';

/** A Flux Kustomization (metadata.name on line 4), with spec.decryption when `decrypt`. */
const ks = (name: string, path: string, decrypt: boolean) => fluxKustomization(name, path, decrypt ? { spec: SOPS_DECRYPTION } : {});

const encryptedSecret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: ${ENC}\n${sopsBlock().join('\n')}`;
const plainConfig = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: apps\n';
const encryptedEnv = `PASSWORD=${ENC}\nsops_lastmodified=2025-01-01T00:00:00Z\nsops_mac=${ENC}\nsops_version=3.9.4\n`;

/** The bootstrap: the flux-system Kustomization (no decryption, metadata.name on line 4) and its GitRepository. */
const base = {
  'clusters/home/flux-system/gotk-sync.yaml': `${ks('flux-system', './clusters/home', false)}---\n${fluxSystemGitRepository()}`,
};

new RuleTester().run(rule, {
  valid: [
    {
      name: 'the Flux Kustomization that applies the encrypted Secret decrypts',
      repo: { ...base, 'clusters/home/apps.yaml': ks('apps', './apps', true), 'apps/kustomization.yaml': 'resources:\n  - db.sops.yaml\n', 'apps/db.sops.yaml': encryptedSecret },
    },
    {
      name: 'a Flux Kustomization without decryption that applies nothing encrypted',
      repo: { ...base, 'clusters/home/apps.yaml': ks('apps', './apps', false), 'apps/web.yaml': plainConfig },
    },
    {
      name: 'only the Flux Kustomization that applies the file needs decryption, not the one that creates it',
      repo: { ...base, 'clusters/home/apps.yaml': ks('apps', './apps', true), 'apps/db.sops.yaml': encryptedSecret },
    },
    {
      name: 'a secretGenerator reading a plaintext env file',
      repo: { ...base, 'clusters/home/apps.yaml': ks('apps', './apps', false), 'apps/kustomization.yaml': 'secretGenerator:\n  - name: web\n    envs:\n      - web.env\n', 'apps/web.env': 'MODE=production\n' },
    },
  ],
  invalid: [
    {
      name: 'an encrypted Secret applied by a Flux Kustomization without decryption',
      repo: {
        ...base,
        'clusters/home/apps.yaml': ks('apps', './apps', false),
        'clusters/home/infra.yaml': ks('infra', './infra', true),
        'apps/kustomization.yaml': 'resources:\n  - db.sops.yaml\n  - web.yaml\n',
        'apps/db.sops.yaml': encryptedSecret,
        'apps/web.yaml': plainConfig,
        'infra/db.sops.yaml': encryptedSecret.replace('name: db', 'name: infra-db'),
      },
      findings: [
        {
          messageId: 'missing',
          file: 'clusters/home/apps.yaml',
          line: 4,
          column: 3,
          message: 'Flux Kustomization flux-system/apps applies 1 SOPS-encrypted file (apps/db.sops.yaml) but has no spec.decryption: Flux applies them still encrypted.',
        },
      ],
    },
    {
      name: 'a secretGenerator reading an encrypted env file',
      repo: {
        ...base,
        'clusters/home/apps.yaml': ks('apps', './apps', false),
        'apps/kustomization.yaml': 'secretGenerator:\n  - name: web\n    envs:\n      - web.env\n    files:\n      - config.json=web.sops.json\n',
        'apps/web.env': encryptedEnv,
        'apps/web.sops.json': `{"token": "${ENC}", "sops": {"lastmodified": "2025-01-01T00:00:00Z", "mac": "${ENC}", "version": "3.9.4"}}\n`,
      },
      findings: [
        {
          messageId: 'generator',
          file: 'clusters/home/apps.yaml',
          line: 4,
          message: 'Flux Kustomization flux-system/apps builds secretGenerators from 2 SOPS-encrypted files (apps/web.env) but has no spec.decryption: the generated Secrets hold ciphertext.',
        },
      ],
    },
    {
      name: 'an encrypted Secret in the folder of the bootstrap Flux Kustomization',
      repo: { ...base, 'clusters/home/sops-secret.yaml': encryptedSecret },
      findings: [{ messageId: 'missing', file: 'clusters/home/flux-system/gotk-sync.yaml', line: 4 }],
    },
  ],
});
