import type { SecretProducer } from './producer.js';

/** Secret managers and generators: operators that write a Secret from a store, a vault or a generator. */
export const SECRET_STORE_PRODUCERS: readonly SecretProducer[] = [
  { resource: 'onepassword.com/OnePasswordItem', secrets: ['{name}'] },
  { resource: 'k8s.bitwarden.com/BitwardenSecret', secrets: ['{spec.secretName}'] },
  { resource: 'secrets.hashicorp.com/VaultStaticSecret', secrets: ['{spec.destination.name}'] },
  { resource: 'secrets.hashicorp.com/VaultDynamicSecret', secrets: ['{spec.destination.name}'] },
  { resource: 'secrets.hashicorp.com/VaultPKISecret', secrets: ['{spec.destination.name}'] },
  { resource: 'secrets-store.csi.x-k8s.io/SecretProviderClass', secrets: ['{spec.secretObjects[].secretName}'] },
  { resource: 'isindir.github.com/SopsSecret', secrets: ['{spec.secretTemplates[].name}'] },
  { resource: 'secretgenerator.mittwald.de/StringSecret', secrets: ['{name}'] },
  { resource: 'secretgenerator.mittwald.de/BasicAuth', secrets: ['{name}'] },
  { resource: 'secretgenerator.mittwald.de/SSHKeyPair', secrets: ['{name}'] },
  // Talos: a ServiceAccount (talos.dev) gets a Secret of its own name with the talosconfig.
  { resource: 'talos.dev/ServiceAccount', secrets: ['{name}'] },
];
