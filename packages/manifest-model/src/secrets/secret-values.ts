import { isRecord } from '../resources/resource.js';

const SUBSTITUTION = /\$\{[^}]*\}/g;
const TEMPLATE = /\{\{[^}]*\}\}/g;
/** References to a secret store that a tool resolves at apply time: 1Password `op://` (`op://vault/item/field`, whose names may hold spaces), vals `ref+<backend>://`, argocd-vault-plugin `<path:…>`. */
const STORE_REFERENCE = /^(op:\/\/[^/\n]+\/[^/\n]+\/[^\n]+|ref\+[a-z0-9]+:\/\/\S+|<path:[^>]+>)$/;

/** A PEM certificate (chain) without a private key: public material, as `ca.crt` of a TLS Secret. */
function isPublicCertificate(text: string): boolean {
  return text.startsWith('-----BEGIN CERTIFICATE-----') && !text.includes('PRIVATE KEY');
}

function isPlaceholderText(text: string): boolean {
  const s = text.trim();
  if (isPublicCertificate(s)) return true;
  // What is left around the substitutions is punctuation at most (`${SCHEME}://${HOST}`).
  const substituted = s.includes('${') || s.includes('{{');
  return s === '' || (substituted && !/[A-Za-z0-9]/.test(s.replace(SUBSTITUTION, '').replace(TEMPLATE, ''))) || STORE_REFERENCE.test(s);
}

/**
 * A Secret value that holds no secret material: empty, only Flux `${VAR}`
 * substitutions (or `{{ … }}` templates) and punctuation, a secret-store
 * reference (1Password `op://`, vals `ref+…://`, argocd-vault-plugin
 * `<path:…>`), or a PEM certificate without a private key. A `data` value
 * (`base64`) is also judged by its decoded text.
 */
export function isPlaceholderValue(value: unknown, base64 = false): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  if (isPlaceholderText(value)) return true;
  if (!base64 || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return false;
  return isPlaceholderText(Buffer.from(value, 'base64').toString('utf8'));
}

/** The keys of a Secret body whose `data` or `stringData` value holds secret material (not a placeholder). */
export function secretMaterialKeys(body: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const section of ['data', 'stringData'] as const) {
    const values = body[section];
    if (!isRecord(values)) continue;
    for (const [key, value] of Object.entries(values)) if (!isPlaceholderValue(value, section === 'data')) keys.push(key);
  }
  return keys;
}
