import { parseYamlFile } from '../../documents/parse-yaml-file.js';
import type { DiagnosticCode } from '../../diagnostic.js';
import { isRecord } from '../../resources/resource.js';
import { groupOf } from '../../resources/resource-id.js';
import type { SourceLocation } from '../../source-location.js';
import type { PatchEntry } from '../kustomization-file.js';
import { compileTarget, describeTarget } from '../selector.js';
import type { WorkingObject } from '../working-object.js';
import { apiVersionOf, describeObject, groupOfObject, hadId, kindOf, nameOf, renameObject, versionOf } from '../working-object.js';
import { applyJsonPatch, parseJsonPatch } from './json6902-patch.js';
import { DELETED, strategicMerge } from './strategic-merge-patch.js';

export type PatchForm = 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';

export interface PatchIo {
  /** Documents of a patch file (path relative to the kustomization folder); undefined when unreadable (already reported). */
  readFile(path: string, location: SourceLocation): readonly unknown[] | undefined;
  report(code: DiagnosticCode, severity: 'error' | 'warning', message: string, location: SourceLocation): void;
}

/** Documents of an inline patch; a message when it is not YAML. */
export function parseInlinePatch(text: string): unknown[] | string {
  const parsed = parseYamlFile('<inline patch>', new TextEncoder().encode(text));
  const problem = parsed.diagnostics[0];
  if (problem) return problem.message;
  return parsed.documents.map((d) => d.value);
}

function patchDocuments(entry: PatchEntry, form: PatchForm, io: PatchIo): readonly unknown[] | undefined {
  if (entry.patch !== undefined && entry.path !== undefined) {
    io.report('kustomize-patch-invalid', 'error', `${form} entry has both patch and path; kustomize wants one`, entry.location);
    return undefined;
  }
  // A patchesStrategicMerge string is a file name when it is one line.
  const inline = entry.patch !== undefined && !(form === 'patchesStrategicMerge' && !entry.patch.includes('\n')) ? entry.patch : undefined;
  const path = entry.path ?? (inline === undefined ? entry.patch : undefined);
  if (path !== undefined) return io.readFile(path, entry.location);
  if (inline === undefined) {
    io.report('kustomize-patch-invalid', 'error', `${form} entry has neither patch nor path`, entry.location);
    return undefined;
  }
  const parsed = parseInlinePatch(inline);
  if (typeof parsed === 'string') {
    io.report('kustomize-patch-invalid', 'error', `inline patch is not valid YAML: ${parsed}`, entry.location);
    return undefined;
  }
  return parsed;
}

/** The one object an untargeted strategic merge patch names by its apiVersion, kind, name and namespace. */
function selectByIdentity(objects: readonly WorkingObject[], patch: Record<string, unknown>): WorkingObject[] {
  const apiVersion = typeof patch['apiVersion'] === 'string' ? patch['apiVersion'] : '';
  const meta = isRecord(patch['metadata']) ? patch['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
  return objects.filter(
    (o) =>
      kindOf(o) === patch['kind'] &&
      groupOfObject(o) === groupOf(apiVersion) &&
      versionOf(apiVersionOf(o)) === versionOf(apiVersion) &&
      hadId(o, name, namespace),
  );
}

function describePatchIdentity(patch: Record<string, unknown>): string {
  const meta = isRecord(patch['metadata']) ? patch['metadata'] : {};
  const ns = typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : '';
  return `${String(patch['kind'] ?? '?')} ${ns}${String(meta['name'] ?? '?')}`;
}

function applyStrategic(objects: WorkingObject[], targets: readonly WorkingObject[], patch: Record<string, unknown>): void {
  for (const obj of targets) {
    const index = objects.indexOf(obj);
    if (index < 0) continue; // deleted by an earlier document of the patch
    const result = strategicMerge(obj.body, patch);
    if (result === DELETED) objects.splice(index, 1);
    else obj.body = result;
  }
}

/**
 * Applies the patch entries of one kustomization field to the accumulated
 * objects (in place). A strategic merge patch without `target` patches the
 * object it names; a list of operations is JSON 6902 and needs a `target`.
 */
export function applyPatches(objects: WorkingObject[], entries: readonly PatchEntry[], form: PatchForm, io: PatchIo): void {
  for (const entry of entries) {
    const docs = patchDocuments(entry, form, io);
    if (!docs) continue;
    if (docs.length === 0) {
      io.report('kustomize-patch-invalid', 'error', `${form} entry is empty`, entry.location);
      continue;
    }
    const isJson = form === 'patchesJson6902' || (docs.length === 1 && Array.isArray(docs[0]));
    let targets: WorkingObject[] | undefined;
    if (entry.target) {
      const matcher = compileTarget(entry.target);
      if (typeof matcher === 'string') {
        io.report('kustomize-patch-invalid', 'error', `patch target: ${matcher}`, entry.location);
        continue;
      }
      targets = objects.filter(matcher);
      if (targets.length === 0) {
        io.report('kustomize-patch-target-missing', 'warning', `patch target (${describeTarget(entry.target)}) matches no object; the patch does nothing`, entry.location);
        continue;
      }
    }

    if (isJson) {
      const ops = parseJsonPatch(docs[0]);
      if (typeof ops === 'string') {
        io.report('kustomize-patch-invalid', 'error', ops, entry.location);
        continue;
      }
      if (!targets) {
        io.report('kustomize-patch-invalid', 'error', 'a JSON 6902 patch needs a target', entry.location);
        continue;
      }
      for (const obj of targets) {
        const result = applyJsonPatch(obj.body, ops);
        if (typeof result === 'string') {
          io.report('kustomize-patch-invalid', 'error', `JSON 6902 patch of ${describeObject(obj)} failed: ${result}`, entry.location);
          continue;
        }
        const before = nameOf(obj);
        obj.body = result;
        const after = nameOf(obj);
        if (after !== before) {
          (obj.body['metadata'] as Record<string, unknown>)['name'] = before;
          renameObject(obj, after);
        }
      }
      continue;
    }

    for (const doc of docs) {
      if (!isRecord(doc)) {
        io.report('kustomize-patch-invalid', 'error', 'a strategic merge patch must be a map', entry.location);
        continue;
      }
      if (targets) {
        applyStrategic(objects, targets, doc);
        continue;
      }
      const named = selectByIdentity(objects, doc);
      if (named.length === 1) applyStrategic(objects, named, doc);
      else if (named.length === 0) {
        io.report('kustomize-patch-target-missing', 'error', `no object matches the strategic merge patch for ${describePatchIdentity(doc)}; kustomize stops the build`, entry.location);
      } else {
        io.report('kustomize-patch-invalid', 'error', `the strategic merge patch for ${describePatchIdentity(doc)} matches ${named.length} objects; kustomize needs exactly one`, entry.location);
      }
    }
  }
}
