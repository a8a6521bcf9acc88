import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { collectReferences, valueAt } from './extractor.js';
import { expandReleaseTemplates, helmReleaseTargetNamespace } from './helm-release-scope.js';
import { isHelmRelease } from '../../flux/kinds.js';
import { walkValues } from './walk-values.js';

/**
 * Keys whose string value names an existing Secret in the charts people use
 * (the list docs/secrets.md gives): Bitnami's and most charts'
 * `existingSecret`/`existingSecretName`, `secretName`, `credentialsName`
 * (Velero-style), `configFileSecret`, `existingConfigSecret`, `envFromSecret`.
 */
export const HELM_SECRET_NAME_KEYS: readonly string[] = ['existingSecret', 'existingSecretName', 'secretName', 'credentialsName', 'configFileSecret', 'existingConfigSecret', 'envFromSecret'];
const SECRET_NAME_KEYS = new Set(HELM_SECRET_NAME_KEYS);

/** Keys whose list of strings names existing Secrets (`envFromSecrets: [a, b]`). */
export const HELM_SECRET_LIST_KEYS: readonly string[] = ['envFromSecrets', 'extraSecretNamesForEnvFrom', 'existingSecrets'];
const SECRET_LIST_KEYS = new Set(HELM_SECRET_LIST_KEYS);

/** `{name}` objects that Kubernetes-shaped values pass through to a pod spec. */
const NAMED_REFS: ReadonlyMap<string, 'Secret' | 'ConfigMap'> = new Map([
  ['secretRef', 'Secret'],
  ['configMapRef', 'ConfigMap'],
  ['secretKeyRef', 'Secret'],
  ['configMapKeyRef', 'ConfigMap'],
]);

/** bjw-s app-template `persistence.<id>.type` values that mount an existing object by `name`. */
const PERSISTENCE_TYPES: ReadonlyMap<unknown, 'Secret' | 'ConfigMap'> = new Map([
  ['secret', 'Secret'],
  ['configMap', 'ConfigMap'],
]);

function isUnderTls(path: FieldPath): boolean {
  return path.some((key) => typeof key === 'string' && key.toLowerCase() === 'tls');
}

interface ValuesScope {
  readonly resource: Resource;
  readonly namespace: string | undefined;
  readonly refs: ReferenceCollector;
}

function addNamed(scope: ValuesScope, path: FieldPath, kind: string, name: unknown, flags: { optional?: boolean; detail?: string | undefined } = {}): void {
  if (typeof name !== 'string') return;
  scope.refs.add(path, { kind, namespace: scope.namespace, name: expandReleaseTemplates(name, scope.resource) }, flags);
}

/** One node of the values tree, met in document order. */
function visitNode(scope: ValuesScope, value: unknown, path: FieldPath, key: string | number | undefined): void {
  const parentKey = path[path.length - 2];
  if (typeof key !== 'string') return;
  if (SECRET_NAME_KEYS.has(key)) {
    // A `secretName` under a `tls` key is usually the Secret cert-manager creates for an Ingress: not a use of an existing one.
    if (key !== 'secretName' || !isUnderTls(path)) addNamed(scope, path, 'Secret', value);
  } else if (SECRET_LIST_KEYS.has(key) && Array.isArray(value)) {
    value.forEach((item, i) => addNamed(scope, [...path, i], 'Secret', item));
  } else if (key === 'existingClaim' || (key === 'claimName' && parentKey === 'persistentVolumeClaim')) {
    addNamed(scope, path, 'PersistentVolumeClaim', value);
  } else if (NAMED_REFS.has(key) && isRecord(value)) {
    addNamed(scope, [...path, 'name'], NAMED_REFS.get(key)!, value['name'], {
      optional: value['optional'] === true,
      detail: typeof value['key'] === 'string' ? value['key'] : undefined,
    });
  } else if (key === 'configMap' && isRecord(value) && path[path.length - 3] === 'volumes') {
    addNamed(scope, [...path, 'name'], 'ConfigMap', value['name'], { optional: value['optional'] === true });
  } else if (key === 'imagePullSecrets' && Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') addNamed(scope, [...path, i], 'Secret', item);
      else if (isRecord(item)) addNamed(scope, [...path, i, 'name'], 'Secret', item['name']);
    });
  } else if (parentKey === 'persistence' && isRecord(value)) {
    const kind = PERSISTENCE_TYPES.get(value['type']);
    if (kind) addNamed(scope, [...path, 'name'], kind, value['name']);
  }
}

/**
 * Names of existing Secrets, ConfigMaps and PersistentVolumeClaims inside
 * HelmRelease spec.values, by well-known key only: `existingSecret`,
 * `existingSecretName`, `secretName` (not under `tls`), `existingClaim`,
 * `persistentVolumeClaim.claimName`, `secretRef`/`configMapRef`/
 * `secretKeyRef`/`configMapKeyRef` objects, `volumes[].configMap`,
 * `imagePullSecrets`, and app-template `persistence.<id>` of type
 * secret/configMap. Targets are in the chart's namespace (spec.targetNamespace
 * or the HelmRelease's). `{{ .Release.Name }}` / `{{ .Release.Namespace }}`
 * are expanded; names with any other template are skipped.
 */
export const helmReleaseValuesExtractor: ReferenceExtractor = {
  name: 'helm-release-values',
  extract(resource) {
    if (!isHelmRelease(resource.apiVersion, resource.kind)) return [];
    const values = valueAt(resource.body, ['spec', 'values']);
    if (!isRecord(values)) return [];
    const scope: ValuesScope = { resource, namespace: helmReleaseTargetNamespace(resource), refs: collectReferences(resource, 'helm-release-values') };
    walkValues(values, ['spec', 'values'], ({ value, path, key }) => visitNode(scope, value, path, key));
    return scope.refs.references;
  },
};
