/**
 * Secret manifests kept as templates — `*.yaml.j2`, `*.yaml.tmpl`,
 * `*.yaml.gotmpl`, `*.yaml.tpl` — that a bootstrap renders (with the values
 * of a password manager, `op inject`, minijinja, gomplate) and applies by
 * hand. Flux never applies them, but they are where those Secrets are
 * defined.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import type { SourceLocation } from '../source-location.js';
import { secretMaterialKeys } from './secret-values.js';

const TEMPLATE_MANIFEST = /\.ya?ml\.(j2|jinja2?|tmpl|tpl|gotmpl)$/;

/** A Secret manifest in a template. */
export interface TemplateSecret {
  readonly name: string;
  /** undefined: the template does not say (it lands where it is applied). */
  readonly namespace: string | undefined;
  readonly location: SourceLocation;
  /** Its data and stringData keys. */
  readonly keys: readonly string[];
  /** A value holds secret material as written (not a reference such as op://, not a template expression). */
  readonly clear: boolean;
}

/** The Secret manifests of the repository's manifest templates; a template that is not YAML once its template lines are set aside gives none. */
export function templateSecrets(files: readonly RepositoryFile[], store: DocumentStore): TemplateSecret[] {
  const out: TemplateSecret[] = [];
  for (const file of files) {
    if (file.chartRoot !== undefined || !TEMPLATE_MANIFEST.test(file.path)) continue;
    const text = store.text(file.path);
    if (text === undefined) continue;
    // Lines that are only a template statement ({% … %}, {{ … }}, {{- … -}}) are blanked, keeping the line numbers.
    const yamlText = text.replace(/^[ \t]*(\{%.*%\}|\{\{.*\}\}|\{#.*#\})[ \t]*$/gm, '');
    const counter = new LineCounter();
    const docs = parseAllDocuments(yamlText, { lineCounter: counter, logLevel: 'silent', uniqueKeys: false });
    for (const doc of Array.isArray(docs) ? docs : []) {
      if (doc.errors.length > 0) continue;
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (!isRecord(value) || value['kind'] !== 'Secret' || value['apiVersion'] !== 'v1') continue;
      const meta = metadataOf(value);
      if (typeof meta['name'] !== 'string') continue;
      const start = doc.contents?.range?.[0] ?? 0;
      const keys = ['data', 'stringData'].flatMap((f) => (isRecord(value[f]) ? Object.keys(value[f] as Record<string, unknown>) : []));
      out.push({
        name: meta['name'],
        namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined,
        location: { file: file.path, line: counter.linePos(start).line, column: 1 },
        keys: [...new Set(keys)].sort(),
        clear: secretMaterialKeys(value).length > 0,
      });
    }
  }
  return out;
}
