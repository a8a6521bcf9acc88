import { describe, expect, it } from 'vitest';
import { cloudnativePgExtractor } from './cloudnative-pg.js';
import { resolveExtractContext } from './extractor.js';
import { describeReferences, resourceFromYaml } from './testing.js';

const extract = (yaml: string) => describeReferences(cloudnativePgExtractor.extract(resourceFromYaml(yaml), resolveExtractContext()));

describe('cloudnative-pg extractor', () => {
  it('reads the superuser, bootstrap, role and backup Secrets of a Cluster, and its certificates', () => {
    const yaml = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: postgres16, namespace: database}
spec:
  instances: 3
  superuserSecret: {name: postgres-superuser}
  bootstrap:
    initdb: {database: app, owner: app, secret: {name: postgres-app}}
  managed:
    roles:
      - {name: grafana, login: true, passwordSecret: {name: postgres-grafana}}
  backup:
    barmanObjectStore:
      destinationPath: s3://backups/postgres
      s3Credentials:
        accessKeyId: {name: postgres-s3, key: ACCESS_KEY_ID}
        secretAccessKey: {name: postgres-s3, key: ACCESS_SECRET_KEY}
  certificates:
    serverTLSSecret: postgres-server-tls
  imageCatalogRef: {apiGroup: postgresql.cnpg.io, kind: ClusterImageCatalog, name: postgresql}
`;
    expect(extract(yaml).map((r) => r.split(' ').slice(0, 4).join(' '))).toEqual([
      'cloudnative-pg Secret database/postgres-superuser spec.superuserSecret.name',
      'cloudnative-pg Secret database/postgres-app spec.bootstrap.initdb.secret.name',
      'cloudnative-pg Secret database/postgres-grafana spec.managed.roles[0].passwordSecret.name',
      'cloudnative-pg Secret database/postgres-s3 spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name',
      'cloudnative-pg Secret database/postgres-s3 spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name',
      'cloudnative-pg Secret database/postgres-server-tls spec.certificates.serverTLSSecret',
    ]);
  });
});
