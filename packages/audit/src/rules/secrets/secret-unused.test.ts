import { RuleTester } from '../../testing/rule-tester.js';
import { appliedFolder, envFromSecretDeployment as deployment, substitutedSecret as secret } from '../../testing/fixtures.js';
import rule from './secret-unused.js';

const encrypted = (name: string, namespace: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nstringData:\n  TOKEN: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]\n  version: 3.9.4\n`;

/** A plain entry point clusters/home applying apps/web with the given files. */
const app = (files: Record<string, string>, kustomizationExtra = '') => appliedFolder('apps/web', files, kustomizationExtra);

new RuleTester().run(rule, {
  valid: [
    {
      name: 'a Secret a script creates and a Deployment reads',
      repo: { ...app({ 'deployment.yaml': deployment('web-env') }), 'scripts/setup.sh': '#!/bin/sh\nkubectl -n web create secret generic web-env --from-literal=TOKEN="$TOKEN"\n' },
    },
    {
      name: 'a Secret a script creates and then hands to something the model does not read (helm install --set)',
      repo: {
        ...app({ 'deployment.yaml': deployment('other') }),
        'scripts/setup.sh': '#!/bin/sh\nkubectl -n web create secret generic db-auth --from-literal=p="$P"\nhelm install db oci://charts/db -n web --set auth.existingSecret=db-auth\n',
      },
    },
    { name: 'a Secret that a Deployment reads', repo: app({ 'secret.yaml': secret('web-env', 'web'), 'deployment.yaml': deployment('web-env') }) },
    {
      name: 'a Secret read through HelmRelease valuesFrom',
      repo: app({
        'secret.yaml': secret('grafana-values', 'web'),
        'helmrelease.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: grafana\n  namespace: web\nspec:\n  chart:\n    spec:\n      chart: grafana\n  valuesFrom:\n    - kind: Secret\n      name: grafana-values\n',
      }),
    },
    {
      name: 'a volsync repository Secret named by a ReplicationSource',
      repo: app({
        'secret.yaml': secret('web-restic', 'web'),
        'replicationsource.yaml':
          'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: web\n  namespace: web\nspec:\n  sourcePVC: web-data\n  restic:\n    repository: web-restic\n',
      }),
    },
    {
      name: 'CloudNativePG backup credentials',
      repo: app({
        'secret.yaml': secret('db-s3', 'web'),
        'cluster.yaml':
          'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\n  namespace: web\nspec:\n  backup:\n    barmanObjectStore:\n      s3Credentials:\n        accessKeyId:\n          name: db-s3\n          key: ACCESS_KEY_ID\n',
      }),
    },
    {
      name: 'a Longhorn crypto Secret named in StorageClass CSI parameters',
      repo: app({
        'secret.yaml': secret('longhorn-crypto', 'longhorn-system'),
        'storageclass.yaml':
          'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: longhorn-crypto\nprovisioner: driver.longhorn.io\nparameters:\n  csi.storage.k8s.io/node-publish-secret-name: longhorn-crypto\n  csi.storage.k8s.io/node-publish-secret-namespace: longhorn-system\n',
      }),
    },
    {
      name: 'the Longhorn backup-target credentials named by a Setting',
      repo: app({
        'secret.yaml': secret('backup-credentials', 'longhorn-system'),
        'setting.yaml': 'apiVersion: longhorn.io/v1beta2\nkind: Setting\nmetadata:\n  name: backup-target-credential-secret\n  namespace: longhorn-system\nvalue: backup-credentials\n',
      }),
    },
    {
      name: 'the source of a Kyverno generate rule that clones a Secret into every namespace',
      repo: app({
        'secret.yaml': secret('regcred', 'kyverno'),
        'policy.yaml': [
          'apiVersion: kyverno.io/v1',
          'kind: ClusterPolicy',
          'metadata:',
          '  name: sync-regcred',
          'spec:',
          '  rules:',
          '    - name: clone',
          '      match:',
          '        any:',
          '          - resources:',
          '              kinds: [Namespace]',
          '      generate:',
          '        apiVersion: v1',
          '        kind: Secret',
          '        name: regcred',
          '        namespace: "{{request.object.metadata.name}}"',
          '        clone:',
          '          namespace: kyverno',
          '          name: regcred',
          '',
        ].join('\n'),
      }),
    },
    {
      name: 'a Secret named in a values.yaml that a configMapGenerator turns into HelmRelease values',
      repo: {
        ...app(
          {
            'secret.yaml': secret('grafana-admin', 'web'),
            'helmrelease.yaml':
              'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: grafana\n  namespace: web\nspec:\n  chart:\n    spec:\n      chart: grafana\n  valuesFrom:\n    - kind: ConfigMap\n      name: grafana-values\n',
          },
          'configMapGenerator:\n  - name: grafana-values\n    namespace: web\n    files:\n      - values.yaml\ngeneratorOptions:\n  disableNameSuffixHash: true\n',
        ),
        'apps/web/values.yaml': 'admin:\n  existingSecret: grafana-admin\n  userKey: user\n',
      },
    },
    {
      name: 'Secrets that controllers find by type, label or annotation',
      repo: app({
        'token.yaml': secret('ci-token', 'web', '  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n'),
        'repo.yaml': secret('private-repo', 'argocd', '  labels:\n    argocd.argoproj.io/secret-type: repository\n'),
        'datasource.yaml': secret('loki-datasource', 'observability', '  labels:\n    grafana_datasource: "1"\n'),
        'alertmanager.yaml': secret('alertmanager-main', 'observability'),
      }),
    },
    {
      name: 'a Secret that nothing applies is not checked',
      repo: { ...app({ 'deployment.yaml': deployment('other') }), 'old/secret.yaml': secret('old', 'web') },
    },
    {
      name: 'a pull Secret that a script patches into the default ServiceAccount',
      repo: {
        ...app({ 'regcred.yaml': secret('regcred', 'web', 'type: kubernetes.io/dockerconfigjson\n') }),
        'scripts/setup.sh': `#!/bin/sh\nkubectl -n web patch serviceaccount default -p '{"imagePullSecrets": [{"name": "regcred"}]}'\n`,
      },
    },
    {
      name: 'a Secret referred to only by an object that nothing applies still counts as used',
      repo: { ...app({ 'secret.yaml': secret('web-env', 'web') }), 'old/deployment.yaml': deployment('web-env') },
    },
  ],
  invalid: [
    {
      name: 'a Secret a script applies from a here-document, and one a Taskfile creates, that nothing reads',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'scripts/seed.sh': '#!/bin/sh\nkubectl apply -f - <<EOF\napiVersion: v1\nkind: Secret\nmetadata:\n  name: old-token\n  namespace: web\nstringData:\n  t: "$T"\nEOF\n',
        'Taskfile.yaml': 'version: "3"\ntasks:\n  secret:\n    cmds:\n      - kubectl -n web create secret generic task-token --from-literal=t=$T\n',
      },
      findings: [
        { messageId: 'unusedCreated', file: 'Taskfile.yaml', line: 5 },
        { messageId: 'unusedCreated', file: 'scripts/seed.sh', line: 2, message: 'Secret web/old-token is created by scripts/seed.sh:2 but nothing Flux applies reads it: a command left behind by a rename, or a Secret no longer needed.' },
      ],
    },
    {
      name: 'a Secret a script and a runbook create that nothing reads any more (renamed in the manifests): one finding, the other command related',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env-v2') }),
        'scripts/setup.sh': '#!/bin/sh\nkubectl -n web create secret generic web-env --from-literal=TOKEN="$TOKEN"\n',
        'docs/setup.md': '# Setup\n\n```sh\nkubectl create secret generic web-env -n web --from-literal=TOKEN="$TOKEN"\n```\n',
      },
      findings: [
        {
          messageId: 'unusedCreated',
          file: 'docs/setup.md',
          line: 4,
          message: 'Secret web/web-env is created by docs/setup.md:4 (and 1 more place) but nothing Flux applies reads it: a command left behind by a rename, or a Secret no longer needed.',
          related: ['creator scripts/setup.sh:2'],
        },
      ],
    },
    {
      name: 'a SOPS Secret that nothing reads',
      repo: app({ 'smtp.sops.yaml': encrypted('smtp-credentials', 'web'), 'deployment.yaml': deployment('web-env'), 'secret.yaml': secret('web-env', 'web') }),
      findings: [
        {
          messageId: 'unused',
          file: 'apps/web/smtp.sops.yaml',
          line: 4,
          column: 3,
          message: 'Secret web/smtp-credentials is applied (SOPS-encrypted) but nothing in the repository refers to it.',
        },
      ],
    },
    {
      name: 'a Secret read only from another namespace is unused in its own',
      repo: app({ 'secret.yaml': secret('web-env', 'api'), 'deployment.yaml': deployment('web-env') }),
      findings: [{ messageId: 'unused', file: 'apps/web/secret.yaml', line: 4, message: 'Secret api/web-env is applied but nothing in the repository refers to it.' }],
    },
    {
      name: 'a secretGenerator Secret that nothing reads, at its generator entry',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env'), 'secret.yaml': secret('web-env', 'web') }, 'secretGenerator:\n  - name: leftover\n    namespace: web\n    envs:\n      - leftover.env\n'),
        'apps/web/leftover.env': 'TOKEN=${TOKEN}\n',
      },
      findings: [{ messageId: 'unused', file: 'apps/web/kustomization.yaml', line: 5 }],
    },
    {
      name: 'a mention under a key that names no Secret does not count',
      repo: app({
        'secret.yaml': secret('web', 'web'),
        'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
      }),
      findings: [{ messageId: 'unused', file: 'apps/web/secret.yaml', line: 4 }],
    },
  ],
});
