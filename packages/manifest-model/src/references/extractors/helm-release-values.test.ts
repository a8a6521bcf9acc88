import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { helmReleaseValuesExtractor } from './helm-release-values.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(helmReleaseValuesExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

const HEADER = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
  namespace: flux-system
spec:
  targetNamespace: media
`;

describe('helm-release-values extractor', () => {
  it('finds well-known Secret, ConfigMap and claim names in values, in the target namespace', () => {
    const yaml = `${HEADER}  values:
    auth:
      existingSecret: app-auth
    smtp:
      existingSecretName: app-smtp
    metrics:
      secretName: app-metrics
    persistence:
      config:
        existingClaim: app-config
      files:
        type: configMap
        name: app-files
      token:
        type: secret
        name: app-token
      generated:
        type: configMap
        identifier: config
    env:
      - name: KEY
        valueFrom:
          secretKeyRef:
            name: app-key
            key: api-key
    envFrom:
      - secretRef:
          name: app-env
          optional: true
      - configMapRef:
          name: app-env-config
    volumes:
      - name: cache
        persistentVolumeClaim:
          claimName: app-cache
      - name: extra
        configMap:
          name: app-extra
    imagePullSecrets:
      - name: registry
      - registry-2
`;
    expect(extract(yaml)).toEqual([
      'helm-release-values Secret media/app-auth spec.values.auth.existingSecret L10',
      'helm-release-values Secret media/app-smtp spec.values.smtp.existingSecretName L12',
      'helm-release-values Secret media/app-metrics spec.values.metrics.secretName L14',
      'helm-release-values PersistentVolumeClaim media/app-config spec.values.persistence.config.existingClaim L17',
      'helm-release-values ConfigMap media/app-files spec.values.persistence.files.name L20',
      'helm-release-values Secret media/app-token spec.values.persistence.token.name L23',
      'helm-release-values Secret media/app-key spec.values.env[0].valueFrom.secretKeyRef.name L31 [api-key]',
      'helm-release-values Secret media/app-env spec.values.envFrom[0].secretRef.name L35 optional',
      'helm-release-values ConfigMap media/app-env-config spec.values.envFrom[1].configMapRef.name L38',
      'helm-release-values PersistentVolumeClaim media/app-cache spec.values.volumes[0].persistentVolumeClaim.claimName L42',
      'helm-release-values ConfigMap media/app-extra spec.values.volumes[1].configMap.name L45',
      'helm-release-values Secret media/registry spec.values.imagePullSecrets[0].name L47',
      'helm-release-values Secret media/registry-2 spec.values.imagePullSecrets[1] L48',
    ]);
  });

  it('expands {{ .Release.Name }} (Flux default name `<targetNamespace>-<name>`) and skips other templates', () => {
    const yaml = `${HEADER}  values:
    controllers:
      app:
        containers:
          app:
            envFrom:
              - secretRef:
                  name: "{{ .Release.Name }}-secret"
              - secretRef:
                  name: "{{ include \\"app.fullname\\" . }}"
    persistence:
      config:
        existingClaim: "{{- .Release.Name -}}"
      other:
        existingClaim: \${CLAIM}
`;
    expect(extract(yaml)).toEqual([
      'helm-release-values Secret media/media-app-secret spec.values.controllers.app.containers.app.envFrom[0].secretRef.name L15',
      'helm-release-values PersistentVolumeClaim media/media-app spec.values.persistence.config.existingClaim L20',
    ]);
  });

  it('uses spec.releaseName and the HelmRelease namespace when there is no targetNamespace', () => {
    const yaml = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: app, namespace: apps }
spec:
  releaseName: my-app
  values:
    existingSecret: "{{ .Release.Name }}-creds"
`;
    expect(extract(yaml)).toEqual(['helm-release-values Secret apps/my-app-creds spec.values.existingSecret L7']);
  });

  it('keeps precision: no TLS secretName, no unknown keys, no non-string or empty values, no other kinds', () => {
    const yaml = `${HEADER}  values:
    ingress:
      tls:
        - secretName: app-tls
          hosts: [app.example.com]
    tls:
      secretName: other-tls
    secret: app-not-a-reference
    secretKey: password
    existingSecret: ""
    auth:
      existingSecret: true
    name: app
    configMap:
      name: not-under-volumes
    persistence:
      data:
        type: persistentVolumeClaim
        name: not-an-existing-claim
`;
    expect(extract(yaml)).toEqual([]);
    expect(extract('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: n }\nspec:\n  values:\n    existingSecret: s\n')).toEqual([]);
  });
});
