import type { SecretProducer } from './producer.js';

/** Storage operators: object store users and bucket claims get a Secret with their keys; a Ceph cluster gets its keyrings. */
export const STORAGE_PRODUCERS: readonly SecretProducer[] = [
  { resource: 'objectbucket.io/ObjectBucketClaim', secrets: ['{name}'] },
  { resource: 'ceph.rook.io/CephObjectStoreUser', secrets: ['rook-ceph-object-user-{spec.store}-{name}'], docs: 'https://rook.io/docs/rook/latest/Storage-Configuration/Object-Storage-RGW/ceph-object-store-user-crd/' },
  // The Rook operator writes these for a CephCluster, in the cluster's namespace.
  { resource: 'ceph.rook.io/CephCluster', secrets: ['rook-ceph-mon', 'rook-ceph-admin-keyring', 'rook-ceph-dashboard-password', 'rook-ceph-crash-collector-keyring'] },
  // The rook-ceph-cluster chart makes a CephCluster: the same Secrets, in the release's namespace.
  { chart: 'rook-ceph-cluster', secrets: ['rook-ceph-mon', 'rook-ceph-admin-keyring', 'rook-ceph-dashboard-password', 'rook-ceph-crash-collector-keyring'] },
];
