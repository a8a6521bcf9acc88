/**
 * Secret manifests kept as templates — `*.yaml.j2`, `*.yaml.tmpl`,
 * `*.yaml.gotmpl`, `*.yaml.tpl` — that a bootstrap renders (with the values
 * of a password manager, `op inject`, minijinja, gomplate) and applies by
 * hand. Flux never applies them, but they are where those Secrets are
 * defined.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import type { DocumentStore } from '../documents/document-store.js';
import type { RepositoryFile } from '../files/walk-repository.js';
import { isRecord, metadataOf } from '../resources/resource.js';
import type { SourceLocation } from '../source-location.js';
import { blankTemplateLines } from '../text/template-lines.js';
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
    const text = store.rawText(file.path);
    if (text === undefined) continue;
    const lines = blankTemplateLines(text).split('\n');
    // One document per `---`; each is read on its own (a template may break one and not the others).
    let start = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && !/^---\s*$/.test(lines[i]!)) continue;
      const body = lines.slice(start, i);
      const first = body.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
      const docStart = start;
      start = i + 1;
      if (first < 0) continue;
      let value: unknown;
      try {
        value = load(body.join('\n'), { schema: CORE_SCHEMA, json: true });
      } catch {
        continue;
      }
      if (!isRecord(value) || value['kind'] !== 'Secret' || value['apiVersion'] !== 'v1') continue;
      const meta = metadataOf(value);
      if (typeof meta['name'] !== 'string') continue;
      const keys = ['data', 'stringData'].flatMap((f) => (isRecord(value[f]) ? Object.keys(value[f] as Record<string, unknown>) : []));
      out.push({
        name: meta['name'],
        namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined,
        location: { file: file.path, line: docStart + first + 1, column: 1 },
        keys: [...new Set(keys)].sort(),
        clear: secretMaterialKeys(value).length > 0,
      });
    }
  }
  return out;
}
