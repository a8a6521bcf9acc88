import type { Diagnostic } from '@kustodian/manifest-model';
import type { AuditResult, SuppressedFinding } from '../src/engine/audit-result.js';
import type { Finding, FindingRelated, FindingResource } from '../src/engine/finding.js';
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
  related?: FindingRelated[];
}): Finding {
  return {
    ruleId: p.ruleId ?? 'kustomization-unapplied',
    messageId: 'kustomizationFile',
    severity: p.severity ?? 'warning',
    message: p.message,
    location: { file: p.file, line: p.line, column: p.column ?? 1 },
    resource: p.resource ?? null,
    fix: p.fix ?? 'Fix it.',
    related: p.related ?? [],
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

/** A finding with related places, as secret-undefined reports a Secret many objects need. */
export function sampleFindingWithRelated(): Finding {
  return sampleFinding({
    ruleId: 'secret-undefined',
    file: 'apps/web/deployment.yaml',
    line: 14,
    column: 17,
    message: 'Secret web/web-env is needed by 3 objects but nothing defines it.',
    severity: 'error',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'web' },
    related: [
      { role: 'target', file: 'apps/web/deployment.yaml', line: 14, column: 17, resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'web', name: 'web-env' } },
      { role: 'consumer', file: 'apps/web/worker.yaml', line: 20, column: 17, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'worker' } },
      { role: 'consumer', file: 'apps/web/cron.yaml', line: 9, column: 5, resource: null },
    ],
  });
}
