import { isPlaceholderValue, valueAt } from '@kustodian/manifest-model';
import type { FieldPath, RepositoryModel, YamlDocument } from '@kustodian/manifest-model';
import type { InspectionResult } from '@kustodian/sops';
import { inspectRepositoryFile } from '../sops/sops-utils.js';
import type { FindingResourceInput } from '../../engine/finding.js';

// Shared by secret-plaintext and secret-value-leak: no rule imports another.

/** One Secret document of a manifest file, inspected without a key. */
export interface InspectedSecret {
  readonly file: string;
  readonly result: InspectionResult;
  /** The parsed document (absent when it has YAML errors). */
  readonly document: YamlDocument | undefined;
  /** `namespace/name` as applied (the model's namespace when the file is built), else as written. */
  readonly label: string;
  readonly resource: FindingResourceInput;
}

/** `kind: Secret` somewhere in a file (YAML or JSON), not `kind: SecretStore`. */
const SECRET_KIND = /kind["']?\s*:\s*["']?Secret(?![\w-])/;

const inspectedCache = new WeakMap<RepositoryModel, readonly InspectedSecret[]>();

/** Every document of kind Secret in a manifest file, applied or not, with its SOPS inspection. */
export function inspectSecretManifests(model: RepositoryModel): readonly InspectedSecret[] {
  // secret-plaintext and secret-value-leak read the same inspection: it is made once per model.
  const cached = inspectedCache.get(model);
  if (cached) return cached;
  const out: InspectedSecret[] = [];
  for (const file of model.files) {
    if (file.role !== 'manifest') continue;
    const text = model.store.text(file.path);
    if (!text || !SECRET_KIND.test(text)) continue;
    const documents = model.store.documents(file.path) ?? [];
    for (const result of inspectRepositoryFile(model, file.path, text) ?? []) {
      if (result.kind !== 'Secret' || result.status === 'not-a-secret') continue;
      const document = documents.find((d) => d.index === result.documentIndex);
      const built = document ? model.builtFrom(document.file, document.index) : undefined;
      const name = result.name ?? '(unnamed)';
      const namespace = built?.namespace ?? result.namespace;
      out.push({
        file: file.path,
        result,
        document,
        label: namespace ? `${namespace}/${name}` : name,
        resource: built ?? { apiVersion: 'v1', kind: 'Secret', namespace, name },
      });
    }
  }
  inspectedCache.set(model, out);
  return out;
}

/** The value a Secret field path holds in the document, judged as a placeholder or not. */
export function isPlaceholderField(document: YamlDocument | undefined, path: FieldPath): boolean {
  // Without a parsed document (YAML errors) nothing can be ruled out.
  if (!document) return false;
  return isPlaceholderValue(valueAt(document.value, path), path[0] === 'data');
}

