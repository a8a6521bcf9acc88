/** SOPS status of a document, from its `sops:` block and values; no crypto. */
export interface SopsStatus {
  readonly encrypted: boolean;
  /** Top-level keys other than `sops` whose subtree holds at least one ENC[...] value. */
  readonly encryptedPaths: readonly string[];
}

const ENC_VALUE = /^ENC\[AES256_GCM,data:/;

export function isSopsEncryptedValue(value: unknown): boolean {
  return typeof value === 'string' && ENC_VALUE.test(value);
}

/** True when a parsed document carries a SOPS metadata block. */
export function hasSopsMetadata(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const sops = (value as Record<string, unknown>)['sops'];
  return !!sops && typeof sops === 'object' && !Array.isArray(sops) && ('mac' in sops || 'lastmodified' in sops || 'age' in sops);
}

function containsEncrypted(value: unknown): boolean {
  if (isSopsEncryptedValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsEncrypted);
  if (value && typeof value === 'object') return Object.values(value).some(containsEncrypted);
  return false;
}

export function sopsStatus(value: unknown): SopsStatus {
  if (!hasSopsMetadata(value)) return { encrypted: false, encryptedPaths: [] };
  const encryptedPaths = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => k !== 'sops' && containsEncrypted(v))
    .map(([k]) => k);
  return { encrypted: true, encryptedPaths };
}
