export type { SourceLocation } from './source-location.js';
export { compareLocations, formatLocation, LineIndex, locationAt } from './source-location.js';
export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './diagnostic.js';
export { ManifestModelError } from './errors.js';
export type { ManifestModelErrorCode } from './errors.js';

export type { DirectoryEntry, FileSystem } from './fs/file-system.js';
export { basename, dirname, joinPath, normalizePath } from './fs/file-system.js';
export { MemoryFileSystem } from './fs/memory-file-system.js';
export { NodeFileSystem } from './fs/node-file-system.js';
export type { GitFileSystemOptions } from './fs/git-file-system.js';
export { GitFileSystem } from './fs/git-file-system.js';

export type { FileRole } from './files/classify-file.js';
export { classifyFile, KUSTOMIZATION_FILE_NAMES } from './files/classify-file.js';
export type { RepositoryFile, WalkOptions } from './files/walk-repository.js';
export { walkRepository } from './files/walk-repository.js';

export type { FieldPath, YamlDocument } from './documents/yaml-document.js';
export type { ParsedYamlFile, ParseYamlOptions } from './documents/parse-yaml-file.js';
export { DEFAULT_MAX_BYTES, locateField, locateInBlock, looksBinary, parseYamlFile } from './documents/parse-yaml-file.js';
export { DocumentStore } from './documents/document-store.js';

export type { ResourceId } from './resources/resource-id.js';
export { describeResource, groupOf, parseResourceKey, resourceId, resourceKey } from './resources/resource-id.js';
export type { BuiltObject, GitProvenance, ObjectOrigin, Resource } from './resources/resource.js';
export type { KubeObject, NamespaceContext, NamespaceOrigin } from './resources/kube-object.js';
export { kubeObjectOf } from './resources/kube-object.js';
export { isRecord, locateResourceField, metadataOf, originLocation } from './resources/resource.js';
export { isClusterScoped, isKustomizeClusterScoped } from './resources/cluster-scoped.js';
export type { SopsStatus } from './resources/sops-metadata.js';
export { hasSopsMetadata, isSopsEncryptedValue, sopsStatus } from './resources/sops-metadata.js';

export type { BuildContext } from './kustomize/build-context.js';
export type { BuildOverlay, UnitBuild } from './kustomize/build.js';
export { isRemoteReference, KustomizeBuilder } from './kustomize/build.js';

export type { FluxKustomization, FluxPatch, FluxSourceRef, FluxSubstituteFrom } from './flux/flux-kustomization.js';
export { FLUX_GROUPS, isFluxKustomization, isFluxSource, isHelmRelease } from './flux/kinds.js';
export { parseFluxKustomization } from './flux/parse-flux-kustomization.js';
export type { HelmRelease } from './flux/helm-release.js';
export { parseHelmRelease } from './flux/helm-release.js';
export { expandReleaseTemplates, helmReleaseName, helmReleaseTargetNamespace } from './references/extractors/helm-release-scope.js';
export { walkValues } from './references/extractors/walk-values.js';
export type { ValueVisit } from './references/extractors/walk-values.js';
export type { FluxSource } from './flux/sources.js';
export { parseFluxSource } from './flux/sources.js';
export type { SubstitutionResult, Variables } from './flux/post-build-substitute.js';
export { OPAQUE_VALUE, substituteVariables } from './flux/post-build-substitute.js';
export type { ApplyOrder } from './flux/apply-order.js';
export { applyOrder } from './flux/apply-order.js';

export type { Reference, ReferenceVia } from './references/reference.js';
export { ReferenceIndex } from './references/reference-index.js';
export type { ExtractContext } from './references/extract-references.js';
export { formatFieldPath, valueAt } from './references/extractors/extractor.js';
export { extractReferences } from './references/extract-references.js';
export type { ServiceUrlMatch } from './references/service-url.js';
export { findServiceUrls } from './references/service-url.js';

export type { BuildUnitSummary, EntryPoint, RepositoryModel } from './model/repository-model.js';
export type { LoadOptions } from './model/load-repository.js';
export type { ChangeOptions, ChangeScopeSummary } from './model/change-scope.js';
export { loadRepository } from './model/load-repository.js';
export { MODEL_JSON_VERSION, modelToJson } from './model/model-json.js';

export type { MarkdownCodeBlock, MarkdownContent, MarkdownInlineCode, MarkdownProseLine } from './text/markdown-code.js';
export { isShellBlock, parseMarkdown, shellTextOf } from './text/markdown-code.js';
export type { ShellCommand, ShellHeredoc, ShellJoin, ShellRedirect, ShellRedirectOperator, ShellScript, ShellWord } from './text/shell-lines.js';
export { commandName, parseShellScript } from './text/shell-lines.js';
export type { CreatedSecret, KubeCommand, KubeFlag, KubeTool, KubeValue } from './text/kubectl-commands.js';
export { createdSecretOf, findKubeCommands, flagValue, hasFlag, heredocSecretsOf, parseKubeCommand } from './text/kubectl-commands.js';
export type { FileKubeCommands, MarkdownSource, ShellOptions, ShellSource, ShellSourceKind } from './text/repository-text.js';
export { RepositoryText } from './text/repository-text.js';

export type { DeclaredSecret, DeclaredSecretCreator, SecretCatalogInput, SecretConsumer, SecretDefinition, SecretEntry } from './secrets/secret-catalog.js';
export { ANY_NAMESPACE, bootstrapSources, isCoreSecret, isGitDefinition, SecretCatalog } from './secrets/secret-catalog.js';
export type { CommandCreatedSecret } from './secrets/secret-use.js';
export { isPlaceholderValue, secretMaterialKeys } from './secrets/secret-values.js';
// Chart knowledge: how charts name their objects and Services, Grafana datasources, each applied HelmRelease's chart and values.
export { helmFullname, prefixedComponents, STANDARD_NAMED_CHARTS, standardNamedChart } from './charts/chart-naming.js';
export type { PrefixedComponent, StandardNamedChart, StandardSubchart } from './charts/chart-naming.js';
export { controllerServices, createsService, releaseServices } from './charts/chart-services.js';
export type { CreatedServices } from './charts/chart-services.js';
export { GRAFANA_DATASOURCE_LABEL, grafanaDatasourceOf } from './charts/grafana-datasources.js';
export type { GrafanaDatasource } from './charts/grafana-datasources.js';
export { chartNameFromReference, helmReleaseCharts, mayBeOverridden, valueAtPath } from './charts/helm-release-chart.js';
export type { HelmReleaseChart } from './charts/helm-release-chart.js';

// kustodian.yaml
export type { BackupPolicy, DocsSettings, KustodianConfig, Limits, RuleSetting, SeveritySetting } from './config/kustodian-config.js';
export { CONFIG_FILE_NAME, DEFAULT_BACKUP_POLICY, DEFAULT_CONFIG, DEFAULT_LIMITS, modelOptions, SEVERITY_SETTINGS } from './config/kustodian-config.js';
export type { ConfigurableRule, JsonSchema } from './config/config-schema.js';
export { buildConfigSchema, CONFIG_SCHEMA_ID } from './config/config-schema.js';
export type { ConfigProblem, LoadConfigOptions } from './config/load-config.js';
export { CONFIG_VALIDATOR_OPTIONS, ConfigError, configSchemaFingerprint, loadConfig, readConfig } from './config/load-config.js';
export { expandTemplate, SECRET_PRODUCERS } from './secrets/producers/index.js';
export type { ChartSecretProducer, ResourceSecretProducer, SecretProducer } from './secrets/producers/index.js';
export { commentedOutEntries } from './kustomize/commented-entries.js';
export type { CommentedEntry } from './kustomize/commented-entries.js';
export { GENERATED_SECTION_MARKER, withoutGeneratedSections } from './text/generated-sections.js';
export type { ClearCredential } from './secrets/clear-credentials.js';
export { CREDENTIAL_FIELD, CREDENTIAL_REFERENCE_FIELD, findClearCredentials } from './secrets/clear-credentials.js';
export type { DriftedCopy, DuplicateGroup } from './resources/duplicates.js';
export { driftedCopies, duplicateGroups } from './resources/duplicates.js';
