import { createHash } from 'node:crypto';
import { AuditError } from '../errors.js';
import type { AuditResult } from './audit-result.js';
import type { Finding } from './finding.js';
import { findingResourceKey } from './finding.js';

/** Findings accepted as they are, so that only new ones fail a check. */
export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/**
 * One accepted finding. The line is left out on purpose: editing a file above
 * a finding does not make it new.
 */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  /** `group/Kind/namespace/name`, or null. */
  readonly resource: string | null;
  readonly message: string;
  /** How many identical findings are accepted. */
  readonly count: number;
}

export interface BaselineOutcome {
  /** The result without the findings the baseline accepts. */
  readonly result: AuditResult;
  /** Findings the baseline hid. */
  readonly matched: number;
  /** Baseline entries that no longer match a finding (fixed since). */
  readonly stale: readonly BaselineEntry[];
}

function identity(f: Pick<BaselineEntry, 'ruleId' | 'file' | 'resource' | 'message'>): string {
  return JSON.stringify([f.ruleId, f.file, f.resource, f.message]);
}

function entryOf(f: Finding): Omit<BaselineEntry, 'count'> {
  return { ruleId: f.ruleId, file: f.location.file, resource: findingResourceKey(f.resource), message: f.message };
}

/** A stable fingerprint of a finding: rule, file, resource and message, not the line (SARIF partialFingerprints use it). */
export function findingFingerprint(f: Finding): string {
  return createHash('sha256').update(identity(entryOf(f))).digest('hex').slice(0, 32);
}

/** The baseline that accepts every active finding of a result, as JSON text (sorted, one entry per identity). */
export function writeBaseline(result: AuditResult): string {
  const byIdentity = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    const e = entryOf(f);
    const key = identity(e);
    const prev = byIdentity.get(key);
    byIdentity.set(key, { ...e, count: (prev?.count ?? 0) + 1 });
  }
  const findings = [...byIdentity.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  const baseline: Baseline = { version: 1, findings };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Parse a baseline written by writeBaseline. Throws AuditError BASELINE_INVALID. */
export function readBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AuditError('BASELINE_INVALID', `${file} is not JSON: ${(error as Error).message}`, { file }, { cause: error });
  }
  const fail = (why: string): never => {
    throw new AuditError('BASELINE_INVALID', `${file}: ${why}`, { file });
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('expected an object with version and findings');
  const { version, findings } = data as Record<string, unknown>;
  if (version !== 1) fail(`unsupported version ${JSON.stringify(version)} (expected 1)`);
  if (!Array.isArray(findings)) return fail('findings must be a list');
  const entries = findings.map((raw, i): BaselineEntry => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : fail(`findings[${i}].${k} must be a string`));
    const resource = e['resource'] === null || e['resource'] === undefined ? null : str('resource');
    const count = e['count'] === undefined ? 1 : e['count'];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) fail(`findings[${i}].count must be a positive integer`);
    return { ruleId: str('ruleId'), file: str('file'), resource, message: str('message'), count: count as number };
  });
  return { version: 1, findings: entries };
}

/** Hide the findings a baseline accepts (each entry up to its count). */
export function applyBaseline(result: AuditResult, baseline: Baseline): BaselineOutcome {
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of baseline.findings) {
    const key = identity(entry);
    const prev = remaining.get(key);
    remaining.set(key, { entry, left: (prev?.left ?? 0) + entry.count });
  }
  let matched = 0;
  const findings = result.findings.filter((f) => {
    const slot = remaining.get(identity(entryOf(f)));
    if (!slot || slot.left === 0) return true;
    slot.left--;
    matched++;
    return false;
  });
  const stale = [...remaining.values()].filter((s) => s.left === s.entry.count).map((s) => s.entry);
  return { result: { ...result, findings }, matched, stale };
}
