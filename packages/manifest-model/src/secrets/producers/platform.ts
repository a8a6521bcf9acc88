import type { SecretProducer } from './producer.js';

/** Platform controllers that write Secrets for objects of many kinds. */
export const PLATFORM_PRODUCERS: readonly SecretProducer[] = [
  // Crossplane: every managed resource and claim may write its connection details.
  { resource: '*', secrets: ['{spec.writeConnectionSecretToRef.name}'], namespace: '{spec.writeConnectionSecretToRef.namespace ?? namespace}', docs: 'https://docs.crossplane.io/latest/concepts/managed-resources/#writeconnectionsecrettoref' },
];
