import { formatFieldPath } from '../references/extractors/extractor.js';
import type { RepositoryModel } from './repository-model.js';

/** Version of the JSON contract of `kustodian model --format json` (docs/model-json.md). */
export const MODEL_JSON_VERSION = 1;

const idOf = (r: { kind: string; namespace: string | undefined; name: string }) => ({ kind: r.kind, namespace: r.namespace ?? null, name: r.name });

/** The model as the documented, versioned JSON contract. Pure; holds no Secret values. */
export function modelToJson(model: RepositoryModel): unknown {
  return {
    version: MODEL_JSON_VERSION,
    entryPoints: model.entryPoints.map((e) => ({ path: e.path, source: e.source, appliedBy: e.appliedBy ?? null })),
    fluxKustomizations: model.fluxKustomizations.map((k) => ({
      namespace: k.id.namespace ?? null,
      name: k.id.name,
      key: k.key,
      file: k.location.file,
      line: k.location.line,
      path: k.path ?? k.rawPath,
      sourceRef: k.sourceRef ?? null,
      targetNamespace: k.targetNamespace ?? null,
      prune: k.prune,
      decryption: k.decryption ?? null,
      dependsOn: k.dependsOn.map((d) => `${d.namespace}/${d.name}`),
      applied: model.units.some((u) => u.path === k.path && u.appliedBy.includes(k.key)),
    })),
    units: model.units.map((u) => ({
      path: u.path,
      kind: u.kind,
      file: u.file ?? null,
      resources: u.resources.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace ?? null, name: r.name })),
      appliedBy: u.appliedBy,
    })),
    resources: model.resources.map((r) => ({
      apiVersion: r.apiVersion,
      kind: r.kind,
      namespace: r.namespace ?? null,
      namespaceOrigin: r.namespaceOrigin,
      name: r.name,
      file: r.location.file,
      line: r.location.line,
      unit: r.unit,
      chain: r.chain,
      appliedBy: r.appliedBy,
      sops: r.sops,
    })),
    files: model.files.map((f) => ({ path: f.path, role: f.role, appliedBy: model.fileAppliedBy.get(f.path) ?? [] })),
    references: model.references.all.map((ref) => ({
      from: idOf(ref.from),
      to: idOf(ref.to),
      field: formatFieldPath(ref.path),
      via: ref.via,
      file: ref.location.file,
      line: ref.location.line,
      defines: ref.defines,
      optional: ref.optional,
    })),
    duplicates: model.duplicates.groups.map((g) => ({
      apiVersion: g.apiVersion,
      kind: g.kind,
      name: g.name,
      copies: g.copies.map((c) => ({ namespace: c.namespace ?? null, name: c.name, file: c.location.file, line: c.location.line })),
    })),
    drifted: model.duplicates.drifted.map((d) => ({
      apiVersion: d.resource.apiVersion,
      kind: d.resource.kind,
      namespace: d.resource.namespace ?? null,
      name: d.resource.name,
      file: d.resource.location.file,
      line: d.resource.location.line,
      fields: d.fields,
      siblings: d.siblings.map((c) => ({ namespace: c.namespace ?? null, name: c.name, file: c.location.file, line: c.location.line })),
    })),
    diagnostics: model.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, file: d.location.file, line: d.location.line, column: d.location.column })),
  };
}
