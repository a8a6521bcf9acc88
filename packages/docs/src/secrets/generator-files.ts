import type { RepositoryModel, Resource } from '@kustodian/manifest-model';
import { dirname, isRecord, joinPath } from '@kustodian/manifest-model';
import { inspectSopsFile } from '@kustodian/sops';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The secretGenerator entry of a generated Secret: the entry at the resource's location. */
function generatorEntry(model: RepositoryModel, resource: Resource): Record<string, unknown> | undefined {
  for (const doc of model.store.documents(resource.location.file) ?? []) {
    if (!isRecord(doc.value) || !Array.isArray(doc.value['secretGenerator'])) continue;
    const entries = doc.value['secretGenerator'].filter(isRecord);
    const named = entries.filter((e) => typeof e['name'] === 'string' && resource.name.includes(e['name']));
    // Several entries can share a prefix (db, db-admin): the longest name that the Secret's name holds.
    named.sort((a, b) => String(b['name']).length - String(a['name']).length);
    if (named[0]) return named[0];
  }
  return undefined;
}

/**
 * The files a generated Secret is made from (relative to the repository
 * root) and whether it is encrypted: no literals, and every file carries
 * SOPS metadata (Flux decrypts those).
 */
export function generatorSourceFiles(model: RepositoryModel, resource: Resource): { files: string[]; encrypted: boolean } {
  const entry = generatorEntry(model, resource);
  if (!entry) return { files: [], encrypted: false };
  const base = dirname(resource.location.file);
  const files = [...strings(entry['files']).map((f) => f.slice(f.indexOf('=') + 1)), ...strings(entry['envs']), ...strings(entry['env'])]
    .map((f) => joinPath(base, f.trim()))
    .filter((f): f is string => f !== undefined)
    .sort();
  const literals = strings(entry['literals']);
  const encrypted =
    files.length > 0 &&
    literals.length === 0 &&
    files.every((file) => {
      const text = model.store.text(file);
      return text !== undefined && inspectSopsFile(text, { file }).some((r) => r.status === 'encrypted');
    });
  return { files, encrypted };
}
