/**
 * kustodian.yaml is loaded by the model (`loadConfig`, `readConfig`); the
 * audit only says which rules its `rules:` section may configure — the
 * engine rules and the rules it is handed — and publishes the schema.
 */
import type { ConfigurableRule, FileSystem, JsonSchema, KustodianConfig } from '@kustodian/manifest-model';
import { buildConfigSchema, CONFIG_FILE_NAME, loadConfig, readConfig } from '@kustodian/manifest-model';
import type { AnyRule } from '../engine/define-rule.js';
import { engineRules } from '../engine/rules/engine-rules.js';
import { SCHEMA_FINGERPRINT, validateConfig } from './config-validator.generated.js';

/** The validator compiled by the build from the built-in rules' schema (used when the rules given have that schema). */
const precompiled = { fingerprint: SCHEMA_FINGERPRINT, validate: validateConfig };

/** The rules `rules:` may name: the engine rules and the given ones, as the schema describes them. */
export function configurableRules(rules: readonly AnyRule[]): ConfigurableRule[] {
  const byId = new Map<string, AnyRule>();
  for (const rule of [...engineRules, ...rules]) byId.set(rule.id, rule);
  return [...byId.values()].map((rule) => ({
    id: rule.id,
    summary: rule.meta.summary,
    defaultSeverity: rule.meta.defaultSeverity,
    optionsSchema: rule.meta.options?.schema,
  }));
}

export interface AuditConfigOptions {
  /** The rules the `rules:` section may name (the engine rules always); the apps pass every built-in rule (`allRules`). */
  readonly rules?: readonly AnyRule[];
}

/** loadConfig, with `rules:` checked against these rules. Throws ConfigError. */
export function loadAuditConfig(text: string, file: string = CONFIG_FILE_NAME, options: AuditConfigOptions = {}): KustodianConfig {
  return loadConfig(text, file, { rules: configurableRules(options.rules ?? []), precompiled });
}

/** readConfig, with `rules:` checked against these rules. Throws ConfigError. */
export function readAuditConfig(fs: FileSystem, options: AuditConfigOptions & { readonly file?: string } = {}): KustodianConfig {
  return readConfig(fs, { rules: configurableRules(options.rules ?? []), precompiled, ...(options.file !== undefined ? { file: options.file } : {}) });
}

/** The published schema of kustodian.yaml (kustodian.schema.json): the given rules (every built-in one) and the engine rules. */
export function publishedConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  return buildConfigSchema(configurableRules(rules));
}

/** kustodian.schema.json as written at the repository root. */
export function renderConfigSchema(rules: readonly AnyRule[]): string {
  return `${JSON.stringify(publishedConfigSchema(rules), null, 2)}\n`;
}
