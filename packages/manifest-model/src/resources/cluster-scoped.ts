/**
 * Kinds that kustomize's built-in schema knows to be cluster-scoped: its
 * namespace transformer leaves them alone. Keyed by `group/Kind`.
 */
const KUSTOMIZE_CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'policy/PodSecurityPolicy',
  'extensions/PodSecurityPolicy',
  'authentication.k8s.io/TokenReview',
  'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SubjectAccessReview',
]);

/** Custom resource kinds that are cluster-scoped in the CRDs our users install. */
const KNOWN_CLUSTER_SCOPED_CUSTOM = new Set([
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
  'external-secrets.io/ClusterGenerator',
  'kyverno.io/ClusterPolicy',
  'kyverno.io/ClusterCleanupPolicy',
  'wgpolicyk8s.io/ClusterPolicyReport',
  'gateway.networking.k8s.io/GatewayClass',
  'snapshot.storage.k8s.io/VolumeSnapshotClass',
  'snapshot.storage.k8s.io/VolumeSnapshotContent',
  'cilium.io/CiliumClusterwideNetworkPolicy',
  'cilium.io/CiliumLoadBalancerIPPool',
  'cilium.io/CiliumBGPClusterConfig',
  'cilium.io/CiliumBGPPeerConfig',
  'cilium.io/CiliumBGPAdvertisement',
  'cilium.io/CiliumL2AnnouncementPolicy',
  'nfd.k8s-sigs.io/NodeFeatureRule',
  'nvidia.com/ClusterPolicy',
  'capsule.clastix.io/Tenant',
  'postgresql.cnpg.io/ClusterImageCatalog',
  // Crossplane's package and composition kinds, and the classic providers' ProviderConfig.
  'apiextensions.crossplane.io/Composition',
  'apiextensions.crossplane.io/CompositeResourceDefinition',
  'apiextensions.crossplane.io/CompositionRevision',
  'apiextensions.crossplane.io/EnvironmentConfig',
  'pkg.crossplane.io/Provider',
  'pkg.crossplane.io/Configuration',
  'pkg.crossplane.io/Function',
  'pkg.crossplane.io/DeploymentRuntimeConfig',
  'gcp.upbound.io/ProviderConfig',
  'aws.upbound.io/ProviderConfig',
  'azure.upbound.io/ProviderConfig',
  'kubernetes.crossplane.io/ProviderConfig',
  'helm.crossplane.io/ProviderConfig',
  'tailscale.com/ProxyClass',
  'tailscale.com/Connector',
  'trust.cert-manager.io/Bundle',
  'external-secrets.io/ClusterPushSecret',
]);

function groupKind(apiVersion: string, kind: string): string {
  const i = apiVersion.indexOf('/');
  return `${i < 0 ? '' : apiVersion.slice(0, i)}/${kind}`;
}

/** Cluster-scoped as kustomize's namespace transformer sees it (built-in kinds only). */
export function isKustomizeClusterScoped(apiVersion: string, kind: string): boolean {
  return KUSTOMIZE_CLUSTER_SCOPED.has(groupKind(apiVersion, kind));
}

/**
 * Cluster-scoped as the API server sees it: built-in kinds, well-known
 * custom kinds, and custom kinds whose CustomResourceDefinition in the
 * repository says `scope: Cluster` (`crdScopes`, keyed `group/Kind`).
 */
export function isClusterScoped(apiVersion: string, kind: string, crdScopes?: ReadonlyMap<string, 'Cluster' | 'Namespaced'>): boolean {
  const gk = groupKind(apiVersion, kind);
  const fromCrd = crdScopes?.get(gk);
  if (fromCrd) return fromCrd === 'Cluster';
  return KUSTOMIZE_CLUSTER_SCOPED.has(gk) || KNOWN_CLUSTER_SCOPED_CUSTOM.has(gk);
}
