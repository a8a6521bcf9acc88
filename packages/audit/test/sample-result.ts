import type { Diagnostic } from '@kustodian/manifest-model';
import type { AuditResult, SuppressedFinding } from '../src/engine/audit-result.js';
import type { Finding, FindingResource } from '../src/engine/finding.js';
import { engineRules } from '../src/engine/rules/engine-rules.js';
import type { Severity } from '../src/engine/severity.js';
import { allRules } from '../src/rules/registry.js';

export function sampleFinding(p: {
  ruleId?: string;
  file: string;
  line: number;
  column?: number;
  message: string;
  severity?: Severity;
  resource?: FindingResource | null;
  fix?: string;
}): Finding {
  return {
    ruleId: p.ruleId ?? 'kustomization-unapplied',
    messageId: 'kustomizationFile',
    severity: p.severity ?? 'warning',
    message: p.message,
    location: { file: p.file, line: p.line, column: p.column ?? 1 },
    resource: p.resource ?? null,
    fix: p.fix ?? 'Fix it.',
    data: {},
  };
}

/** A result as runAudit returns it, built by hand (reports are tested without a model). */
export function sampleResult(findings: Finding[], extra: { diagnostics?: Diagnostic[]; suppressed?: SuppressedFinding[] } = {}): AuditResult {
  return {
    findings,
    suppressed: extra.suppressed ?? [],
    diagnostics: extra.diagnostics ?? [],
    rules: [...allRules, ...engineRules].map((rule) => ({ rule, severity: rule.meta.defaultSeverity })),
    files: 12,
    resources: 34,
  };
}
