import type { ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences } from './extractor.js';
import { addSecretSelectors } from './secret-selectors.js';

const MONITORING_GROUP = 'monitoring.coreos.com';
const KINDS = new Set(['ServiceMonitor', 'PodMonitor', 'Probe', 'ScrapeConfig', 'AlertmanagerConfig', 'Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler']);

/**
 * prometheus-operator: the Secrets and ConfigMaps its kinds read in their
 * namespace — scrape authentication (basicAuth, bearerTokenSecret,
 * authorization, oauth2), TLS (tlsConfig ca/cert/keySecret), the receivers'
 * API URLs, keys and passwords of an AlertmanagerConfig, and the Secrets and
 * ConfigMaps a Prometheus or Alertmanager mounts (`spec.secrets`,
 * `spec.configMaps`, `additionalScrapeConfigs`).
 */
export const prometheusOperatorExtractor: ReferenceExtractor = {
  name: 'prometheus-operator',
  extract(resource) {
    if (resource.id.group !== MONITORING_GROUP || !KINDS.has(resource.kind)) return [];
    const refs = collectReferences(resource, 'prometheus-operator');
    addSecretSelectors(resource.body['spec'], ['spec'], resource.namespace, refs, (path) => path.includes('podMetadata') || path.includes('containers') || path.includes('initContainers'));
    for (const [field, kind] of [
      ['secrets', 'Secret'],
      ['configMaps', 'ConfigMap'],
    ] as const) {
      arrayAt(resource.body, ['spec', field]).forEach((name, i) => refs.add(['spec', field, i], { kind, namespace: resource.namespace, name }));
    }
    return refs.references;
  },
};
