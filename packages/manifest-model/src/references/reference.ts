import type { FieldPath } from '../documents/yaml-document.js';
import type { SourceLocation } from '../source-location.js';
import type { ResourceId } from '../resources/resource-id.js';

/** Which extractor found a reference. */
export type ReferenceVia =
  | 'pod-spec'
  | 'helm-release-values-from'
  | 'helm-release-values'
  | 'flux-decryption'
  | 'flux-source-secret'
  | 'flux-substitute-from'
  /** Other Flux secretRefs: kubeConfig (Kustomization, HelmRelease), notification Provider and Receiver. */
  | 'flux-secret-ref'
  | 'cert-manager'
  | 'external-secret'
  | 'sealed-secret'
  | 'traefik'
  | 'ingress'
  | 'persistent-volume-claim'
  | 'volume-claim-template'
  | 'service-url'
  | 'longhorn'
  | 'service-account'
  /** Gateway API listeners' certificateRefs. */
  | 'gateway-api'
  /** prometheus-operator: ServiceMonitor, PodMonitor, Probe, ScrapeConfig, AlertmanagerConfig, Prometheus, Alertmanager. */
  | 'prometheus-operator'
  /** grafana-operator: Grafana, GrafanaDatasource and the other grafana.integreatly.org kinds. */
  | 'grafana-operator'
  /** CloudNativePG: superuser, bootstrap and managed role Secrets, backup credentials, certificates. */
  | 'cloudnative-pg'
  /** Flux Operator: FluxInstance sync and distribution pull Secrets, ResourceSetInputProvider, kustomize-controller's --sops-age-secret. */
  | 'flux-operator';

/** One resource referring to (or, with `defines`, creating) another. */
export interface Reference {
  readonly from: ResourceId;
  /** The target. Its namespace is resolved (the referrer's namespace for same-namespace refs). */
  readonly to: ResourceId;
  /** Field path in the referrer, as segments; `formatFieldPath` prints it (`spec.template.spec.containers[0].envFrom[0].secretRef.name`). */
  readonly path: FieldPath;
  readonly location: SourceLocation;
  readonly via: ReferenceVia;
  /** The referrer creates the target (cert-manager Certificate → Secret, ExternalSecret → Secret, volumeClaimTemplates → PVCs). */
  readonly defines: boolean;
  /** The reference is marked optional (`optional: true`): a missing target is not an error. */
  readonly optional: boolean;
  /** For Service URLs: the URL as written. For keys: the key referred to (`secretKeyRef.key`). */
  readonly detail?: string | undefined;
}
