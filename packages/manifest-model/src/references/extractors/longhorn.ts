import type { FieldPath } from '../../documents/yaml-document.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceExtractor, ResolvedExtractContext } from './extractor.js';
import { collectReferences, stringAt } from './extractor.js';
import { helmReleaseTargetNamespace } from './helm-release-scope.js';
import { isHelmRelease } from '../../flux/kinds.js';

const LONGHORN_GROUP = 'longhorn.io';
const CREDENTIAL_SETTING = 'backup-target-credential-secret';
/** Longhorn chart values holding the credential Secret's name (chart < 1.8 and ≥ 1.8). */
const VALUES_PATHS: readonly FieldPath[] = [
  ['spec', 'values', 'defaultSettings', 'backupTargetCredentialSecret'],
  ['spec', 'values', 'defaultBackupStore', 'backupTargetCredentialSecret'],
];

/** Longhorn's objects live in its namespace; one that landed in `default` by accident still means Longhorn's. */
function longhornNamespace(resource: Resource, context: ResolvedExtractContext): string {
  return resource.namespaceOrigin === 'implicit-default' || resource.namespace === undefined ? context.longhornNamespace : resource.namespace;
}

/**
 * Longhorn backup-target credentials, a Secret in Longhorn's namespace:
 * Setting `backup-target-credential-secret` (its top-level `value`),
 * BackupTarget spec.credentialSecret, and the chart values
 * defaultSettings/defaultBackupStore.backupTargetCredentialSecret of a
 * HelmRelease (the chart's target namespace).
 */
export const longhornExtractor: ReferenceExtractor = {
  name: 'longhorn',
  extract(resource, context) {
    const refs = collectReferences(resource, 'longhorn');
    if (resource.id.group === LONGHORN_GROUP && resource.kind === 'Setting' && resource.name === CREDENTIAL_SETTING) {
      refs.add(['value'], { kind: 'Secret', namespace: longhornNamespace(resource, context), name: stringAt(resource.body, ['value']) });
    } else if (resource.id.group === LONGHORN_GROUP && resource.kind === 'BackupTarget') {
      const path: FieldPath = ['spec', 'credentialSecret'];
      refs.add(path, { kind: 'Secret', namespace: longhornNamespace(resource, context), name: stringAt(resource.body, path) });
    } else if (isHelmRelease(resource.apiVersion, resource.kind)) {
      for (const path of VALUES_PATHS) {
        const name = stringAt(resource.body, path);
        if (name !== undefined) refs.add(path, { kind: 'Secret', namespace: helmReleaseTargetNamespace(resource), name });
      }
    }
    return refs.references;
  },
};
