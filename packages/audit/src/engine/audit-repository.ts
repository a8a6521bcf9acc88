import { loadRepository } from '@kustodian/manifest-model';
import type { FileSystem, RepositoryModel } from '@kustodian/manifest-model';
import type { AuditConfig } from '../config/audit-config.js';
import { CONFIG_FILE_NAME, DEFAULT_AUDIT_CONFIG, modelOptions } from '../config/audit-config.js';
import { loadAuditConfig } from '../config/load-audit-config.js';
import type { AuditResult } from './audit-result.js';
import type { AnyRule } from './define-rule.js';
import { runAudit } from './run-audit.js';
import { engineRules } from './rules/engine-rules.js';
import type { RuleSelection } from './selection.js';
import { checkEntryPoints, checkRuleSelection } from './selection.js';
import { AuditConfigError } from '../errors.js';

/** kustodian.yaml at the root of a file system, validated; the default when there is none. Throws AuditConfigError. */
export function readAuditConfig(fs: FileSystem, options: { readonly file?: string; readonly rules?: readonly AnyRule[] } = {}): AuditConfig {
  const file = options.file ?? CONFIG_FILE_NAME;
  const kind = fs.stat(file);
  const bytes = kind === 'file' ? fs.readFile(file) : undefined;
  // No kustodian.yaml is fine; a configuration named on purpose, or one that cannot be read, is not.
  if (bytes === undefined && (options.file !== undefined || kind !== undefined)) {
    const why = kind === 'directory' ? 'is a folder' : kind === 'file' ? 'cannot be read' : 'does not exist in the repository';
    throw new AuditConfigError(file, [{ key: '', message: `the configuration file ${why}`, line: 1, column: 1 }]);
  }
  if (bytes === undefined) return DEFAULT_AUDIT_CONFIG;
  return loadAuditConfig(new TextDecoder('utf-8').decode(bytes), file, options.rules ? { rules: options.rules } : {});
}

export interface AuditRepositoryOptions extends RuleSelection {
  /** The rules to run (the engine does not pick them: the apps pass `allRules`); also what kustodian.yaml may configure. */
  readonly rules: readonly AnyRule[];
  /** Use this configuration instead of reading kustodian.yaml. */
  readonly config?: AuditConfig;
  /** The configuration file to read. @default 'kustodian.yaml' */
  readonly configFile?: string;
  /**
   * Entry points that win over the configuration's (e.g. from a command-line
   * flag). Each must be a folder of the repository: EntryPointNotFoundError
   * otherwise (the configuration's are checked by the model, as diagnostics).
   */
  readonly entryPoints?: readonly string[];
}

export interface RepositoryAudit {
  readonly config: AuditConfig;
  /** The configuration file read; undefined when there was none (defaults) or `config` was given. */
  readonly configFile: string | undefined;
  readonly model: RepositoryModel;
  readonly result: AuditResult;
  /** Milliseconds spent reading the configuration, building the model and running the rules. */
  readonly timings: { readonly config: number; readonly model: number; readonly rules: number };
}

/**
 * Read the configuration, load the model with its entry points and ignores,
 * run the rules (`only` and `skip` select them). The whole audit over a
 * FileSystem, without other IO. A rule selection naming an unknown rule
 * (UnknownRuleError) and a given entry point that is not a folder
 * (EntryPointNotFoundError) are refused before anything is loaded.
 */
export function auditRepository(fs: FileSystem, options: AuditRepositoryOptions): RepositoryAudit {
  const rules = options.rules;
  checkRuleSelection(options, [...rules, ...engineRules].map((r) => r.id));
  if (options.entryPoints) checkEntryPoints(fs, options.entryPoints);
  const started = performance.now();
  const configFile = options.config ? undefined : (options.configFile ?? CONFIG_FILE_NAME);
  const config =
    options.config ??
    readAuditConfig(fs, { ...(options.configFile !== undefined ? { file: options.configFile } : {}), rules });
  const configured = performance.now();
  const entryPoints = options.entryPoints ?? config.entryPoints;
  const model = loadRepository(fs, modelOptions(config, entryPoints));
  const loaded = performance.now();
  const result = runAudit(model, {
    rules,
    config,
    ...(options.only ? { only: options.only } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
  });
  const timings = { config: configured - started, model: loaded - configured, rules: performance.now() - loaded };
  return { config, configFile: configFile !== undefined && fs.stat(configFile) === 'file' ? configFile : undefined, model, result, timings };
}
