// Engine
export { defineRule, ruleDocsPath, ruleDocsUrl, RULE_DOCS_BASE_URL } from './engine/define-rule.js';
export { findingsOf } from './engine/define-rule.js';
export type { AnyRule, FindingOf, MessageIdOfRule, Rule, RuleCategory, RuleExample, RuleMeta, RuleOptionsMeta } from './engine/define-rule.js';
export type { AnyRuleReport, RuleContext, RuleReport } from './engine/rule-context.js';
export type { Finding, FindingData, FindingRelated, FindingResource, FindingResourceInput, FindingScalar, MessageData, PlaceholdersOf, RelatedInput, RelatedRole, RuleMessages, TypedFinding } from './engine/finding.js';
export { compareFindings, findingResourceKey, formatMessage, RELATED_ROLES } from './engine/finding.js';
export type { Severity } from './engine/severity.js';
export { compareSeverity, isAtLeast, SEVERITIES } from './engine/severity.js';
export type { RunAuditOptions } from './engine/run-audit.js';
export { effectiveOptions, effectiveSeverity, runAudit } from './engine/run-audit.js';
export type { AuditResult, AuditSummary, RuleRun, SuppressedFinding } from './engine/audit-result.js';
export { filterAuditResult, summarizeAudit } from './engine/audit-result.js';
export type { AuditRepositoryOptions, RepositoryAudit } from './engine/audit-repository.js';
export { auditRepository } from './engine/audit-repository.js';
export type { RuleSelection } from './engine/selection.js';
export { checkEntryPoints, checkRuleSelection, EntryPointNotFoundError, isSelected, UnknownRuleError } from './engine/selection.js';
export type { Suppression } from './engine/suppressions.js';
export { collectSuppressions, findCommentSuppressions, IGNORE_ANNOTATION, IGNORE_COMMENT, parseIgnoreAnnotation } from './engine/suppressions.js';
export { engineRules } from './engine/rules/engine-rules.js';
export type { Baseline, BaselineEntry, BaselineOutcome } from './engine/baseline.js';
export { applyBaseline, findingFingerprint, readBaseline, writeBaseline } from './engine/baseline.js';
export { filterToChangedFiles } from './engine/changed-files.js';
export type { FailOn } from './engine/exit-code.js';
export { auditExitCode } from './engine/exit-code.js';

// Configuration (kustodian.yaml is loaded by the model: loadConfig, readConfig, KustodianConfig, ConfigError)
export type { AuditConfigOptions } from './config/audit-config.js';
export { configurableRules, loadAuditConfig, publishedConfigSchema, readAuditConfig, renderConfigSchema } from './config/audit-config.js';

// Rules
export { allRules, secretUndefined, secretUnused } from './rules/registry.js';

// Reports
export type { TextReportOptions } from './report/text.js';
export { renderText } from './report/text.js';
export type { JsonDiagnostic, JsonFinding, JsonReport } from './report/json.js';
export { renderJson, toJsonReport } from './report/json.js';
export type { SarifReportOptions } from './report/sarif.js';
export { renderSarif, SARIF_SCHEMA_URI, toSarifLog } from './report/sarif.js';
export { escapeCommandData, escapeCommandProperty, renderGithubAnnotations } from './report/github-annotations.js';
export type { MarkdownReportOptions } from './report/markdown.js';
export { renderMarkdown } from './report/markdown.js';
export type { ReportRun } from './report/report-run.js';
export type { ExitReason } from './report/exit-reason.js';
export { exitReason } from './report/exit-reason.js';
export { renderCompact } from './report/compact.js';
export type { JunitReportOptions } from './report/junit.js';
export { escapeXml, renderJunit } from './report/junit.js';
export type { ReportFormat, ReportOptions } from './report/render-report.js';
export { renderReport, REPORT_FORMATS } from './report/render-report.js';

// Docs
export type { GeneratedFile } from './docs/render-rule-docs.js';
export { generatedFiles, REGENERATE_COMMAND, renderRuleDoc, renderRuleIndex, ruleDocFiles } from './docs/render-rule-docs.js';

// Errors
export type { AuditErrorCode } from './errors.js';
export { AuditError } from './errors.js';
