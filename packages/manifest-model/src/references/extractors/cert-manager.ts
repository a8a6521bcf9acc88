import type { FieldPath } from '../../documents/yaml-document.js';
import { isRecord, metadataOf } from '../../resources/resource.js';
import type { Resource } from '../../resources/resource.js';
import type { ReferenceCollector, ReferenceExtractor } from './extractor.js';
import { arrayAt, collectReferences, recordAt, stringAt } from './extractor.js';
import { walkValues } from './walk-values.js';

const CERT_MANAGER_GROUP = 'cert-manager.io';
const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);
const ISSUER_ANNOTATIONS = [
  ['cert-manager.io/cluster-issuer', 'ClusterIssuer'],
  ['cert-manager.io/issuer', 'Issuer'],
] as const;

/** Secret selectors of issuers and certificates: `*SecretRef` (apiTokenSecretRef, tokenSecretRef, passwordSecretRef …), `secretRef`, Venafi `credentialsRef`. */
function isSecretSelectorKey(key: string): boolean {
  return key.endsWith('SecretRef') || key === 'secretRef' || key === 'credentialsRef';
}

/** Every Secret selector under spec, except the ACME account key that the issuer itself creates. */
function addSecretSelectors(resource: Resource, namespace: string | undefined, refs: ReferenceCollector): void {
  walkValues(resource.body['spec'], ['spec'], ({ value, path, key }) => {
    if (typeof key !== 'string' || !isSecretSelectorKey(key) || !isRecord(value)) return;
    if (key === 'privateKeySecretRef' && path.length === 3 && path[1] === 'acme') return;
    refs.add([...path, 'name'], { kind: 'Secret', namespace, name: value['name'] }, {
      detail: typeof value['key'] === 'string' ? value['key'] : undefined,
    });
  });
}

function extractIssuer(resource: Resource, namespace: string | undefined, refs: ReferenceCollector): void {
  const accountKey = stringAt(resource.body, ['spec', 'acme', 'privateKeySecretRef', 'name']);
  if (accountKey !== undefined) {
    refs.add(['spec', 'acme', 'privateKeySecretRef', 'name'], { kind: 'Secret', namespace, name: accountKey }, { defines: true });
  }
  const caSecret = stringAt(resource.body, ['spec', 'ca', 'secretName']);
  if (caSecret !== undefined) refs.add(['spec', 'ca', 'secretName'], { kind: 'Secret', namespace, name: caSecret });
  addSecretSelectors(resource, namespace, refs);
}

function extractCertificate(resource: Resource, refs: ReferenceCollector): void {
  const namespace = resource.namespace;
  const secretName = stringAt(resource.body, ['spec', 'secretName']);
  if (secretName !== undefined) refs.add(['spec', 'secretName'], { kind: 'Secret', namespace, name: secretName }, { defines: true });
  const issuerRef = recordAt(resource.body, ['spec', 'issuerRef']);
  const issuerGroup = issuerRef?.['group'] ?? CERT_MANAGER_GROUP;
  if (issuerRef && issuerGroup === CERT_MANAGER_GROUP) {
    const kind = issuerRef['kind'] === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer';
    refs.add(['spec', 'issuerRef', 'name'], {
      group: CERT_MANAGER_GROUP,
      kind,
      namespace: kind === 'Issuer' ? namespace : undefined,
      name: issuerRef['name'],
    });
  }
  addSecretSelectors(resource, namespace, refs);
}

/** cert-manager's ingress-shim: an annotated Ingress gets a Certificate per TLS Secret, so the Ingress defines those Secrets. */
function extractIngressShim(resource: Resource, refs: ReferenceCollector): void {
  const annotations = metadataOf(resource.body)['annotations'];
  if (!isRecord(annotations)) return;
  const annotation = ISSUER_ANNOTATIONS.find(([key]) => typeof annotations[key] === 'string');
  if (!annotation) return;
  const [key, kind] = annotation;
  refs.add(['metadata', 'annotations', key], {
    group: CERT_MANAGER_GROUP,
    kind,
    namespace: kind === 'Issuer' ? resource.namespace : undefined,
    name: annotations[key],
  });
  arrayAt(resource.body, ['spec', 'tls']).forEach((_, i) => {
    const path: FieldPath = ['spec', 'tls', i, 'secretName'];
    refs.add(path, { kind: 'Secret', namespace: resource.namespace, name: stringAt(resource.body, path) }, { defines: true });
  });
}

/**
 * cert-manager: Certificate spec.secretName (defines), issuerRef, keystore
 * password Secrets; Issuer/ClusterIssuer ACME account key (defines), CA
 * secretName, and every Secret selector of solvers, Vault, Venafi and ACME
 * external account binding (a ClusterIssuer reads them in cert-manager's
 * namespace); an Ingress annotated for ingress-shim defines its TLS Secrets
 * and refers to its issuer.
 */
export const certManagerExtractor: ReferenceExtractor = {
  name: 'cert-manager',
  extract(resource, context) {
    const refs = collectReferences(resource, 'cert-manager');
    const group = resource.id.group;
    if (group === CERT_MANAGER_GROUP && resource.kind === 'Certificate') extractCertificate(resource, refs);
    else if (group === CERT_MANAGER_GROUP && resource.kind === 'Issuer') extractIssuer(resource, resource.namespace, refs);
    else if (group === CERT_MANAGER_GROUP && resource.kind === 'ClusterIssuer') extractIssuer(resource, context.certManagerNamespace, refs);
    else if (INGRESS_GROUPS.has(group) && resource.kind === 'Ingress') extractIngressShim(resource, refs);
    return refs.references;
  },
};
