import type { DeclaredSecret, DeclaredSecretCreator, LoadOptions } from '@kustodian/manifest-model';
import type { SeveritySetting } from '../engine/severity.js';

/** Who creates a Secret that is not in git (the model's type). */
export type ExternalSecretCreator = DeclaredSecretCreator;

/** A Secret created outside git, declared so that rules do not call references to it dangling (the model's type). */
export type ExternalSecretDeclaration = DeclaredSecret;

/** A rule's entry under `rules:`, normalised. */
export interface RuleSetting {
  /** undefined: the rule's default severity. */
  readonly severity?: SeveritySetting | undefined;
  /** Options as written; the engine merges them over the rule's defaults. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** kustodian.yaml, validated and with every default filled in. */
/** `docs:` of kustodian.yaml. */
export interface DocsSettings {
  /** Folders that get a generated README, as globs; undefined: the defaults of the docs generator. */
  readonly roots?: readonly string[];
}

export interface AuditConfig {
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
    readonly external: readonly ExternalSecretDeclaration[];
  };
  /** Backup policy; its shape belongs to the backup rules. */
  readonly backup: Readonly<Record<string, unknown>>;
  /** Docs generation settings (`docs:`). */
  readonly docs: DocsSettings;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The file it was read from; undefined for the built-in default. */
  readonly file: string | undefined;
}

/** The configuration used when a repository has no kustodian.yaml. */
export const DEFAULT_AUDIT_CONFIG: AuditConfig = {
  entryPoints: undefined,
  ignore: [],
  namespaces: { retired: [], forbidden: [], known: [] },
  secrets: { external: [] },
  backup: {},
  docs: {},
  rules: {},
  file: undefined,
};

/** The name of the configuration file at the audited repository's root. */
export const CONFIG_FILE_NAME = 'kustodian.yaml';

/**
 * How to load the model of a repository with this configuration: its entry
 * points (unless the caller names others), ignores and declared Secrets. The
 * audit, the docs and `kustodian model` all load it so.
 */
export function modelOptions(config: AuditConfig, entryPoints: readonly string[] | undefined = config.entryPoints): LoadOptions {
  return { ...(entryPoints ? { entryPoints } : {}), ignore: config.ignore, declaredSecrets: config.secrets.external };
}
