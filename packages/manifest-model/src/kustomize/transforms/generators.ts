import type { DiagnosticCode } from '../../diagnostic.js';
import { basename } from '../../fs/file-system.js';
import { isRecord } from '../../resources/resource.js';
import type { SourceLocation } from '../../source-location.js';
import type { GeneratorEntry } from '../kustomization-file.js';
import type { WorkingObject } from '../working-object.js';
import { apiVersionOf, createObject, describeObject, hadId, kindOf, metadata, nameOf, namespaceOf } from '../working-object.js';

export type GeneratorKind = 'configMapGenerator' | 'secretGenerator';

/** What a generator needs from the build: file contents and a place for problems. */
export interface GeneratorIo {
  /** A generator source (a `files` or `envs` entry, relative to the kustomization folder): its repository path and bytes; undefined when unreadable (already reported). */
  read(path: string, location: SourceLocation): { readonly path: string; readonly bytes: Uint8Array } | undefined;
  report(code: DiagnosticCode, severity: 'error' | 'warning', message: string, location: SourceLocation): void;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function asText(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `key=value` of a literal; quotes around the whole value are dropped, as kustomize does. */
export function parseLiteral(source: string): { key: string; value: string } | undefined {
  const eq = source.indexOf('=');
  if (eq <= 0) return undefined;
  let value = source.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
  return { key: source.slice(0, eq), value };
}

/**
 * Lines of an env file: `KEY=VALUE`, leading white space trimmed, blank
 * lines and `#` comments skipped, the value kept verbatim. A line without
 * `=` takes its value from the environment of whoever builds; that is
 * unknown here and taken as empty (what kustomize gives an unset variable).
 */
export function parseEnvFile(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw) => {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      out.push(eq < 0 ? { key: line, value: '' } : { key: line.slice(0, eq), value: line.slice(eq + 1) });
    });
  return out;
}

/**
 * Base64 as kustomize writes generated data: lines of 70 characters, each
 * ending with a newline once there is more than one line's worth (the hash
 * suffix is computed over this text, so it matters).
 */
export function wrappedBase64(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString('base64');
  if (encoded.length < 70) return encoded;
  return encoded.replace(/.{1,70}/g, '$&\n');
}

/**
 * One configMapGenerator / secretGenerator entry → a ConfigMap or Secret,
 * before any hash suffix (added when the build ends, like kustomize).
 */
export function generateObject(entry: GeneratorEntry, generator: GeneratorKind, io: GeneratorIo): WorkingObject | undefined {
  const kind = generator === 'configMapGenerator' ? 'ConfigMap' : 'Secret';
  if (!entry.name) {
    io.report('kustomize-generator-invalid', 'error', `${generator} entry has no name`, entry.location);
    return undefined;
  }
  const pairs: { key: string; bytes: Uint8Array | string }[] = [];
  const sources: string[] = [];
  for (const literal of entry.literals) {
    const kv = parseLiteral(literal);
    if (kv) pairs.push({ key: kv.key, bytes: kv.value });
    else io.report('kustomize-generator-invalid', 'error', `literal "${literal.split('=')[0]}" of ${kind} ${entry.name} is not key=value`, entry.location);
  }
  for (const source of entry.files) {
    const eq = source.indexOf('=');
    const key = eq < 0 ? basename(source) : source.slice(0, eq);
    const path = eq < 0 ? source : source.slice(eq + 1);
    if (key === '' || path === '') {
      io.report('kustomize-generator-invalid', 'error', `file source "${source}" of ${kind} ${entry.name} must be [key=]path`, entry.location);
      continue;
    }
    const read = io.read(path, entry.location);
    if (read) {
      sources.push(read.path);
      pairs.push({ key, bytes: read.bytes });
    }
  }
  for (const envFile of entry.envs) {
    const read = io.read(envFile, entry.location);
    if (!read) continue;
    sources.push(read.path);
    for (const kv of parseEnvFile(lenientUtf8.decode(read.bytes))) pairs.push({ key: kv.key, bytes: kv.value });
  }

  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const { key, bytes } of pairs) {
    if (key in data || key in binaryData) {
      io.report('kustomize-generator-invalid', 'error', `${kind} ${entry.name} gets key ${key} twice; kustomize refuses duplicate keys`, entry.location);
      continue;
    }
    if (kind === 'Secret') data[key] = wrappedBase64(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
    else if (typeof bytes === 'string') data[key] = bytes;
    else {
      const text = asText(bytes);
      if (text !== undefined) data[key] = text;
      else binaryData[key] = wrappedBase64(bytes);
    }
  }

  const meta: Record<string, unknown> = { name: entry.name };
  if (entry.namespace) meta['namespace'] = entry.namespace;
  if (entry.options.labels && Object.keys(entry.options.labels).length > 0) meta['labels'] = { ...entry.options.labels };
  if (entry.options.annotations && Object.keys(entry.options.annotations).length > 0) meta['annotations'] = { ...entry.options.annotations };
  const body: Record<string, unknown> = { apiVersion: 'v1', kind, metadata: meta };
  if (Object.keys(data).length > 0) body['data'] = data;
  if (Object.keys(binaryData).length > 0) body['binaryData'] = binaryData;
  if (kind === 'Secret') body['type'] = entry.type ?? 'Opaque';
  if (entry.options.immutable) body['immutable'] = true;
  return createObject(body, { type: 'generator', generator, location: entry.location, sources: [...new Set(sources)].sort(), literals: entry.literals.length }, !entry.options.disableNameSuffixHash);
}

const stringMap = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/**
 * Adds a generated object to the accumulated ones per its `behavior`:
 * `create` needs a new identity; `merge` and `replace` need exactly one
 * existing ConfigMap/Secret with that (current or earlier) name and
 * namespace, whose name, namespace, labels and annotations it keeps (merge
 * also keeps its data). The result keeps the hash suffix only when both had
 * it. The existing object is updated in place (it keeps its history).
 */
export function absorbGenerated(objects: WorkingObject[], generated: WorkingObject, behavior: GeneratorEntry['behavior'], location: SourceLocation, report: GeneratorIo['report']): void {
  const name = nameOf(generated);
  const matches = objects.filter((o) => kindOf(o) === kindOf(generated) && apiVersionOf(o) === 'v1' && hadId(o, name, namespaceOf(generated)));
  if (matches.length === 0) {
    if (behavior === 'create') objects.push(generated);
    else report('kustomize-generator-invalid', 'error', `${behavior} of ${describeObject(generated)}: no ${kindOf(generated)} with that name and namespace exists to ${behavior}`, location);
    return;
  }
  if (matches.length > 1) {
    report('kustomize-generator-invalid', 'error', `${describeObject(generated)} matches several objects; kustomize cannot tell which to ${behavior}`, location);
    return;
  }
  const old = matches[0]!;
  if (behavior === 'create') {
    report('kustomize-generator-invalid', 'error', `${describeObject(generated)} already exists; a generator for an existing object needs behavior: merge or replace`, location);
    return;
  }
  const oldMeta = metadata(old);
  const newMeta = metadata(generated);
  for (const field of ['labels', 'annotations']) {
    const merged = { ...stringMap(oldMeta[field]), ...stringMap(newMeta[field]) };
    if (Object.keys(merged).length > 0) newMeta[field] = merged;
  }
  newMeta['name'] = oldMeta['name'];
  if (oldMeta['namespace'] !== undefined) newMeta['namespace'] = oldMeta['namespace'];
  else delete newMeta['namespace'];
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      const merged = { ...stringMap(old.body[field]), ...stringMap(generated.body[field]) };
      if (Object.keys(merged).length > 0) generated.body[field] = merged;
    }
  }
  old.body = generated.body;
  if (behavior === 'replace') old.origin = generated.origin;
  old.needsHash = old.needsHash && generated.needsHash;
}
