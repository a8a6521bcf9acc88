import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { externalSecretsExtractor } from './external-secrets.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(externalSecretsExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('external-secrets extractor', () => {
  it('makes an ExternalSecret define its target (metadata.name by default) and refer to its store', () => {
    const yaml = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: app
  namespace: apps
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  dataFrom:
    - extract:
        key: app
`;
    expect(extract(yaml)).toEqual([
      'external-secret Secret apps/app metadata.name L4 defines',
      'external-secret external-secrets.io/ClusterSecretStore -/onepassword spec.secretStoreRef.name L9',
    ]);
  });

  it('uses spec.target.name, template sources and per-source stores', () => {
    const yaml = `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: app-es
  namespace: apps
spec:
  secretStoreRef:
    name: vault
  target:
    name: app-secret
    template:
      templateFrom:
        - configMap:
            name: app-template
            items: [{ key: config.yaml }]
  data:
    - secretKey: password
      sourceRef:
        storeRef:
          name: other
          kind: SecretStore
      remoteRef: { key: app/password }
`;
    expect(extract(yaml)).toEqual([
      'external-secret Secret apps/app-secret spec.target.name L10 defines',
      'external-secret external-secrets.io/SecretStore apps/vault spec.secretStoreRef.name L8',
      'external-secret external-secrets.io/SecretStore apps/other spec.data[0].sourceRef.storeRef.name L20',
      'external-secret ConfigMap apps/app-template spec.target.template.templateFrom[0].configMap.name L14',
    ]);
  });

  it('treats creationPolicy Merge as a reference and None as nothing', () => {
    const merge = 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: a, namespace: n }\nspec:\n  target: { name: existing, creationPolicy: Merge }\n';
    expect(extract(merge)).toEqual(['external-secret Secret n/existing spec.target.name L5']);
    const none = 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: a, namespace: n }\nspec:\n  target: { creationPolicy: None }\n';
    expect(extract(none)).toEqual([]);
  });

  it('finds provider credentials of a SecretStore in its namespace and of a ClusterSecretStore only where a namespace is written', () => {
    const store = `apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: { name: aws, namespace: apps }
spec:
  provider:
    aws:
      service: SecretsManager
      auth:
        secretRef:
          accessKeyIDSecretRef:
            name: aws-creds
            key: access-key
          secretAccessKeySecretRef:
            name: aws-creds
            key: secret-key
`;
    expect(extract(store)).toEqual([
      'external-secret Secret apps/aws-creds spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.name L11 [access-key]',
      'external-secret Secret apps/aws-creds spec.provider.aws.auth.secretRef.secretAccessKeySecretRef.name L14 [secret-key]',
    ]);
    const cluster = `apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata: { name: onepassword }
spec:
  provider:
    onepassword:
      connectHost: http://onepassword-connect.external-secrets.svc.cluster.local:8080
      auth:
        secretRef:
          connectTokenSecretRef:
            name: onepassword-connect
            namespace: external-secrets
            key: token
    bitwarden:
      auth:
        secretRef:
          credentials: { name: bw, key: token }
      caProvider: { type: ConfigMap, name: bw-ca, namespace: external-secrets, key: ca.crt }
`;
    expect(extract(cluster)).toEqual([
      'external-secret Secret external-secrets/onepassword-connect spec.provider.onepassword.auth.secretRef.connectTokenSecretRef.name L11 [token]',
      'external-secret ConfigMap external-secrets/bw-ca spec.provider.bitwarden.caProvider.name L18 [ca.crt]',
    ]);
  });

  it('reads the Secret a PushSecret pushes', () => {
    const yaml = `apiVersion: external-secrets.io/v1alpha1
kind: PushSecret
metadata: { name: push, namespace: apps }
spec:
  secretStoreRefs:
    - name: vault
  selector:
    secret:
      name: generated
`;
    expect(extract(yaml)).toEqual([
      'external-secret Secret apps/generated spec.selector.secret.name L9',
      'external-secret external-secrets.io/SecretStore apps/vault spec.secretStoreRefs[0].name L6',
    ]);
  });

  it('ignores other groups', () => {
    expect(extract('apiVersion: example.com/v1\nkind: ExternalSecret\nmetadata: { name: a, namespace: n }\nspec: {}\n')).toEqual([]);
  });
});
