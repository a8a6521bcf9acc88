/**
 * Runs one rule so that a throw on one input costs only that input: the
 * model the rule sees notes which resource or file it was reading; when the
 * rule throws, that input is set aside and the rule runs again without it,
 * so every other resource and file is still checked. Each input set aside
 * is a `rule-failed` diagnostic naming the rule and the file.
 */
import type { Diagnostic, RepositoryFile, RepositoryModel, Resource, SourceLocation } from '@kustodian/manifest-model';

/** Inputs set aside before the rule is given up on (each costs one more run of it). */
const MAX_FAILURES = 20;

type Input = { readonly resource: Resource } | { readonly file: RepositoryFile };

function locationOf(input: Input): SourceLocation {
  return 'resource' in input ? input.resource.location : { file: input.file.path, line: 1, column: 1 };
}

/** A list whose element reads report the element (as a rule iterates it). */
function observed<T>(items: readonly T[], onRead: (item: T) => void): readonly T[] {
  return new Proxy(items as T[], {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key === 'string' && /^\d+$/.test(key) && value !== undefined) onRead(value as T);
      return value;
    },
  });
}

export interface IsolatedRun<T> {
  /** What the last run of the rule reported: all of it when the rule ended normally. */
  readonly reported: readonly T[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Calls `check` with a view of the model (the same model, its `resources`
 * and `files` observed, minus the inputs set aside) and a fresh list to
 * report into, until it ends without throwing.
 */
export function runIsolated<T>(ruleId: string, model: RepositoryModel, check: (view: RepositoryModel, reported: T[]) => void): IsolatedRun<T> {
  // The common case costs nothing: the rule runs on the model itself, and only a rule that throws runs again, observed.
  const first: T[] = [];
  try {
    check(model, first);
    return { reported: first, diagnostics: [] };
  } catch {
    // Run again below, watching which input it reads when it throws.
  }
  const diagnostics: Diagnostic[] = [];
  const skippedResources = new Set<Resource>();
  const skippedFiles = new Set<RepositoryFile>();
  for (;;) {
    let current: Input | undefined;
    const resources = observed(
      model.resources.filter((r) => !skippedResources.has(r)),
      (resource) => (current = { resource }),
    );
    const files = observed(
      model.files.filter((f) => !skippedFiles.has(f)),
      (file) => (current = { file }),
    );
    const view = Object.create(model, { resources: { value: resources }, files: { value: files } }) as RepositoryModel;
    const reported: T[] = [];
    try {
      check(view, reported);
      return { reported, diagnostics };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const input = current;
      const where = input ? locationOf(input) : { file: model.files[0]?.path ?? '.', line: 1, column: 1 };
      const what = !input ? 'the repository' : 'resource' in input ? `${input.resource.kind} ${input.resource.namespace ? `${input.resource.namespace}/` : ''}${input.resource.name}` : input.file.path;
      const last = !input || diagnostics.length + 1 >= MAX_FAILURES;
      diagnostics.push({
        code: 'rule-failed',
        severity: 'error',
        message: `rule ${ruleId} failed on ${what}: ${why}; ${last ? 'it was stopped there, and reported only what it found before' : 'the rule ran again without it, so every other input was checked'}. This is a bug in Kustodian: please report it with this message`,
        location: where,
      });
      if (last) return { reported, diagnostics };
      if ('resource' in input) skippedResources.add(input.resource);
      else skippedFiles.add(input.file);
    }
  }
}
