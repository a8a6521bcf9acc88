import type { FileSystem } from '@kustodian/manifest-model';
import { normalizePath } from '@kustodian/manifest-model';
import { AuditError } from '../errors.js';
import { closestWord } from '@kustodian/core';

/** Rules chosen for one run (e.g. on the command line), over what the configuration turns on. */
export interface RuleSelection {
  /** Run only these rules (ids); none given: every rule. */
  readonly only?: readonly string[];
  /** Do not run these rules (ids). */
  readonly skip?: readonly string[];
}

/** A rule selection names a rule that does not exist. */
export class UnknownRuleError extends AuditError {
  override readonly name = 'UnknownRuleError';
  constructor(
    /** The id as given. */
    readonly ruleId: string,
    /** Which list named it. */
    readonly list: 'only' | 'skip',
    /** The existing id nearest to it, when one is near enough. */
    readonly suggestion: string | undefined,
  ) {
    super('RULE_UNKNOWN', `unknown rule ${ruleId}${suggestion ? `; did you mean ${suggestion}?` : ''}`, { ruleId, list });
  }
}

/** Throws UnknownRuleError for the first id of a selection that is not among `known`. */
export function checkRuleSelection(selection: RuleSelection, known: Iterable<string>): void {
  const ids = [...known];
  for (const list of ['only', 'skip'] as const) {
    for (const id of selection[list] ?? []) {
      if (!ids.includes(id)) throw new UnknownRuleError(id, list, closestWord(id, ids));
    }
  }
}

/** Whether a selection lets a rule run (the configuration may still turn it off). */
export function isSelected(ruleId: string, selection: RuleSelection): boolean {
  if (selection.only && selection.only.length > 0 && !selection.only.includes(ruleId)) return false;
  return !(selection.skip ?? []).includes(ruleId);
}

/** An entry point given by the caller (not by kustodian.yaml) is not a folder of the repository. */
export class EntryPointNotFoundError extends AuditError {
  override readonly name = 'EntryPointNotFoundError';
  constructor(
    /** The entry point as given. */
    readonly entryPoint: string,
    /** `outside`: it leads out of the repository; `file`: it is a file; `missing`: nothing is there. */
    readonly reason: 'missing' | 'file' | 'outside',
  ) {
    super('ENTRY_POINT_NOT_FOUND', `entry point ${entryPoint}: ${reason === 'outside' ? 'outside the repository' : reason === 'file' ? 'a file, not a folder' : 'no such folder in the repository'}`, { entryPoint, reason });
  }
}

/** Throws EntryPointNotFoundError for the first entry point that is not a folder of the file system. */
export function checkEntryPoints(fs: FileSystem, entryPoints: readonly string[]): void {
  for (const entryPoint of entryPoints) {
    const path = normalizePath(entryPoint);
    if (path === undefined) throw new EntryPointNotFoundError(entryPoint, 'outside');
    const kind = fs.stat(path);
    if (kind !== 'directory') throw new EntryPointNotFoundError(entryPoint, kind === 'file' ? 'file' : 'missing');
  }
}
