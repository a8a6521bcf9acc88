/**
 * kustodian.yaml, typed: every section of the file, with its defaults. The
 * model, the audit engine, the docs generator and the apps read this one
 * type; it is loaded and validated by `load-config.ts`.
 */
import type { DiagnosticSeverity } from '../diagnostic.js';
import { DEFAULT_MAX_ALIAS_EXPANSION, DEFAULT_MAX_BYTES } from '../documents/parse-yaml-file.js';
import { KUSTOMIZE_MAX_DEPTH } from '../kustomize/build.js';
import type { LoadOptions } from '../model/load-repository.js';
import type { SecretProducer } from '../secrets/producers/index.js';
import type { DeclaredSecret } from '../secrets/secret-catalog.js';

/** What a configuration may set a rule to: its findings' severity, or off. */
export type SeveritySetting = DiagnosticSeverity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A rule's entry under `rules:`, normalised. */
export interface RuleSetting {
  /** undefined: the rule's default severity. */
  readonly severity?: SeveritySetting | undefined;
  /** Options as written; the engine merges them over the rule's defaults. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** `docs:` of kustodian.yaml. */
export interface DocsSettings {
  /** Folders that get a generated README, as globs; undefined: the defaults of the docs generator. */
  readonly roots?: readonly string[];
}

/**
 * `backup:` of kustodian.yaml: the backup policy the user means to have.
 * Selectors are `namespace/name` globs over PersistentVolumeClaims and
 * workloads (`*` for any part), e.g. `databases/*`, `*\/data-postgres-*`.
 */
export interface BackupPolicy {
  /** Volumes or workloads that must be backed up; none listed: the databases the chart catalogue knows. */
  readonly critical: readonly string[];
  /** Volumes or workloads that must not be backed up (a registry, caches, Prometheus' TSDB). */
  readonly never: readonly string[];
  /** The oldest a backup may be, per mechanism or volume selector (`default` for all), as a duration: `26h`, `8d`, `2w`. */
  readonly maxAge: Readonly<Record<string, string>>;
  /** Where backups are meant to go (`s3://bucket/prefix`, `nfs://host/path`…). */
  readonly destinations: readonly string[];
}

/**
 * `limits:` of kustodian.yaml: how far Kustodian reads a hostile or broken
 * repository before it reports a located diagnostic and goes on.
 */
export interface Limits {
  /** Largest YAML file parsed (and SOPS file read by `kustodian secrets`), in bytes (`file-too-large` beyond). */
  readonly maxFileBytes: number;
  /** Most kustomizations in one chain of `resources`/`components` (`kustomize-depth-limit` beyond). */
  readonly kustomizeDepth: number;
  /** How much larger than its own nodes a YAML document may grow by expanding aliases (`yaml-alias-limit` beyond). */
  readonly aliasExpansion: number;
}

/** The limits when kustodian.yaml sets none. */
export const DEFAULT_LIMITS: Limits = { maxFileBytes: DEFAULT_MAX_BYTES, kustomizeDepth: KUSTOMIZE_MAX_DEPTH, aliasExpansion: DEFAULT_MAX_ALIAS_EXPANSION };

/** kustodian.yaml, validated and with every default filled in. */
export interface KustodianConfig {
  /** Folders Flux starts from; undefined: found automatically. */
  readonly entryPoints: readonly string[] | undefined;
  /** gitignore-style patterns left out of the audit. */
  readonly ignore: readonly string[];
  readonly namespaces: {
    /** Namespaces that no longer exist: nothing may refer to them. */
    readonly retired: readonly string[];
    /** Namespaces nothing may be deployed to. */
    readonly forbidden: readonly string[];
    /** Namespaces created outside git (by k3s, a Helm chart, bootstrap). */
    readonly known: readonly string[];
  };
  readonly secrets: {
    /** Secrets created outside git, declared so that rules do not call references to them dangling. */
    readonly external: readonly DeclaredSecret[];
    /** The repository's own producers of Secrets (custom resources, charts), added to the catalogue's. */
    readonly producers: readonly SecretProducer[];
  };
  /** Flux sources that are this repository (`sources:`): `self` names them, `paths` maps each to the folder that is its root. */
  readonly sources: { readonly self: readonly string[]; readonly paths: Readonly<Record<string, string>> };
  /** Backup policy (`backup:`). */
  readonly backup: BackupPolicy;
  /** Docs generation settings (`docs:`). */
  readonly docs: DocsSettings;
  /** How far a hostile or broken repository is read (`limits:`). */
  readonly limits: Limits;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The file it was read from; undefined for the built-in default. */
  readonly file: string | undefined;
}

/** The backup policy when kustodian.yaml says nothing about it. */
export const DEFAULT_BACKUP_POLICY: BackupPolicy = { critical: [], never: [], maxAge: {}, destinations: [] };

/** The configuration used when a repository has no kustodian.yaml. */
export const DEFAULT_CONFIG: KustodianConfig = {
  entryPoints: undefined,
  ignore: [],
  namespaces: { retired: [], forbidden: [], known: [] },
  secrets: { external: [], producers: [] },
  sources: { self: [], paths: {} },
  backup: DEFAULT_BACKUP_POLICY,
  docs: {},
  limits: DEFAULT_LIMITS,
  rules: {},
  file: undefined,
};

/** The name of the configuration file at the repository's root. */
export const CONFIG_FILE_NAME = 'kustodian.yaml';

/**
 * How to load the model of a repository with this configuration: its entry
 * points (unless the caller names others), ignores and declared Secrets. The
 * audit, the docs and `kustodian model` all load it so.
 */
export function modelOptions(config: KustodianConfig, entryPoints: readonly string[] | undefined = config.entryPoints): LoadOptions {
  return {
    ...(entryPoints ? { entryPoints } : {}),
    ignore: config.ignore,
    declaredSecrets: config.secrets.external,
    secretProducers: config.secrets.producers,
    sources: config.sources,
    maxFileBytes: config.limits.maxFileBytes,
    maxKustomizeDepth: config.limits.kustomizeDepth,
    maxAliasExpansion: config.limits.aliasExpansion,
  };
}
