import { describe, expect, it } from 'vitest';
import { DATABASE_PRODUCERS } from './databases.js';
import { PLATFORM_PRODUCERS } from './platform.js';
import type { SecretProducer } from './producer.js';
import { expandTemplate } from './producer.js';
import { SECRET_STORE_PRODUCERS } from './secret-stores.js';
import { STORAGE_PRODUCERS } from './storage.js';
import { SECRET_PRODUCERS } from './index.js';

/** The Secrets a family's producer for `what` names for an object: what the catalogue defines. */
function produced(family: readonly SecretProducer[], what: string, body: Record<string, unknown>, name: string, namespace = 'apps'): string[] {
  const producer = family.find((p) => ('resource' in p ? p.resource : p.chart) === what);
  if (!producer) throw new Error(`no producer for ${what}`);
  const self = { name, namespace };
  const namespaces = 'namespace' in producer && producer.namespace !== undefined ? expandTemplate(producer.namespace, body, self) : [namespace];
  return namespaces.flatMap((ns) => producer.secrets.flatMap((t) => expandTemplate(t, body, self)).map((s) => `${ns}/${s}`));
}

describe('expandTemplate', () => {
  const body = { spec: { store: 'my-store', users: [{ name: 'app' }, { name: 'ro' }], roles: { app_user: [], admin: [] }, empty: '' } };
  const self = { name: 'db', namespace: 'data' };
  it('reads the name, fields, list items and map keys, one name per value', () => {
    expect(expandTemplate('{name}-x', body, self)).toEqual(['db-x']);
    expect(expandTemplate('rook-{spec.store}-{name}', body, self)).toEqual(['rook-my-store-db']);
    expect(expandTemplate('{name}-{spec.users[].name}', body, self)).toEqual(['db-app', 'db-ro']);
    expect(expandTemplate('{spec.roles.*|dashes}.{name}', body, self)).toEqual(['app-user.db', 'admin.db']);
  });
  it('names nothing when a field is missing or empty, and takes the first alternative that has a value', () => {
    expect(expandTemplate('{spec.missing}', body, self)).toEqual([]);
    expect(expandTemplate('{spec.empty}-x', body, self)).toEqual([]);
    expect(expandTemplate('{spec.missing[].name ?? name}', body, self)).toEqual(['db']);
    expect(expandTemplate('{namespace}', body, self)).toEqual(['data']);
  });
});

describe('database producers', () => {
  it('CloudNativePG: <cluster>-app, -superuser, -ca, -server, -replication', () => {
    expect(produced(DATABASE_PRODUCERS, 'postgresql.cnpg.io/Cluster', {}, 'postgres16')).toEqual(['app', 'superuser', 'ca', 'server', 'replication'].map((s) => `apps/postgres16-${s}`));
  });
  it('Crunchy PGO: <cluster>-pguser-<user>, or one user named like the cluster', () => {
    expect(produced(DATABASE_PRODUCERS, 'postgres-operator.crunchydata.com/PostgresCluster', { spec: { users: [{ name: 'immich' }] } }, 'pg')).toEqual(['apps/pg-pguser-immich']);
    expect(produced(DATABASE_PRODUCERS, 'postgres-operator.crunchydata.com/PostgresCluster', { spec: {} }, 'pg')).toEqual(['apps/pg-pguser-pg']);
  });
  it('Zalando: <user>.<cluster>.credentials.postgresql.acid.zalan.do, underscores as dashes', () => {
    expect(produced(DATABASE_PRODUCERS, 'acid.zalan.do/postgresql', { spec: { users: { app_owner: [] } } }, 'acid-main')).toEqual([
      'apps/app-owner.acid-main.credentials.postgresql.acid.zalan.do',
      'apps/postgres.acid-main.credentials.postgresql.acid.zalan.do',
      'apps/standby.acid-main.credentials.postgresql.acid.zalan.do',
    ]);
  });
  it('ext-postgres-operator: <secretName>-<PostgresUser name>', () => {
    expect(produced(DATABASE_PRODUCERS, 'db.movetokube.com/PostgresUser', { spec: { role: 'homeassistant', secretName: 'database' } }, 'homeassistant-user')).toEqual(['apps/database-homeassistant-user']);
  });
  it('mariadb-operator: the root and user password Secrets it generates', () => {
    expect(produced(DATABASE_PRODUCERS, 'k8s.mariadb.com/MariaDB', { spec: { rootPasswordSecretKeyRef: { name: 'mariadb-root', key: 'password', generate: true } } }, 'mariadb')).toEqual(['apps/mariadb-root']);
  });
});

describe('secret store producers', () => {
  it('write the Secret named after the object or the one it names', () => {
    expect(produced(SECRET_STORE_PRODUCERS, 'onepassword.com/OnePasswordItem', {}, 'paperless')).toEqual(['apps/paperless']);
    expect(produced(SECRET_STORE_PRODUCERS, 'k8s.bitwarden.com/BitwardenSecret', { spec: { secretName: 'bw' } }, 'x')).toEqual(['apps/bw']);
    expect(produced(SECRET_STORE_PRODUCERS, 'secrets.hashicorp.com/VaultStaticSecret', { spec: { destination: { name: 'db-creds', create: true } } }, 'x')).toEqual(['apps/db-creds']);
    expect(produced(SECRET_STORE_PRODUCERS, 'secrets-store.csi.x-k8s.io/SecretProviderClass', { spec: { secretObjects: [{ secretName: 'a' }, { secretName: 'b' }] } }, 'x')).toEqual(['apps/a', 'apps/b']);
    expect(produced(SECRET_STORE_PRODUCERS, 'isindir.github.com/SopsSecret', { spec: { secretTemplates: [{ name: 'one' }] } }, 'x')).toEqual(['apps/one']);
    expect(produced(SECRET_STORE_PRODUCERS, 'talos.dev/ServiceAccount', {}, 'talos-api')).toEqual(['apps/talos-api']);
  });
});

describe('storage producers', () => {
  it('object store users, bucket claims and the keyrings of a Ceph cluster, from its CR or its chart', () => {
    expect(produced(STORAGE_PRODUCERS, 'ceph.rook.io/CephObjectStoreUser', { spec: { store: 'ceph-objectstore' } }, 'loki')).toEqual(['apps/rook-ceph-object-user-ceph-objectstore-loki']);
    expect(produced(STORAGE_PRODUCERS, 'objectbucket.io/ObjectBucketClaim', {}, 'thanos')).toEqual(['apps/thanos']);
    expect(produced(STORAGE_PRODUCERS, 'rook-ceph-cluster', {}, 'rook-ceph-cluster', 'rook-ceph')).toContain('rook-ceph/rook-ceph-mon');
  });
});

describe('platform producers', () => {
  it('Crossplane: any object with writeConnectionSecretToRef, in the namespace it names', () => {
    expect(produced(PLATFORM_PRODUCERS, '*', { spec: { writeConnectionSecretToRef: { name: 'db-conn', namespace: 'crossplane-system' } } }, 'rds', 'default')).toEqual(['crossplane-system/db-conn']);
    expect(produced(PLATFORM_PRODUCERS, '*', { spec: { writeConnectionSecretToRef: { name: 'claim-conn' } } }, 'claim', 'apps')).toEqual(['apps/claim-conn']);
    expect(produced(PLATFORM_PRODUCERS, '*', { spec: {} }, 'x')).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has every family, each producer once, with a name template for each Secret', () => {
    const keys = SECRET_PRODUCERS.map((p) => ('resource' in p ? `resource ${p.resource}` : `chart ${p.chart}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(SECRET_PRODUCERS.length).toBe(DATABASE_PRODUCERS.length + SECRET_STORE_PRODUCERS.length + STORAGE_PRODUCERS.length + PLATFORM_PRODUCERS.length);
    expect(SECRET_PRODUCERS.every((p) => p.secrets.length > 0 && p.secrets.every((t) => t.includes('{') || /^[a-z0-9-]+$/.test(t)))).toBe(true);
  });
});
