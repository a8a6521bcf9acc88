import type { ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, referableName, stringAt } from './extractor.js';

/**
 * A StatefulSet's volumeClaimTemplates make the controller create one
 * PersistentVolumeClaim per replica, named `<template>-<statefulset>-<ordinal>`.
 * One `defines` reference per template, to the claim of ordinal 0 (the one
 * that exists whenever the StatefulSet has run at all); `detail` holds the
 * name pattern.
 */
export const volumeClaimTemplateExtractor: ReferenceExtractor = {
  name: 'volume-claim-template',
  extract(resource) {
    if (resource.id.group !== 'apps' || resource.kind !== 'StatefulSet') return [];
    const statefulSet = referableName(resource.name);
    if (statefulSet === undefined) return [];
    const refs = collectReferences(resource, 'volume-claim-template');
    arrayAt(resource.body, ['spec', 'volumeClaimTemplates']).forEach((_, i) => {
      const path = ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'];
      const template = referableName(stringAt(resource.body, path));
      if (template === undefined) return;
      refs.add(
        path,
        { kind: 'PersistentVolumeClaim', namespace: resource.namespace, name: `${template}-${statefulSet}-0` },
        { defines: true, detail: `${template}-${statefulSet}-<ordinal>` },
      );
    });
    return refs.references;
  },
};
