import { RuleTester, runRuleTestCase } from '../../testing/rule-tester.js';
import { findingsOf } from '../../engine/define-rule.js';
import { appliedFolder, envFromSecretDeployment as deployment, fluxKustomization, gotkSync, substitutedSecret as secret } from '../../testing/fixtures.js';
import rule from './secret-undefined.js';

/** A plain entry point clusters/home applying apps/web with the given files (every file listed). */
const app = (files: Record<string, string>) => appliedFolder('apps/web', files);

const fluxRepo = {
  /** GitRepository flux-system (secretRef line 9) and Kustomization flux-system (decryption secretRef line 24). */
  'clusters/home/flux-system/gotk-sync.yaml': gotkSync({ secretRef: true, decryption: true }),
  'clusters/home/apps.yaml': fluxKustomization('apps', './apps'),
  'apps/kustomization.yaml': 'resources:\n  - web\n',
  'apps/web/kustomization.yaml': 'resources:\n  - secret.yaml\n',
  'apps/web/secret.yaml': secret('web-env', 'web'),
};

const bootstrapScript = [
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  'kubectl create secret generic sops-age -n flux-system \\',
  '  --from-file=age.agekey="$AGE_KEY_FILE" \\',
  '  --dry-run=client -o yaml | kubectl apply -f -',
  '',
].join('\n');

/** A HelmRelease web/grafana: valuesFrom Secret grafana-values (line 12), values admin.existingSecret grafana-admin (line 15). */
const helmRelease = [
  'apiVersion: helm.toolkit.fluxcd.io/v2',
  'kind: HelmRelease',
  'metadata:',
  '  name: grafana',
  '  namespace: web',
  'spec:',
  '  chart:',
  '    spec:',
  '      chart: grafana',
  '  valuesFrom:',
  '    - kind: Secret',
  '      name: grafana-values',
  '  values:',
  '    admin:',
  '      existingSecret: grafana-admin',
  '',
].join('\n');

new RuleTester().run(rule, {
  valid: [
    { name: 'the Secret is defined in the same namespace', repo: app({ 'deployment.yaml': deployment('web-env'), 'secret.yaml': secret('web-env', 'web') }) },
    { name: 'an optional reference', repo: app({ 'deployment.yaml': deployment('web-env', { optional: true }) }) },
    {
      name: 'an ExternalSecret creates the Secret',
      repo: app({
        'deployment.yaml': deployment('web-env'),
        'externalsecret.yaml':
          'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web\n  namespace: web\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: web-env\n',
      }),
    },
    {
      name: 'a cert-manager Certificate writes the Secret that an Ingress reads',
      repo: app({
        'certificate.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: web\nspec:\n  secretName: web-tls\n  issuerRef:\n    kind: ClusterIssuer\n    name: letsencrypt\n',
        'ingress.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: web\nspec:\n  tls:\n    - hosts: [web.example.test]\n      secretName: web-tls\n',
      }),
    },
    {
      name: 'the bootstrap GitRepository credentials and a decryption key that the bootstrap script creates',
      repo: { ...fluxRepo, 'scripts/bootstrap.sh': bootstrapScript },
    },
    {
      name: 'a Secret created in a Markdown runbook with kubectl create secret',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'docs/setup.md': '# Setup\n\nCreate the token first:\n\n```sh\nkubectl create secret generic web-env --namespace web --from-literal=TOKEN="$TOKEN"\n```\n',
      },
    },
    {
      name: 'kubectl create secret without a namespace may create it in any namespace',
      repo: { ...app({ 'deployment.yaml': deployment('web-env') }), 'scripts/setup.sh': '#!/bin/sh\nkubectl create secret generic web-env --from-literal=TOKEN="$TOKEN"\n' },
    },
    {
      name: 'declared in kustodian.yaml under secrets.external',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'kustodian.yaml': 'secrets:\n  external:\n    - name: web-env\n      namespace: web\n      createdBy: manual\n',
      },
    },
    {
      name: 'a referrer that nothing applies is not checked',
      repo: { ...app({ 'secret.yaml': secret('other', 'web') }), 'old/deployment.yaml': deployment('web-env') },
    },
    {
      name: 'the Secret is defined only in a bootstrap folder that Flux does not apply',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'bootstrap/kustomization.yaml': 'resources:\n  - secret.yaml\n',
        'bootstrap/secret.yaml': secret('web-env', 'web'),
      },
    },
    {
      name: 'Secrets that operators create for their resources (Talos ServiceAccount, CloudNativePG Cluster)',
      repo: app({
        'deployment.yaml': deployment('web-db-app'),
        'cluster.yaml': 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: web-db\n  namespace: web\nspec:\n  instances: 1\n',
        'talos.yaml': 'apiVersion: talos.dev/v1alpha1\nkind: ServiceAccount\nmetadata:\n  name: talos-admin\n  namespace: web\nspec:\n  roles: [os:admin]\n',
        'job.yaml':
          'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: talos\n  namespace: web\nspec:\n  template:\n    spec:\n      volumes:\n        - name: talos\n          secret:\n            secretName: talos-admin\n      containers:\n        - name: t\n          image: talosctl\n',
      }),
    },
    {
      name: 'a Deployment reading the Secret that a Helm chart of the same namespace creates for its release',
      repo: app({
        'deployment.yaml': deployment('postgresql'),
        'postgresql.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: postgresql\n  namespace: web\nspec:\n  chart:\n    spec:\n      chart: postgresql\n',
      }),
    },
    {
      name: 'a Secret that reflector copies into the namespace',
      repo: app({
        'deployment.yaml': deployment('registry-auth'),
        'secret.yaml': secret(
          'registry-auth',
          'flux-system',
          '  annotations:\n    reflector.v1.k8s.emberstack.com/reflection-allowed: "true"\n    reflector.v1.k8s.emberstack.com/reflection-auto-enabled: "true"\n    reflector.v1.k8s.emberstack.com/reflection-auto-namespaces: "web,api"\n',
        ),
      }),
    },
    {
      name: 'the secrets list of a ServiceAccount is not a demand',
      repo: app({ 'serviceaccount.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: web\nsecrets:\n  - name: web-token-x7k2p\n' }),
    },
  ],
  invalid: [
    {
      name: 'envFrom to a Secret that nothing defines',
      repo: app({ 'deployment.yaml': deployment('web-env') }),
      findings: [
        {
          messageId: 'missing',
          file: 'apps/web/deployment.yaml',
          line: 14,
          column: 17,
          message: 'Secret web/web-env is referenced by Deployment web/web (spec.template.spec.containers[0].envFrom[0].secretRef.name) but nothing defines it.',
          related: ['target apps/web/deployment.yaml:14'],
        },
      ],
    },
    {
      name: 'one missing Secret that three objects need is one finding, with the other two related',
      repo: app({ 'deployment.yaml': deployment('web-env'), 'worker.yaml': deployment('web-env').replace('name: web\n', 'name: worker\n'), 'cron.yaml': deployment('web-env').replace('name: web\n', 'name: cron\n') }),
      findings: [
        {
          messageId: 'missingMany',
          file: 'apps/web/cron.yaml',
          line: 14,
          message: 'Secret web/web-env is referenced by Deployment web/cron (spec.template.spec.containers[0].envFrom[0].secretRef.name) and 2 more places, but nothing defines it.',
          related: ['target apps/web/cron.yaml:14', 'consumer apps/web/deployment.yaml:14', 'consumer apps/web/worker.yaml:14'],
        },
      ],
    },
    {
      name: 'two objects need a Secret defined only in another namespace',
      repo: app({ 'deployment.yaml': deployment('web-env'), 'worker.yaml': deployment('web-env').replace('name: web\n', 'name: worker\n'), 'secret.yaml': secret('web-env', 'api') }),
      findings: [{ messageId: 'wrongNamespaceMany', file: 'apps/web/deployment.yaml', line: 14, related: ['target apps/web/deployment.yaml:14', 'definition apps/web/secret.yaml:1', 'consumer apps/web/worker.yaml:14'] }],
    },
    {
      name: 'the Secret exists, but in another namespace',
      repo: app({ 'deployment.yaml': deployment('web-env'), 'secret.yaml': secret('web-env', 'api') }),
      findings: [
        {
          messageId: 'wrongNamespace',
          file: 'apps/web/deployment.yaml',
          line: 14,
          message: 'Secret web/web-env is referenced by Deployment web/web (spec.template.spec.containers[0].envFrom[0].secretRef.name), but web-env is defined in namespace api, not web.',
          related: ['target apps/web/deployment.yaml:14', 'definition apps/web/secret.yaml:1'],
        },
      ],
    },
    {
      name: 'a HelmRelease valuesFrom and an existingSecret value, both missing',
      repo: app({ 'helmrelease.yaml': helmRelease }),
      findings: [
        { messageId: 'missing', file: 'apps/web/helmrelease.yaml', line: 12, message: 'Secret web/grafana-values is referenced by HelmRelease web/grafana (spec.valuesFrom[0].name) but nothing defines it.' },
        { messageId: 'missing', file: 'apps/web/helmrelease.yaml', line: 15 },
      ],
    },
    {
      name: 'a Flux decryption key that no script or doc creates (the bootstrap git credentials stay quiet)',
      repo: fluxRepo,
      findings: [
        {
          messageId: 'missing',
          file: 'clusters/home/flux-system/gotk-sync.yaml',
          line: 24,
          message: 'Secret flux-system/sops-age is referenced by Kustomization flux-system/flux-system (spec.decryption.secretRef.name) but nothing defines it.',
        },
      ],
    },
    {
      name: 'a script that only writes the Secret to a file does not create it',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'scripts/make-secret.sh': '#!/bin/sh\nkubectl create secret generic web-env -n web --from-literal=TOKEN="$TOKEN" --dry-run=client -o yaml > web-env.yaml\n',
      },
      findings: [{ messageId: 'missing', file: 'apps/web/deployment.yaml', line: 14 }],
    },
    {
      name: 'a script creates the Secret in another namespace',
      repo: { ...app({ 'deployment.yaml': deployment('web-env') }), 'scripts/setup.sh': '#!/bin/sh\nkubectl -n api create secret generic web-env --from-literal=TOKEN="$TOKEN"\n' },
      findings: [{ messageId: 'wrongNamespace', file: 'apps/web/deployment.yaml', line: 14 }],
    },
    {
      name: 'a GitRepository other than the bootstrap source needs its credentials in git',
      repo: {
        ...fluxRepo,
        'scripts/bootstrap.sh': bootstrapScript,
        'apps/web/kustomization.yaml': 'resources:\n  - secret.yaml\n  - gitrepository.yaml\n',
        'apps/web/gitrepository.yaml':
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: charts\n  namespace: web\nspec:\n  url: ssh://git@example.test/charts\n  secretRef:\n    name: charts-deploy-key\n',
      },
      findings: [{ messageId: 'missing', file: 'apps/web/gitrepository.yaml', line: 9 }],
    },
    {
      name: 'a kustodian.yaml declaration for another namespace does not cover it',
      repo: {
        ...app({ 'deployment.yaml': deployment('web-env') }),
        'kustodian.yaml': 'secrets:\n  external:\n    - name: web-env\n      namespace: api\n      createdBy: manual\n',
      },
      findings: [{ messageId: 'wrongNamespace', file: 'apps/web/deployment.yaml', line: 14 }],
    },
  ],
});

describe('secret-undefined finding data', () => {
  it('names the missing Secret and the reference that needs it, for consumers such as SECRETS.md', () => {
    const [finding] = findingsOf(runRuleTestCase(rule, { name: 'missing', repo: app({ 'deployment.yaml': deployment('web-env') }) }), rule);
    expect(finding?.data).toEqual({ namespace: 'web', name: 'web-env', referrer: 'Deployment web/web', field: 'spec.template.spec.containers[0].envFrom[0].secretRef.name' });
  });
});
