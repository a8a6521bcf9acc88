import type { SecretProducer } from './producer.js';

/** Database operators: the Secrets they write with the credentials of a database, a user or a cluster. */
export const DATABASE_PRODUCERS: readonly SecretProducer[] = [
  {
    resource: 'postgresql.cnpg.io/Cluster',
    secrets: ['{name}-app', '{name}-superuser', '{name}-ca', '{name}-server', '{name}-replication'],
    docs: 'https://cloudnative-pg.io/documentation/current/applications/#secrets',
  },
  {
    // Without spec.users, PGO makes one user named like the cluster.
    resource: 'postgres-operator.crunchydata.com/PostgresCluster',
    secrets: ['{name}-pguser-{spec.users[].name ?? name}'],
    docs: 'https://access.crunchydata.com/documentation/postgres-operator/latest/architecture/user-management',
  },
  {
    resource: 'acid.zalan.do/postgresql',
    secrets: ['{spec.users.*|dashes}.{name}.credentials.postgresql.acid.zalan.do', 'postgres.{name}.credentials.postgresql.acid.zalan.do', 'standby.{name}.credentials.postgresql.acid.zalan.do'],
    docs: 'https://postgres-operator.readthedocs.io/en/latest/user/#manifest-roles',
  },
  {
    // ext-postgres-operator (movetokube): <secretName>-<PostgresUser name>.
    resource: 'db.movetokube.com/PostgresUser',
    secrets: ['{spec.secretName}-{name}'],
    docs: 'https://github.com/movetokube/postgres-operator#postgresuser',
  },
  {
    // mariadb-operator generates the root and user passwords it is pointed at.
    resource: 'k8s.mariadb.com/MariaDB',
    secrets: ['{spec.rootPasswordSecretKeyRef.name}', '{spec.passwordSecretKeyRef.name}'],
    docs: 'https://github.com/mariadb-operator/mariadb-operator/blob/main/docs/api_reference.md',
  },
];
