import type { KustodianConfig } from '@kustodian/manifest-model';
import { DEFAULT_CONFIG } from '@kustodian/manifest-model';
import type { Diagnostic, RepositoryModel } from '@kustodian/manifest-model';
import { runIsolated } from './isolate-rule.js';
import { AuditError } from '../errors.js';
import type { AuditResult, RuleRun, SuppressedFinding } from './audit-result.js';
import type { AnyRule } from './define-rule.js';
import { closestWord } from '@kustodian/core';
import type { Finding } from './finding.js';
import { compareFindings, formatMessage, toFindingRelated, toFindingResource } from './finding.js';
import type { AnyRuleReport } from './rule-context.js';
import { engineRules, suppressionInvalid, suppressionUnused } from './rules/engine-rules.js';
import type { Severity } from './severity.js';
import { isAtLeast } from './severity.js';
import { withoutReportedDiagnostics } from './reported-diagnostics.js';
import type { RuleSelection } from './selection.js';
import { checkRuleSelection, isSelected } from './selection.js';
import { collectSuppressions, covers } from './suppressions.js';
import type { Suppression } from './suppressions.js';

export interface RunAuditOptions extends RuleSelection {
  /** The rules to run (the engine does not pick them: the apps pass `allRules`); suppressions may name any of them. */
  readonly rules: readonly AnyRule[];
  /** @default DEFAULT_CONFIG (no kustodian.yaml) */
  readonly config?: KustodianConfig;
  /**
   * What a rule that throws (or breaks its contract) does to the run:
   * `diagnose` sets the input it was reading aside, runs it again on the
   * rest and reports a `rule-failed` diagnostic; `throw` stops the run with
   * AuditError RULE_FAILED (the rule tester's choice).
   * @default 'diagnose'
   */
  readonly onRuleError?: 'diagnose' | 'throw';
}

/** The severity configuration gives a rule; undefined when it is off. */
export function effectiveSeverity(rule: AnyRule, config: KustodianConfig): Severity | undefined {
  const setting = config.rules[rule.id]?.severity ?? rule.meta.defaultSeverity;
  return setting === 'off' ? undefined : setting;
}

/** A rule's options: its defaults, with the configured options over them. */
export function effectiveOptions(rule: AnyRule, config: KustodianConfig): Readonly<Record<string, unknown>> {
  const defaults = (rule.meta.options?.defaults ?? {}) as Readonly<Record<string, unknown>>;
  const configured = config.rules[rule.id]?.options;
  return configured === undefined ? defaults : { ...defaults, ...configured };
}

/**
 * A finding's severity: the report's own when it gives one (capped by a
 * severity configured for the rule), else the rule's effective severity.
 */
export function findingSeverity(ruleSeverity: Severity, configured: boolean, reported: Severity | undefined): Severity {
  if (reported === undefined) return ruleSeverity;
  if (!configured) return reported;
  return isAtLeast(reported, ruleSeverity) ? ruleSeverity : reported;
}

function makeFinding(rule: AnyRule, severity: Severity, report: AnyRuleReport, configured = false): Finding {
  const template = (rule.meta.messages as Record<string, string>)[report.messageId];
  if (template === undefined) {
    throw new AuditError('RULE_FAILED', `rule ${rule.id} reported unknown messageId "${report.messageId}"`, { ruleId: rule.id });
  }
  const { text, missing } = formatMessage(template, report.data ?? {});
  if (missing.length > 0) {
    throw new AuditError('RULE_FAILED', `rule ${rule.id} (${report.messageId}) gave no value for {{${missing.join('}}, {{')}}}`, { ruleId: rule.id });
  }
  const loc = report.location;
  if (!loc || !loc.file || !(loc.line >= 1) || !(loc.column >= 1)) {
    throw new AuditError('RULE_FAILED', `rule ${rule.id} (${report.messageId}) reported a location without file, line and column: ${JSON.stringify(loc)}`, { ruleId: rule.id });
  }
  for (const related of report.related ?? []) {
    if (rule.meta.related?.[related.role] === undefined) {
      throw new AuditError('RULE_FAILED', `rule ${rule.id} (${report.messageId}) reported a related place with role "${related.role}", which its meta.related does not declare`, { ruleId: rule.id });
    }
    const at = related.location;
    if (!at || !at.file || !(at.line >= 1) || !(at.column >= 1)) {
      throw new AuditError('RULE_FAILED', `rule ${rule.id} (${report.messageId}) reported a related place without file, line and column: ${JSON.stringify(at)}`, { ruleId: rule.id });
    }
  }
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    severity: findingSeverity(severity, configured, report.severity),
    message: text,
    location: { file: loc.file, line: loc.line, column: loc.column },
    resource: toFindingResource(report.resource),
    fix: rule.meta.fix,
    related: toFindingRelated(report.related, loc),
    data: report.data ?? {},
  };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.location.file}|${f.location.line}|${f.location.column}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Run rules over a model. Pure. The engine, not the rules, applies the
 * configuration (rules off, severities, options), suppressions (annotations
 * and comments, with the engine's own `suppression-invalid` and
 * `suppression-unused` findings), de-duplication and ordering. Load
 * diagnostics that a rule of the run reports as findings are left out of
 * the result's diagnostics (see reported-diagnostics.ts).
 * A rule that throws or breaks its contract is a `rule-failed` diagnostic,
 * and is run again without the input it failed on (see isolate-rule.ts);
 * with `onRuleError: 'throw'` it is AuditError RULE_FAILED instead.
 */
export function runAudit(model: RepositoryModel, options: RunAuditOptions): AuditResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const rules = options.rules;
  const ids = new Set<string>();
  for (const rule of [...rules, ...engineRules]) {
    if (ids.has(rule.id)) throw new AuditError('RULE_FAILED', `two rules have the id ${rule.id}`, { ruleId: rule.id });
    ids.add(rule.id);
  }
  checkRuleSelection(options, ids);
  const severityOf = (rule: AnyRule) => (isSelected(rule.id, options) ? effectiveSeverity(rule, config) : undefined);

  const runs: RuleRun[] = [];
  const reported: Finding[] = [];
  const failures: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule);
    if (severity === undefined) continue;
    const configured = config.rules[rule.id]?.severity !== undefined;
    const started = performance.now();
    const check = (view: RepositoryModel, into: Finding[]) => {
      const ctx = {
        model: view,
        config,
        options: effectiveOptions(rule, config),
        report: (report: AnyRuleReport) => into.push(makeFinding(rule, severity, report, configured)),
      };
      rule.check(ctx);
    };
    if (options.onRuleError === 'throw') {
      try {
        check(model, reported);
      } catch (error) {
        if (error instanceof AuditError) throw error;
        throw new AuditError('RULE_FAILED', `rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}`, { ruleId: rule.id }, { cause: error });
      }
    } else {
      const run = runIsolated<Finding>(rule.id, model, check);
      reported.push(...run.reported);
      failures.push(...run.diagnostics);
    }
    runs.push({ rule, severity, ms: performance.now() - started });
  }

  const suppressions = collectSuppressions(model);
  const ran = new Set(runs.map((r) => r.rule.id));
  const known = ids;
  const usable = (s: Suppression) => s.ruleId !== '' && s.reason !== '' && known.has(s.ruleId);
  const used = new Set<Suppression>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of dedupe(reported)) {
    const by = suppressions.find((s) => usable(s) && covers(s, finding));
    if (by) {
      used.add(by);
      suppressed.push({ finding, suppression: by });
    } else findings.push(finding);
  }

  const invalidSeverity = severityOf(suppressionInvalid);
  const unusedSeverity = severityOf(suppressionUnused);
  if (invalidSeverity) runs.push({ rule: suppressionInvalid, severity: invalidSeverity });
  if (unusedSeverity) runs.push({ rule: suppressionUnused, severity: unusedSeverity });
  for (const s of suppressions) {
    const at = { location: s.location, resource: s.resource };
    if (invalidSeverity && !usable(s)) {
      const report: AnyRuleReport =
        s.ruleId === ''
          ? { ...at, messageId: 'malformed', data: { text: s.text } }
          : !known.has(s.ruleId)
            ? { ...at, messageId: 'unknownRule', data: { ruleId: s.ruleId, hint: hintFor(s.ruleId, known) } }
            : { ...at, messageId: 'missingReason', data: { ruleId: s.ruleId } };
      findings.push(makeFinding(suppressionInvalid, invalidSeverity, report));
    } else if (unusedSeverity && usable(s) && ran.has(s.ruleId) && !used.has(s)) {
      findings.push(makeFinding(suppressionUnused, unusedSeverity, { ...at, messageId: 'unused', data: { ruleId: s.ruleId } }));
    }
  }

  return {
    findings: dedupe(findings).sort(compareFindings),
    suppressed: suppressed.sort((a, b) => compareFindings(a.finding, b.finding)),
    diagnostics: failures.length === 0 ? withoutReportedDiagnostics(model.diagnostics, ids) : [...withoutReportedDiagnostics(model.diagnostics, ids), ...failures],
    rules: runs.sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0)),
    files: model.files.length,
    resources: model.resources.length,
  };
}

function hintFor(id: string, known: ReadonlySet<string>): string {
  const near = closestWord(id, [...known]);
  return near ? ` (did you mean ${near}?)` : '';
}
