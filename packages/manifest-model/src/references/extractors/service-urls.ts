import { locateInBlock } from '../../documents/parse-yaml-file.js';
import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord, locateResourceField } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { SourceLocation } from '../../source-location.js';
import { findServiceUrls } from '../service-url.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, valueAt } from './extractor.js';
import { expandReleaseTemplates } from './helm-release-scope.js';
import { isHelmRelease } from '../../flux/kinds.js';
import { containerPaths, podSpecPath } from './pod-spec.js';
import { walkValues } from './walk-values.js';

/**
 * Where a match inside a string sits: for a literal block scalar (`|`) whose
 * text is unchanged since parsing, the line of the match inside the block;
 * otherwise the field's key.
 */
export function locateInString(resource: Resource, path: FieldPath, text: string, offset: number): SourceLocation {
  if (resource.origin.type !== 'document' || offset <= 0) return locateResourceField(resource, path);
  return locateInBlock(resource.origin.document, path, text, offset);
}

/** Add a Service reference for every in-cluster address in one string. */
export function addServiceUrls(resource: Resource, refs: ReferenceCollector, path: FieldPath, text: string, namespaces: ReadonlySet<string>, written: string = text): void {
  for (const match of findServiceUrls(text, { namespaces })) {
    refs.add(path, { kind: 'Service', namespace: match.namespace, name: match.service }, {
      via: 'service-url',
      detail: match.text,
      location: locateInString(resource, path, written, text === written ? match.index : 0),
    });
  }
}

function addTree(resource: Resource, refs: ReferenceCollector, root: unknown, basePath: FieldPath, expand: (s: string) => string, namespaces: ReadonlySet<string>): void {
  walkValues(root, basePath, ({ value, path }) => {
    if (typeof value === 'string') addServiceUrls(resource, refs, path, expand(value), namespaces, value);
  });
}

const same = (s: string): string => s;

/**
 * In-cluster Service addresses (see service-url.ts) in: HelmRelease
 * spec.values (any string, `{{ .Release.* }}` expanded), ConfigMap data
 * (including configuration files embedded in it, such as Grafana datasource
 * provisioning), grafana-operator GrafanaDatasource spec.datasource, Flux
 * notification Provider spec.address, and container env values of workloads.
 * Each becomes a reference to the Service, via 'service-url', with the
 * address as `detail`.
 */
export const serviceUrlsExtractor: ReferenceExtractor = {
  name: 'service-urls',
  extract(resource, context) {
    const refs = collectReferences(resource, 'service-url');
    const namespaces = context.namespaces;
    const body = resource.body;
    const group = resource.id.group;
    if (isHelmRelease(resource.apiVersion, resource.kind)) {
      addTree(resource, refs, valueAt(body, ['spec', 'values']), ['spec', 'values'], (s) => expandReleaseTemplates(s, resource), namespaces);
    } else if (group === '' && resource.kind === 'ConfigMap' && isRecord(body['data'])) {
      addTree(resource, refs, body['data'], ['data'], same, namespaces);
    } else if (group === 'grafana.integreatly.org' && resource.kind === 'GrafanaDatasource') {
      addTree(resource, refs, valueAt(body, ['spec', 'datasource']), ['spec', 'datasource'], same, namespaces);
    } else if (group === 'notification.toolkit.fluxcd.io' && resource.kind === 'Provider') {
      addTree(resource, refs, valueAt(body, ['spec', 'address']), ['spec', 'address'], same, namespaces);
    } else {
      const specPath = podSpecPath(resource);
      if (specPath) {
        for (const container of containerPaths(body, specPath)) {
          arrayAt(body, [...container, 'env']).forEach((_, i) => {
            const path: FieldPath = [...container, 'env', i, 'value'];
            const value = valueAt(body, path);
            if (typeof value === 'string') addServiceUrls(resource, refs, path, value, namespaces);
          });
        }
      }
    }
    return refs.references;
  },
};
