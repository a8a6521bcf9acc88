import type { ReferenceExtractor } from './extractor.js';
import { collectReferences } from './extractor.js';
import { addSecretSelectors } from './secret-selectors.js';

const GRAFANA_GROUP = 'grafana.integreatly.org';

/**
 * grafana-operator: the Secrets and ConfigMaps a Grafana (external admin
 * credentials, the deployment's env), a GrafanaDatasource (`valuesFrom`
 * secretKeyRef/configMapKeyRef) and the other grafana.integreatly.org kinds
 * read, in their namespace.
 */
export const grafanaOperatorExtractor: ReferenceExtractor = {
  name: 'grafana-operator',
  extract(resource) {
    if (resource.id.group !== GRAFANA_GROUP) return [];
    const refs = collectReferences(resource, 'grafana-operator');
    // spec.config is grafana.ini: its sections have `name` keys that are not object names.
    addSecretSelectors(resource.body['spec'], ['spec'], resource.namespace, refs, (path) => path[1] === 'config');
    return refs.references;
  },
};
