import { certManagerExtractor } from './cert-manager.js';
import type { ReferenceExtractor } from './extractor.js';
import { externalSecretsExtractor } from './external-secrets.js';
import { fluxSecretRefsExtractor } from './flux-secret-refs.js';
import { helmReleaseValuesExtractor } from './helm-release-values.js';
import { helmReleaseValuesFromExtractor } from './helm-release-values-from.js';
import { ingressExtractor } from './ingress.js';
import { longhornExtractor } from './longhorn.js';
import { podSpecExtractor } from './pod-spec.js';
import { sealedSecretExtractor } from './sealed-secret.js';
import { serviceAccountExtractor } from './service-account.js';
import { serviceUrlsExtractor } from './service-urls.js';
import { traefikExtractor } from './traefik.js';
import { volumeClaimTemplateExtractor } from './volume-claim-template.js';

/** Every reference extractor, sorted by name. References of a resource come out in this order. */
export const allExtractors: readonly ReferenceExtractor[] = [
  certManagerExtractor,
  externalSecretsExtractor,
  fluxSecretRefsExtractor,
  helmReleaseValuesExtractor,
  helmReleaseValuesFromExtractor,
  ingressExtractor,
  longhornExtractor,
  podSpecExtractor,
  sealedSecretExtractor,
  serviceAccountExtractor,
  serviceUrlsExtractor,
  traefikExtractor,
  volumeClaimTemplateExtractor,
];
