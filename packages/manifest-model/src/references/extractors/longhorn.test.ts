import { describe, expect, it } from 'vitest';
import { resolveExtractContext } from './extractor.js';
import { longhornExtractor } from './longhorn.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string, longhornNamespace?: string) =>
  describeReferences(longhornExtractor.extract(resourceFromYaml(yaml), resolveExtractContext({ longhornNamespace })));

describe('longhorn extractor', () => {
  it('reads the backup-target credential Setting in its namespace', () => {
    const yaml = `apiVersion: longhorn.io/v1beta2
kind: Setting
metadata:
  name: backup-target-credential-secret
  namespace: storage
value: minio-credentials
`;
    expect(extract(yaml)).toEqual(['longhorn Secret storage/minio-credentials value L6']);
  });

  it('puts a Setting or BackupTarget without a namespace in the Longhorn namespace', () => {
    const setting = 'apiVersion: longhorn.io/v1beta2\nkind: Setting\nmetadata:\n  name: backup-target-credential-secret\nvalue: s3\n';
    expect(extract(setting)).toEqual(['longhorn Secret longhorn-system/s3 value L5']);
    expect(extract(setting, 'longhorn')).toEqual(['longhorn Secret longhorn/s3 value L5']);
    const target = `apiVersion: longhorn.io/v1beta2
kind: BackupTarget
metadata:
  name: default
spec:
  backupTargetURL: s3://backups@us-east-1/
  credentialSecret: s3-creds
`;
    expect(extract(target)).toEqual(['longhorn Secret longhorn-system/s3-creds spec.credentialSecret L7']);
  });

  it('reads the chart values of a Longhorn HelmRelease in its target namespace', () => {
    const yaml = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: longhorn
  namespace: flux-system
spec:
  targetNamespace: longhorn-system
  values:
    defaultSettings:
      backupTargetCredentialSecret: old-style
    defaultBackupStore:
      backupTarget: s3://backups@us-east-1/
      backupTargetCredentialSecret: new-style
`;
    expect(extract(yaml)).toEqual([
      'longhorn Secret longhorn-system/old-style spec.values.defaultSettings.backupTargetCredentialSecret L10',
      'longhorn Secret longhorn-system/new-style spec.values.defaultBackupStore.backupTargetCredentialSecret L13',
    ]);
  });

  it('ignores other Settings, an empty value and other groups', () => {
    expect(extract('apiVersion: longhorn.io/v1beta2\nkind: Setting\nmetadata: { name: backup-target, namespace: longhorn-system }\nvalue: s3://b@r/\n')).toEqual([]);
    expect(extract('apiVersion: longhorn.io/v1beta2\nkind: Setting\nmetadata: { name: backup-target-credential-secret, namespace: longhorn-system }\nvalue: ""\n')).toEqual([]);
    expect(extract('apiVersion: example.com/v1\nkind: BackupTarget\nmetadata: { name: d, namespace: n }\nspec: { credentialSecret: x }\n')).toEqual([]);
  });
});
