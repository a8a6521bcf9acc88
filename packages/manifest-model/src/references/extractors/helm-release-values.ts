import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { collectReferences, valueAt } from './extractor.js';
import { expandReleaseTemplates, helmReleaseTargetNamespace, isHelmRelease } from './helm-release-scope.js';
import { walkValues } from './walk-values.js';

/** Keys whose string value names an existing Secret in the charts people use. */
const SECRET_NAME_KEYS = new Set(['existingSecret', 'existingSecretName', 'secretName']);

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

function visitRecord(scope: ValuesScope, node: Record<string, unknown>, path: FieldPath): void {
  const parentKey = path[path.length - 1];
  const grandparentKey = path[path.length - 2];
  for (const [key, value] of Object.entries(node)) {
    const at: FieldPath = [...path, key];
    if (SECRET_NAME_KEYS.has(key)) {
      // A `secretName` under a `tls` key is usually the Secret cert-manager creates for an Ingress: not a use of an existing one.
      if (key !== 'secretName' || !isUnderTls(path)) addNamed(scope, at, 'Secret', value);
    } else if (key === 'existingClaim') {
      addNamed(scope, at, 'PersistentVolumeClaim', value);
    } else if (key === 'claimName' && parentKey === 'persistentVolumeClaim') {
      addNamed(scope, at, 'PersistentVolumeClaim', value);
    } else if (NAMED_REFS.has(key) && isRecord(value)) {
      addNamed(scope, [...at, 'name'], NAMED_REFS.get(key)!, value['name'], {
        optional: value['optional'] === true,
        detail: typeof value['key'] === 'string' ? value['key'] : undefined,
      });
    } else if (key === 'configMap' && isRecord(value) && typeof grandparentKey === 'string' && grandparentKey === 'volumes') {
      addNamed(scope, [...at, 'name'], 'ConfigMap', value['name'], { optional: value['optional'] === true });
    } else if (key === 'imagePullSecrets' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (typeof item === 'string') addNamed(scope, [...at, i], 'Secret', item);
        else if (isRecord(item)) addNamed(scope, [...at, i, 'name'], 'Secret', item['name']);
      });
    }
  }
  const kind = PERSISTENCE_TYPES.get(node['type']);
  if (kind && grandparentKey === 'persistence') addNamed(scope, [...path, 'name'], kind, node['name']);
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
    if (!isHelmRelease(resource)) return [];
    const values = valueAt(resource.body, ['spec', 'values']);
    if (!isRecord(values)) return [];
    const scope: ValuesScope = { resource, namespace: helmReleaseTargetNamespace(resource), refs: collectReferences(resource, 'helm-release-values') };
    walkValues(values, ['spec', 'values'], ({ value, path }) => {
      if (isRecord(value)) visitRecord(scope, value, path);
    });
    return scope.refs.references;
  },
};
