import type { AuditResult } from '../engine/audit-result.js';
import type { FailOn } from '../engine/exit-code.js';
import { isAtLeast } from '../engine/severity.js';
import type { Severity } from '../engine/severity.js';
import { formatLocation } from './run-info.js';

export interface JunitReportOptions {
  /** Findings at or above this severity are failures; others are passing test cases that carry their message. @default 'error' */
  readonly failOn?: FailOn;
}

/** Text safe in XML content and attribute values; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly detail: string;
}

/**
 * JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure
 * Pipelines). One test suite per rule that ran, because those tools list
 * suites and show their pass/fail counts: a rule that found nothing is one
 * passing case; each finding is a case named by its `path:line:col`, a
 * <failure> when at or above --fail-on, else a passing case whose message is
 * in <system-out>, so that the report fails exactly when the exit status does.
 * Load problems are one more suite.
 */
export function renderJunit(result: AuditResult, options: JunitReportOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const fails = (severity: Severity) => failOn !== 'never' && isAtLeast(severity, failOn);
  const suites = new Map<string, Case[]>();
  for (const run of result.rules) suites.set(run.rule.id, []);
  for (const f of result.findings) {
    const list = suites.get(f.ruleId) ?? [];
    list.push({ name: formatLocation(f.location), severity: f.severity, message: f.message, detail: `${f.message}\nfix: ${f.fix}` });
    suites.set(f.ruleId, list);
  }
  if (result.diagnostics.length > 0) {
    suites.set(
      'kustodian-load',
      result.diagnostics.map((d) => ({ name: formatLocation(d.location), severity: d.severity, message: `${d.code}: ${d.message}`, detail: `${d.code}: ${d.message}` })),
    );
  }
  const body: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [id, cases] of [...suites].sort(([a], [b]) => a.localeCompare(b))) {
    const suiteCases = cases.length === 0 ? [undefined] : cases;
    const suiteFailures = cases.filter((c) => fails(c.severity)).length;
    tests += suiteCases.length;
    failures += suiteFailures;
    body.push(`  <testsuite name="${escapeXml(id)}" tests="${suiteCases.length}" failures="${suiteFailures}" errors="0" skipped="0">`);
    for (const c of suiteCases) {
      if (c === undefined) {
        body.push(`    <testcase classname="${escapeXml(id)}" name="no findings"/>`);
        continue;
      }
      body.push(`    <testcase classname="${escapeXml(id)}" name="${escapeXml(c.name)}">`);
      if (fails(c.severity)) body.push(`      <failure type="${c.severity}" message="${escapeXml(c.message)}">${escapeXml(`${c.name}: ${c.detail}`)}</failure>`);
      else body.push(`      <system-out>${escapeXml(`${c.severity}: ${c.detail}`)}</system-out>`);
      body.push('    </testcase>');
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kustodian audit" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
