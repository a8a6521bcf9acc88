import { RuleTester } from '../../testing/rule-tester.js';
import { appliedFolder, envFromSecretDeployment } from '../../testing/fixtures.js';
import rule from './secret-imperative.js';

const bootstrap = [
  '#!/usr/bin/env bash', // 1
  'set -euo pipefail', // 2
  '# the age key that decrypts the *.sops.yaml files', // 3
  'kubectl create secret generic sops-age -n flux-system \\', // 4
  '  --from-file=age.agekey="$AGE_KEY_FILE" \\', // 5
  '  --dry-run=client -o yaml | kubectl apply -f -', // 6
  '', // 7
  'kubectl create secret generic flux-system --namespace=flux-system \\', // 8
  '  --from-literal=known_hosts="$(ssh-keyscan -T 10 github.com)"', // 9
  '',
].join('\n');

const sopsSecret = (name: string, namespace: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ntype: Opaque\nstringData:\n  password: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops:\n  version: 3.9.4\n`;

/** An applied folder apps/readers with one Deployment per Secret that reads it: a Secret nothing reads is secret-unused's, not this rule's. */
const readers = (secrets: readonly (readonly [namespace: string, name: string])[]) => ({
  'apps/readers/kustomization.yaml': `resources:\n${secrets.map((_, i) => `  - reader-${i}.yaml\n`).join('')}`,
  ...Object.fromEntries(
    secrets.map(([namespace, name], i) => [
      `apps/readers/reader-${i}.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reader-${i}\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app\n          envFrom:\n            - secretRef:\n                name: ${name}\n`,
    ]),
  ),
});

new RuleTester().run(rule, {
  valid: [
    {
      name: 'declared in kustodian.yaml secrets.external',
      repo: {
        'kustodian.yaml': [
          'secrets:',
          '  external:',
          '    - { name: sops-age, namespace: flux-system, createdBy: bootstrap }',
          '    - { name: flux-system, namespace: flux-system, createdBy: bootstrap }',
          '',
        ].join('\n'),
        'scripts/bootstrap.sh': bootstrap,
      },
    },
    {
      name: 'a manifest in git defines the same Secret (even one nothing applies)',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/db\n',
        'apps/db/kustomization.yaml': 'resources:\n  - db.sops.yaml\n',
        'apps/db/db.sops.yaml': sopsSecret('db', 'database'),
        'old/registry.yaml': sopsSecret('registry-auth', 'registry'),
        'docs/runbook.md': '```sh\nkubectl -n database create secret generic db --from-literal=password=x --dry-run=client -o yaml | kubectl apply -f -\nkubectl create secret docker-registry registry-auth -n registry --docker-server=r\n```\n',
      },
    },
    {
      name: 'a resource in git creates it (cert-manager Certificate secretName)',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
        'apps/web/kustomization.yaml': 'resources:\n  - certificate.yaml\n',
        'apps/web/certificate.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: web\nspec:\n  secretName: web-tls\n  issuerRef:\n    name: letsencrypt\n    kind: ClusterIssuer\n',
        'scripts/rotate.sh': '#!/bin/sh\nkubectl -n web create secret tls web-tls --cert=a.crt --key=a.key\n',
      },
    },
    {
      name: 'dry runs kept on disk, exported flux secrets, names from variables, placeholders',
      repo: {
        'scripts/make.sh': [
          '#!/bin/sh',
          'kubectl -n web create secret generic a --from-literal=k=v --dry-run=client -o yaml > a.yaml',
          'kubectl -n web create secret generic b --from-literal=k=v --dry-run=client -o yaml | kubeseal -o yaml > b.yaml',
          'flux -n apps create secret git auth --url=ssh://git@example.test/r --export > auth.yaml',
          'kubectl -n web create secret generic "$NAME" --from-literal=k=v',
          '',
        ].join('\n'),
        'README.md': 'Create it with `kubectl create secret generic <name> -n <namespace>`.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a bootstrap script: a dry run piped into kubectl apply, and a direct create',
      repo: {
        'scripts/bootstrap.sh': bootstrap,
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/readers\n',
        ...readers([
          ['flux-system', 'sops-age'],
          ['flux-system', 'flux-system'],
        ]),
      },
      findings: [
        {
          messageId: 'imperativeRead',
          file: 'scripts/bootstrap.sh',
          line: 4,
          column: 1,
          message: 'Secret flux-system/sops-age, read by Deployment flux-system/reader-0, is created by scripts/bootstrap.sh:4; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.',
        },
        { messageId: 'imperativeRead', file: 'scripts/bootstrap.sh', line: 8, message: 'Secret flux-system/flux-system, read by Deployment flux-system/reader-1, is created by scripts/bootstrap.sh:8; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.' },
      ],
    },
    {
      name: 'a Secret in git in another namespace does not count; flux create secret defaults to flux-system',
      repo: {
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/db\n  - ../../apps/readers\n',
        ...readers([
          ['staging', 'db'],
          ['flux-system', 'repo-auth'],
          ['web', 'api-token'],
        ]),
        'apps/db/kustomization.yaml': 'resources:\n  - db.sops.yaml\n',
        'apps/db/db.sops.yaml': sopsSecret('db', 'database'),
        'docs/setup.md': [
          '# Setup', // 1
          '', // 2
          '```console', // 3
          '$ kubectl -n staging create secret generic db --from-literal=password=x', // 4
          '$ flux create secret git repo-auth --url=ssh://git@example.test/r', // 5
          '```', // 6
          '', // 7
          'Or in one line: `sudo k3s kubectl create secret generic api-token -n web --from-literal=t=x`.', // 8
          '',
        ].join('\n'),
      },
      findings: [
        { messageId: 'imperativeRead', file: 'docs/setup.md', line: 4, column: 3, message: 'Secret staging/db, read by Deployment staging/reader-0, is created by docs/setup.md:4; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.' },
        { messageId: 'imperativeRead', file: 'docs/setup.md', line: 5, message: 'Secret flux-system/repo-auth, read by Deployment flux-system/reader-1, is created by docs/setup.md:5; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.' },
        { messageId: 'imperativeRead', file: 'docs/setup.md', line: 8, column: 27, message: 'Secret web/api-token, read by Deployment web/reader-2, is created by docs/setup.md:8; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.' },
      ],
    },
    {
      name: 'without a namespace: any Secret of that name counts, else reported once per Secret',
      repo: {
        'scripts/a.sh': '#!/bin/sh\nkubectl create secret generic api-token --from-literal=t="$T"\nkubectl create secret generic api-token --from-literal=t="$T"\n',
        'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/readers\n',
        ...readers([['web', 'api-token']]),
      },
      findings: [
        {
          messageId: 'imperativeRead',
          file: 'scripts/a.sh',
          line: 2,
          message: 'Secret api-token (in the context’s namespace), read by Deployment web/reader-0, is created by scripts/a.sh:2 (and 1 more place); not in git — document it in kustodian.yaml secrets.external or commit it encrypted.',
          related: ['consumer apps/readers/reader-0.yaml:14', 'creator scripts/a.sh:3'],
        },
      ],
    },
    {
      name: 'created by a script that hands it on to something the model does not read: no reader named',
      repo: { 'scripts/db.sh': '#!/bin/sh\nkubectl -n db create secret generic db-auth --from-literal=p="$P"\nhelm install db oci://charts/db -n db --set auth.existingSecret=db-auth\n' },
      findings: [{ messageId: 'imperative', file: 'scripts/db.sh', line: 2, message: 'Secret db/db-auth is created by scripts/db.sh:2; not in git — document it in kustodian.yaml secrets.external or commit it encrypted.' }],
    },
    {
      name: 'created by a script and by a runbook, read by a Deployment: one finding naming the reader, with the other command and the reader related',
      repo: {
        ...appliedFolder('apps/web', { 'deployment.yaml': envFromSecretDeployment('web-env') }),
        'scripts/setup.sh': '#!/bin/sh\nkubectl -n web create secret generic web-env --from-literal=TOKEN="$TOKEN"\n',
        'docs/setup.md': '# Setup\n\n```sh\nkubectl create secret generic web-env -n web --from-literal=TOKEN="$TOKEN"\n```\n',
      },
      findings: [
        {
          messageId: 'imperativeRead',
          file: 'docs/setup.md',
          line: 4,
          message: 'Secret web/web-env, read by Deployment web/web, is created by docs/setup.md:4 (and 1 more place); not in git — document it in kustodian.yaml secrets.external or commit it encrypted.',
          related: ['consumer apps/web/deployment.yaml:14', 'creator scripts/setup.sh:2'],
        },
      ],
    },
  ],
});
