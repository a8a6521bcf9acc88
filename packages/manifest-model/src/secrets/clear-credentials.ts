import type { FieldPath } from '../documents/yaml-document.js';
import { isRecord } from '../resources/resource.js';
import { isPlaceholderValue } from './secret-values.js';

/**
 * Credentials written in clear outside Secrets: in ConfigMaps, HelmRelease
 * values, container env. Found by the name of the field that holds them and
 * by the shape of the value; never returns the value itself.
 *
 * The documented lists (docs/secrets.md, secret-plaintext's page) are these
 * constants: change both together.
 */

/** Field names that hold a credential: `password`, `adminPassword`, `DB_PASSWORD`, `api_key`, `clientSecret`, `token` … */
export const CREDENTIAL_FIELD = /(^|[_.-]|[a-z0-9](?=[A-Z]))(pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?)$/i;

/** Field names that name a credential rather than hold one: `existingSecret`, `passwordSecretRef`, `secretName`, `tokenFile`, `passwordKey` … */
export const CREDENTIAL_REFERENCE_FIELD = /(secret|password|token|key|credentials?)[_-]?(ref|name|file|path|key|keys|env|var|secret|selector|source)s?$|^existing|^use|^(enable|create|generate)|(^|[_.-])(enabled?|length|policy|type|mode|format|url)$/i;

/** `githubConfigSecret`, `pullSecret`, `configFileSecret`: a field named after a Secret holds its name when the value is an object name. */
const SECRET_NAME_FIELD = /[a-z0-9]Secret$/;
const OBJECT_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

/** Values that are placeholders, not credentials. */
const PLACEHOLDER = /^(changeme|change[-_]?me|change[-_]?it|replace[-_]?me|password|secret|token|xxx+|\*+|redacted|todo|tbd|none|null|nil|example|dummy|test|<[^>]*>|\[[^\]]*\]|\$[A-Z_][A-Z0-9_]*|\$\([A-Za-z_][A-Za-z0-9_]*\)|%\([^)]*\)s|ENC\[.*\]|vault:.*|awssm:.*|gcpsm:.*|azkv:.*|file:.*|env:.*|\/[^\s]*)$/i;

/** What kind of credential a value is, by its shape alone (whatever the field is called). */
const SHAPES: readonly (readonly [kind: string, pattern: RegExp])[] = [
  ['a private key', /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/],
  ['a bcrypt hash', /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/],
  ['an argon2 hash', /^\$argon2(id|i|d)\$v=\d+\$/],
  ['an htpasswd line', /^[^:\s]+:(\$2[abxy]\$|\$apr1\$|\{SHA\}|\$argon2)/m],
  ['an AWS access key', /^(AKIA|ASIA)[A-Z0-9]{16}$/],
  ['a GitHub token', /^(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})$/],
  ['a GitLab token', /^glpat-[A-Za-z0-9_-]{20,}$/],
  ['a Slack token', /^xox[abposr]-[A-Za-z0-9-]{10,}$/],
  ['a URL with a password', /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

/** A credential found in clear. */
export interface ClearCredential {
  /** Field path in the object (for a credential inside a config file held in a string, the field holding the file). */
  readonly path: FieldPath;
  /** For a credential inside a config file held in a string: its 1-based line in that string. */
  readonly line?: number;
  /** `a password`, `a private key`, `a URL with a password` … */
  readonly what: string;
}

/** True when the text names no credential: empty, a placeholder, a substitution or template, a store reference. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (isPlaceholderValue(v)) return true;
  if (v.includes('${') || v.includes('{{') || v.includes('$(')) return true;
  return PLACEHOLDER.test(v) || v.length < 4;
}

/** The password of a URL, when it has one that is not a placeholder. */
function urlHoldsPassword(value: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i.exec(value.trim());
  return m !== null && !isPlaceholder(decodeURIComponentSafe(m[1]!));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What a string in a field of that name holds, if a credential. */
function credentialIn(field: string | undefined, value: string): string | undefined {
  for (const [kind, pattern] of SHAPES) {
    if (!pattern.test(value)) continue;
    if (kind === 'a URL with a password') {
      if (urlHoldsPassword(value)) return kind;
      continue;
    }
    return kind;
  }
  if (field === undefined || value.includes('\n') || !CREDENTIAL_FIELD.test(field) || CREDENTIAL_REFERENCE_FIELD.test(field)) return undefined;
  if (SECRET_NAME_FIELD.test(field) && !/client[_-]?secret$/i.test(field) && OBJECT_NAME.test(value)) return undefined;
  if (isPlaceholder(value) || /^(true|false|yes|no|on|off)$/i.test(value.trim())) return undefined;
  return /pass/i.test(field) ? 'a password' : /key/i.test(field) ? 'a key' : /token/i.test(field) ? 'a token' : 'a secret';
}

/** `key: value` and `key = value` lines of a config file held in a string (ini, properties, .env, YAML). */
const CONFIG_LINE = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^"'\s#][^"'#]*?)["']?\s*(?:[#;].*)?$/;

/**
 * Every credential in clear in a value tree (a ConfigMap's `data`, a
 * HelmRelease's `spec.values`, a container's `env`): strings under a
 * credential-named field (`{name: DB_PASSWORD, value: …}` pairs included)
 * and strings whose shape is a credential, also inside config files held in
 * a string; placeholders and references are not credentials.
 */
export function findClearCredentials(value: unknown, base: FieldPath = []): ClearCredential[] {
  const out: ClearCredential[] = [];
  const walk = (node: unknown, path: FieldPath, field: string | undefined, depth: number): void => {
    if (depth > 64) return;
    if (typeof node === 'string') {
      if (node.includes('\n')) {
        if (SHAPES[0]![1].test(node)) {
          out.push({ path, what: 'a private key' });
          return;
        }
        // A config file in a string: judge its lines.
        node.split('\n').forEach((line, i) => {
          const m = CONFIG_LINE.exec(line);
          const what = m ? credentialIn(m[1], m[2]!.trim()) : credentialIn(undefined, line.trim());
          if (what) out.push({ path, line: i + 1, what });
        });
        return;
      }
      const what = credentialIn(field, node);
      if (what) out.push({ path, what });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], field, depth + 1));
      return;
    }
    if (!isRecord(node)) return;
    // A `{name: X_PASSWORD, value: …}` pair, as container env is written.
    if (typeof node['name'] === 'string' && typeof node['value'] === 'string' && Object.keys(node).every((k) => k === 'name' || k === 'value')) {
      const what = credentialIn(node['name'], node['value']);
      if (what) out.push({ path: [...path, 'value'], what });
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key], key, depth + 1);
  };
  walk(value, base, undefined, 0);
  return out;
}
