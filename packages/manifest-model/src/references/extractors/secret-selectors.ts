/**
 * What the operator extractors share: the Secret (and ConfigMap) selectors
 * of a custom resource's spec, in the shapes operators use — `{name, key}`
 * key selectors, `{name}` under a key that says Secret, and `secret` /
 * `configMap` wrappers (`tlsConfig.ca.secret`, `tlsConfig.ca.configMap`).
 */
import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord } from '../../resources/resource.js';
import { isObjectName } from '../../resources/resource-id.js';
import type { ReferenceCollector } from './extractor.js';
import { walkValues } from './walk-values.js';

/** Keys whose `{name}` object names a ConfigMap. */
const CONFIG_MAP_KEYS = new Set(['configMap', 'configMapRef', 'configMapKeyRef']);

/** A key that names a Secret by itself (`passwordSecret`, `s3Credentials`, `secretRef`, `bearerTokenSecret`, `apiKey` …). */
const SECRET_KEY = /secret|credential|password|token|apikey|accesskey|secretkey|keyring/i;

/**
 * Every selector under `root` (at `basePath`), into `refs`, in `namespace`:
 * `{name, key}` objects and `{name}` objects under a Secret-like key are
 * Secrets, the same under `configMap`/`configMapRef`/`configMapKeyRef` are
 * ConfigMaps. `skip` leaves out the keys of objects that are not
 * references (a template of a created object, for instance).
 */
export function addSecretSelectors(root: unknown, basePath: FieldPath, namespace: string | undefined, refs: ReferenceCollector, skip: (path: FieldPath) => boolean = () => false): void {
  walkValues(root, basePath, ({ value, path, key }) => {
    if (typeof key !== 'string' || !isRecord(value) || typeof value['name'] !== 'string' || !isObjectName(value['name']) || skip(path)) return;
    const keyed = typeof value['key'] === 'string';
    const flags = { detail: keyed ? String(value['key']) : undefined, optional: value['optional'] === true };
    if (CONFIG_MAP_KEYS.has(key)) refs.add([...path, 'name'], { kind: 'ConfigMap', namespace, name: value['name'] }, flags);
    else if (keyed || SECRET_KEY.test(key) || key === 'secret') refs.add([...path, 'name'], { kind: 'Secret', namespace, name: value['name'] }, flags);
  });
}
