import { certManagerExtractor } from './cert-manager.js';
import { cloudnativePgExtractor } from './cloudnative-pg.js';
import type { ReferenceExtractor } from './extractor.js';
import { externalSecretsExtractor } from './external-secrets.js';
import { fluxOperatorExtractor } from './flux-operator.js';
import { fluxSecretRefsExtractor } from './flux-secret-refs.js';
import { gatewayApiExtractor } from './gateway-api.js';
import { grafanaOperatorExtractor } from './grafana-operator.js';
import { helmReleaseValuesExtractor } from './helm-release-values.js';
import { helmReleaseValuesFromExtractor } from './helm-release-values-from.js';
import { ingressExtractor } from './ingress.js';
import { longhornExtractor } from './longhorn.js';
import { podSpecExtractor } from './pod-spec.js';
import { prometheusOperatorExtractor } from './prometheus-operator.js';
import { sealedSecretExtractor } from './sealed-secret.js';
import { serviceAccountExtractor } from './service-account.js';
import { serviceUrlsExtractor } from './service-urls.js';
import { traefikExtractor } from './traefik.js';
import { volumeClaimTemplateExtractor } from './volume-claim-template.js';

/** Every reference extractor, sorted by name. References of a resource come out in this order. */
export const allExtractors: readonly ReferenceExtractor[] = [
  certManagerExtractor,
  cloudnativePgExtractor,
  externalSecretsExtractor,
  fluxOperatorExtractor,
  fluxSecretRefsExtractor,
  gatewayApiExtractor,
  grafanaOperatorExtractor,
  helmReleaseValuesExtractor,
  helmReleaseValuesFromExtractor,
  ingressExtractor,
  longhornExtractor,
  podSpecExtractor,
  prometheusOperatorExtractor,
  sealedSecretExtractor,
  serviceAccountExtractor,
  serviceUrlsExtractor,
  traefikExtractor,
  volumeClaimTemplateExtractor,
];
