import type { ReferenceExtractor } from './extractor.js';
import { collectReferences, stringAt } from './extractor.js';
import { addSecretSelectors } from './secret-selectors.js';

const CNPG_GROUPS = new Set(['postgresql.cnpg.io', 'barmancloud.cnpg.io']);
/** Certificates a Cluster is given by name (strings, not selectors). */
const CERTIFICATE_FIELDS = ['serverTLSSecret', 'serverCASecret', 'clientCASecret', 'replicationTLSSecret'];

/**
 * CloudNativePG: the Secrets a Cluster reads (superuserSecret,
 * bootstrap initdb/recovery secrets, managed roles' passwordSecret, the
 * backup object store's s3Credentials / azureCredentials / googleCredentials,
 * external clusters' passwords and stores, certificates) and those of a
 * Barman Cloud ObjectStore, in their namespace.
 */
export const cloudnativePgExtractor: ReferenceExtractor = {
  name: 'cloudnative-pg',
  extract(resource) {
    if (!CNPG_GROUPS.has(resource.id.group)) return [];
    const refs = collectReferences(resource, 'cloudnative-pg');
    addSecretSelectors(resource.body['spec'], ['spec'], resource.namespace, refs, (path) => path.includes('inheritedMetadata'));
    for (const field of CERTIFICATE_FIELDS) {
      const name = stringAt(resource.body, ['spec', 'certificates', field]);
      if (name !== undefined) refs.add(['spec', 'certificates', field], { kind: 'Secret', namespace: resource.namespace, name });
    }
    return refs.references;
  },
};
