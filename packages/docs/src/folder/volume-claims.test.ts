import { describe, expect, it } from 'vitest';
import { modelOf, resourceOf } from '../../test/memory-repo.js';
import { volumeClaimsOf } from './volume-claims.js';

const model = modelOf(
  { data: 'data' },
  {
    'data/pvc.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache, namespace: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
`,
    'data/sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg, namespace: data}
spec:
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {storageClassName: longhorn, resources: {requests: {storage: 10Gi}}}
`,
    'data/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: app, namespace: data}
spec:
  chart: {spec: {chart: app, sourceRef: {kind: HelmRepository, name: charts}}}
  values:
    persistence:
      config: {enabled: true, size: 1Gi, storageClass: fast}
      media: {existingClaim: media}
      off: {enabled: false, size: 9Gi}
`,
  },
);

describe('volumeClaimsOf', () => {
  it('gives a PVC its size and the default class when it names none', () => {
    expect(volumeClaimsOf(resourceOf(model, 'PersistentVolumeClaim', 'cache'))).toEqual([{ name: 'cache', namespace: 'data', size: '5Gi', storageClass: undefined, from: 'PersistentVolumeClaim' }]);
  });

  it('gives each volumeClaimTemplate of a StatefulSet its claim-name pattern', () => {
    expect(volumeClaimsOf(resourceOf(model, 'StatefulSet', 'pg'))).toEqual([{ name: 'data-pg-N', namespace: 'data', size: '10Gi', storageClass: 'longhorn', from: 'StatefulSet pg' }]);
  });

  it('finds enabled persistence with a size in Helm values, not existing claims', () => {
    expect(volumeClaimsOf(resourceOf(model, 'HelmRelease', 'app'))).toEqual([{ name: 'persistence.config', namespace: 'data', size: '1Gi', storageClass: 'fast', from: 'HelmRelease app' }]);
  });
});
