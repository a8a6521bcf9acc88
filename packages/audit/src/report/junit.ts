import { formatLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import type { FailOn } from '../engine/exit-code.js';
import { isAtLeast } from '../engine/severity.js';
import type { Severity } from '../engine/severity.js';
import { compactLine } from './compact.js';

export interface JunitReportOptions {
  /** Findings and load problems at or above this severity fail; the others pass, their message kept. @default 'error' */
  readonly failOn?: FailOn;
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe in XML content and in attribute values: `& < > " '` as entities,
 * CR as a character reference (a parser would turn a raw one into LF), and
 * characters XML 1.0 cannot hold as U+FFFD, so that something still shows.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value: escapeXml, and tabs and line breaks as references too (a parser would turn raw ones into spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

type Outcome = { readonly kind: 'failure' | 'error'; readonly type: string; readonly message: string } | { readonly kind: 'skipped'; readonly message: string } | { readonly kind: 'passed' };

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: Outcome;
  /** What the case found, as <system-out> of a passing case or the body of a failure or error. */
  readonly detail?: string;
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function counts(cases: readonly Case[]) {
  const n = (kind: Outcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

function testcase(c: Case): string[] {
  const open = `    <testcase${attributes({ classname: c.classname, name: c.name })}`;
  const o = c.outcome;
  if (o.kind === 'passed' && c.detail === undefined) return [`${open}/>`];
  const inner =
    o.kind === 'passed'
      ? `<system-out>${escapeXml(c.detail!)}</system-out>`
      : o.kind === 'skipped'
        ? `<skipped${attributes({ message: o.message })}/>`
        : `<${o.kind}${attributes({ type: o.type, message: o.message })}>${escapeXml(c.detail ?? '')}</${o.kind}>`;
  return [`${open}>`, `      ${inner}`, '    </testcase>'];
}

/** The name of the suite that holds the problems found while reading the repository (not a rule id: those never end in `problems`). */
export const JUNIT_LOAD_SUITE = 'load-problems';

/**
 * JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure
 * Pipelines). One test suite per rule that ran, not per file: those tools
 * list suites with their pass and fail counts, and a rule is what passed or
 * failed (a file that is fine would not appear at all, a rule that found
 * nothing does: one passing case, `no findings`). Each finding is a case named
 * by its `path:line:col`, classname the rule id:
 * - at or above --fail-on: a <failure> (message = the finding's message,
 *   body = its compact line and fix);
 * - below it: a passing case with the same text in <system-out>, because the
 *   run does not fail on it either: the report fails exactly when the exit
 *   status does;
 * - suppressed in the repository: <skipped> with the suppression's reason.
 * Problems reading the repository are the suite `load-problems`, one case per
 * problem: an <error> (the file could not be audited) when at or above
 * --fail-on, else passing with <system-out>.
 */
export function renderJunit(result: AuditResult, options: JunitReportOptions = {}): string {
  const failOn = options.failOn ?? 'error';
  const fails = (severity: Severity) => failOn !== 'never' && isAtLeast(severity, failOn);
  const suites = new Map<string, Case[]>(result.rules.map((run) => [run.rule.id, []]));
  const add = (suite: string, c: Case) => {
    const list = suites.get(suite);
    if (list) list.push(c);
    else suites.set(suite, [c]);
  };

  for (const f of result.findings) {
    const detail = `${compactLine(f.location, f.severity, f.message, f.ruleId)}\nfix: ${f.fix}`;
    const outcome: Outcome = fails(f.severity) ? { kind: 'failure', type: f.severity, message: f.message } : { kind: 'passed' };
    add(f.ruleId, { classname: f.ruleId, name: formatLocation(f.location), outcome, detail });
  }
  for (const { finding: f, suppression } of result.suppressed) {
    add(f.ruleId, { classname: f.ruleId, name: formatLocation(f.location), outcome: { kind: 'skipped', message: `suppressed: ${suppression.reason}` } });
  }
  for (const d of result.diagnostics) {
    const outcome: Outcome = fails(d.severity) ? { kind: 'error', type: d.severity, message: d.message } : { kind: 'passed' };
    add(JUNIT_LOAD_SUITE, { classname: d.code, name: formatLocation(d.location), outcome, detail: compactLine(d.location, d.severity, d.message, d.code) });
  }

  const body: string[] = [];
  const all: Case[] = [];
  for (const [name, found] of suites) {
    const cases = found.length > 0 ? found : [{ classname: name, name: 'no findings', outcome: { kind: 'passed' } as const }];
    all.push(...cases);
    body.push(`  <testsuite${attributes({ name, ...counts(cases) })}>`, ...cases.flatMap(testcase), '  </testsuite>');
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'kustodian audit', ...counts(all) })}>`, ...body, '</testsuites>', ''].join('\n');
}
