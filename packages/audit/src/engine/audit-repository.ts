import { loadRepository } from '@kustodian/manifest-model';
import type { ChangeOptions, FileSystem, KustodianConfig, RepositoryModel } from '@kustodian/manifest-model';
import { CONFIG_FILE_NAME, modelOptions } from '@kustodian/manifest-model';
import { readAuditConfig } from '../config/audit-config.js';
import type { AuditResult } from './audit-result.js';
import type { AnyRule } from './define-rule.js';
import { runAudit } from './run-audit.js';
import { engineRules } from './rules/engine-rules.js';
import type { RuleSelection } from './selection.js';
import { checkEntryPoints, checkRuleSelection } from './selection.js';

export interface AuditRepositoryOptions extends RuleSelection {
  /** The rules to run (the engine does not pick them: the apps pass `allRules`); also what kustodian.yaml may configure. */
  readonly rules: readonly AnyRule[];
  /** Use this configuration instead of reading kustodian.yaml. */
  readonly config?: KustodianConfig;
  /** The configuration file to read. @default 'kustodian.yaml' */
  readonly configFile?: string;
  /**
   * Entry points that win over the configuration's (e.g. from a command-line
   * flag). Each must be a folder of the repository: EntryPointNotFoundError
   * otherwise (the configuration's are checked by the model, as diagnostics).
   */
  readonly entryPoints?: readonly string[];
  /** What a rule that throws does to the run (see RunAuditOptions). @default 'diagnose' */
  readonly onRuleError?: 'diagnose' | 'throw';
  /**
   * Audit the changes only: the model builds what the changed files can
   * affect (LoadOptions.changes). The findings in the changed files are the
   * whole audit's; findings elsewhere are partial, so callers keep only the
   * changed files' (filterToChangedFiles).
   */
  readonly changes?: ChangeOptions;
}

export interface RepositoryAudit {
  readonly config: KustodianConfig;
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
  const model = loadRepository(fs, { ...modelOptions(config, entryPoints), ...(options.changes ? { changes: options.changes } : {}) });
  const loaded = performance.now();
  const result = runAudit(model, {
    rules,
    config,
    ...(options.only ? { only: options.only } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });
  const timings = { config: configured - started, model: loaded - configured, rules: performance.now() - loaded };
  return { config, configFile: configFile !== undefined && fs.stat(configFile) === 'file' ? configFile : undefined, model, result, timings };
}
