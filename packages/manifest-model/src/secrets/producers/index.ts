import { DATABASE_PRODUCERS } from './databases.js';
import { PLATFORM_PRODUCERS } from './platform.js';
import type { SecretProducer } from './producer.js';
import { SECRET_STORE_PRODUCERS } from './secret-stores.js';
import { STORAGE_PRODUCERS } from './storage.js';

export type { ChartSecretProducer, ResourceSecretProducer, SecretProducer } from './producer.js';
export { expandTemplate } from './producer.js';

/** Every producer Kustodian knows; kustodian.yaml `secrets.producers` adds the repository's own. */
export const SECRET_PRODUCERS: readonly SecretProducer[] = [...DATABASE_PRODUCERS, ...SECRET_STORE_PRODUCERS, ...STORAGE_PRODUCERS, ...PLATFORM_PRODUCERS];
