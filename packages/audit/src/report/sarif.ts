import type { SourceLocation } from '@kustodian/manifest-model';
import type { AuditResult } from '../engine/audit-result.js';
import { findingFingerprint } from '../engine/baseline.js';
import { RULE_DOCS_BASE_URL, ruleDocsUrl } from '../engine/define-rule.js';
import type { AnyRule } from '../engine/define-rule.js';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import type { FailOn } from '../engine/exit-code.js';
import { exitReason } from './exit-reason.js';
import { describeResource } from './wording.js';
import type { ReportRun } from './report-run.js';

export interface SarifReportOptions {
  /** Base URL of the rule docs (ending with '/'). @default RULE_DOCS_BASE_URL */
  readonly docsBaseUrl?: string;
  /** Version of the tool, shown by code scanning (run.tool.version wins). */
  readonly toolVersion?: string;
  /**
   * The tool's version, the repository (the file: URI of %SRCROOT% when its
   * path is absolute), its revision (versionControlProvenance) and the entry
   * points (run properties).
   */
  readonly run?: ReportRun;
  /** With it, the invocation carries the exit status the CLI returns and why. */
  readonly failOn?: FailOn;
}

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const TOOL_URI = 'https://github.com/kustodian/kustodian';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** A repository path as a relative URI reference (each segment percent-encoded). */
function fileUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SemVer 2.0.0, which `semanticVersion` must be (a version like `dev` is only `version`). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The file: URI of an absolute folder (POSIX, or Windows with a drive letter), ending in `/`; undefined for a relative path. */
export function folderUri(path: string): string | undefined {
  const drive = /^[A-Za-z]:[\\/]/.test(path);
  if (!drive && !path.startsWith('/')) return undefined;
  const segments = (drive ? path.replace(/\\/g, '/') : path).split('/').filter((s) => s !== '');
  const encoded = segments.map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s)));
  return `file:///${encoded.map((s) => `${s}/`).join('')}`;
}

function physicalLocation(location: SourceLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(location.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

function ruleDescriptor(rule: AnyRule, docsBase: string) {
  const url = ruleDocsUrl(rule.id, docsBase);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.summary },
    fullDescription: { text: rule.meta.rationale },
    help: {
      text: `${rule.meta.fix} See ${url}`,
      markdown: `${rule.meta.fix}\n\n[${rule.id}](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity as Severity] },
    properties: { category: rule.meta.category, tags: ['kustodian', rule.meta.category] },
  };
}

function sarifResult(finding: Finding, ruleIndex: Map<string, number>, justification?: string) {
  const index = ruleIndex.get(finding.ruleId);
  const r = finding.resource;
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        ...physicalLocation(finding.location),
        ...(r
          ? { logicalLocations: [{ name: r.name, fullyQualifiedName: `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`, kind: 'resource' }] }
          : {}),
      },
    ],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((related, id) => ({
            id,
            ...physicalLocation(related),
            message: { text: `${related.role}${related.resource ? `: ${describeResource(related.resource)}` : ''}` },
          })),
        }
      : {}),
    partialFingerprints: { 'kustodianFinding/v1': findingFingerprint(finding) },
    ...(justification !== undefined ? { suppressions: [{ kind: 'inSource', justification }] } : {}),
  };
}

/** The SARIF 2.1.0 log as data. */
export function toSarifLog(result: AuditResult, options: SarifReportOptions = {}) {
  const docsBase = options.docsBaseUrl ?? RULE_DOCS_BASE_URL;
  const rules = result.rules.map((r) => r.rule);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const version = options.run?.tool.version ?? options.toolVersion;
  const run = options.run;
  const root = run ? folderUri(run.repository) : undefined;
  const exit = options.failOn !== undefined ? exitReason(result, options.failOn) : undefined;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'kustodian',
            informationUri: TOOL_URI,
            ...(version ? { version } : {}),
            ...(version && SEMVER.test(version) ? { semanticVersion: version } : {}),
            rules: rules.map((r) => ruleDescriptor(r, docsBase)),
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        // Every result's uri is relative to %SRCROOT%, the repository root.
        originalUriBaseIds: { '%SRCROOT%': { ...(root ? { uri: root } : {}), description: { text: 'The root of the audited repository.' } } },
        ...(run?.revision !== undefined && root ? { versionControlProvenance: [{ repositoryUri: root, revisionId: run.revision, mappedTo: { uriBaseId: '%SRCROOT%' } }] } : {}),
        ...(run
          ? { properties: { repository: run.repository, ...(run.revision !== undefined ? { revision: run.revision } : {}), entryPoints: [...run.entryPoints] } }
          : {}),
        invocations: [
          {
            executionSuccessful: true,
            // executionSuccessful says the audit ran; whether it failed on findings is the exit code.
            ...(exit ? { exitCode: exit.code, exitCodeDescription: exit.reason } : {}),
            toolExecutionNotifications: result.diagnostics.map((d) => ({
              descriptor: { id: d.code },
              level: LEVEL[d.severity],
              message: { text: d.message },
              locations: [physicalLocation(d.location)],
            })),
          },
        ],
        results: [
          ...result.findings.map((f) => sarifResult(f, ruleIndex)),
          ...result.suppressed.map((s) => sarifResult(s.finding, ruleIndex, s.suppression.reason)),
        ],
      },
    ],
  };
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export function renderSarif(result: AuditResult, options: SarifReportOptions = {}): string {
  return `${JSON.stringify(toSarifLog(result, options), null, 2)}\n`;
}
