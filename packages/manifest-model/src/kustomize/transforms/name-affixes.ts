import type { WorkingObject } from '../working-object.js';
import { groupOfObject, kindOf, nameOf, renameObject } from '../working-object.js';

/** Kinds whose names kustomize's prefix and suffix transformers never change. */
export function isAffixExempt(obj: WorkingObject): boolean {
  const kind = kindOf(obj);
  return kind === 'CustomResourceDefinition' || kind === 'Namespace' || (kind === 'APIService' && groupOfObject(obj) === 'apiregistration.k8s.io');
}

/**
 * `namePrefix` / `nameSuffix`. References to the renamed objects are fixed
 * when the build ends (see name-references.ts), as kustomize does.
 */
export function applyNameAffixes(objects: readonly WorkingObject[], prefix: string | undefined, suffix: string | undefined): void {
  if (!prefix && !suffix) return;
  for (const obj of objects) {
    if (isAffixExempt(obj)) continue;
    renameObject(obj, `${prefix ?? ''}${nameOf(obj)}${suffix ?? ''}`);
  }
}
