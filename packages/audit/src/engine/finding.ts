import { compareLocations } from '@kustodian/manifest-model';
import type { SourceLocation } from '@kustodian/manifest-model';
import type { Severity } from './severity.js';

/** The object a finding is about, as JSON output shows it. */
export interface FindingResource {
  readonly apiVersion: string;
  readonly kind: string;
  /** null for cluster-scoped objects. */
  readonly namespace: string | null;
  readonly name: string;
}

/** What a rule may pass as `resource` (a model Resource fits). */
export interface FindingResourceInput {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string | null | undefined;
  readonly name: string;
}

/**
 * How another place takes part in a finding: `target` the object it is about
 * when that object is elsewhere (or missing: then the place that names it),
 * `consumer` an object that reads it, `definition` where a thing of the same
 * name is defined (e.g. in another namespace), `creator` a command or
 * producer that creates it, `parent` the file that should list it, `copy`
 * another place reported for the same cause, `child` something that follows
 * from it and is not reported again.
 */
export type RelatedRole = 'target' | 'consumer' | 'definition' | 'creator' | 'parent' | 'copy' | 'child';

export const RELATED_ROLES: readonly RelatedRole[] = ['target', 'consumer', 'definition', 'creator', 'parent', 'copy', 'child'];

/** Another place a finding involves, as JSON output shows it. */
export interface FindingRelated {
  readonly role: RelatedRole;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The object at that place, when there is one. */
  readonly resource: FindingResource | null;
}

/** What a rule passes as one of `related`. */
export interface RelatedInput {
  readonly role: RelatedRole;
  readonly location: SourceLocation;
  readonly resource?: FindingResourceInput | null | undefined;
}

/** One problem in the audited repository. */
export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  /** After configuration overrides. */
  readonly severity: Severity;
  readonly message: string;
  readonly location: SourceLocation;
  readonly resource: FindingResource | null;
  /** How to fix it (the rule's `meta.fix`). */
  readonly fix: string;
  /** The other places it involves, in report order; empty for most findings. */
  readonly related: readonly FindingRelated[];
  /**
   * The values its message is written from, one per `{{placeholder}}`: what
   * a consumer reads instead of parsing the message or matching locations.
   * Typed per rule and message by `FindingOf<typeof rule>` (see
   * `findingsOf`). Not part of the JSON report.
   */
  readonly data: FindingData;
}

/** A value of a finding's data. */
export type FindingScalar = string | number | boolean;

/** A finding's data, whatever its rule. */
export type FindingData = Readonly<Record<string, FindingScalar>>;

type TrimStart<S extends string> = S extends ` ${infer R}` ? TrimStart<R> : S;
type TrimEnd<S extends string> = S extends `${infer R} ` ? TrimEnd<R> : S;

/** The placeholder names of a message template, as a union: `PlaceholdersOf<'{{a}} and {{ b }}'>` is `'a' | 'b'`. */
export type PlaceholdersOf<Template extends string> = Template extends `${string}{{${infer Name}}}${infer Rest}`
  ? TrimEnd<TrimStart<Name>> | PlaceholdersOf<Rest>
  : never;

/** The data a message template is written from: one value per placeholder. */
export type MessageData<Template extends string> = { readonly [Name in PlaceholdersOf<Template>]: FindingScalar };

/** Message templates by message id, as a rule's `meta.messages` declares them. */
export type RuleMessages = Readonly<Record<string, string>>;

/** The message ids of a rule's messages. */
export type MessageIdOf<Messages extends RuleMessages> = keyof Messages & string;

/** A finding of a rule with the given messages: for each message id, the data its template needs. */
export type TypedFinding<Messages extends RuleMessages> = {
  [Id in MessageIdOf<Messages>]: Omit<Finding, 'messageId' | 'data'> & { readonly messageId: Id; readonly data: MessageData<Messages[Id]> };
}[MessageIdOf<Messages>];

export function toFindingResource(input: FindingResourceInput | null | undefined): FindingResource | null {
  if (!input) return null;
  return { apiVersion: input.apiVersion, kind: input.kind, namespace: input.namespace ?? null, name: input.name };
}

/**
 * A finding's related places: located, without repeats (same role and place),
 * its target first and then in file and line order, and without the finding's own place (except a
 * `target` named there: a missing Secret is named by the reported reference).
 */
export function toFindingRelated(inputs: readonly RelatedInput[] | undefined, own: SourceLocation): FindingRelated[] {
  if (!inputs || inputs.length === 0) return [];
  const seen = new Set<string>([`*|${own.file}|${own.line}|${own.column}`]);
  const out: FindingRelated[] = [];
  for (const input of inputs) {
    const { file, line, column } = input.location;
    const key = `${input.role}|${file}|${line}|${column}`;
    if (seen.has(key) || (input.role !== 'target' && seen.has(`*|${file}|${line}|${column}`))) continue;
    seen.add(key);
    out.push({ role: input.role, file, line, column, resource: toFindingResource(input.resource) });
  }
  // The target first (what the finding is about), then the places in file and line order.
  return out.sort((a, b) => Number(b.role === 'target') - Number(a.role === 'target') || compareLocations(a, b) || cmp(a.role, b.role));
}

/** `group/Kind/namespace/name` of a finding's resource (version left out, so an API bump keeps it). */
export function findingResourceKey(resource: FindingResource | null): string | null {
  if (!resource) return null;
  const slash = resource.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : resource.apiVersion.slice(0, slash);
  return `${group}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Report order: file, line, column, rule id, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a.location, b.location) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

/**
 * Fill `{{name}}` placeholders. Returns the names that had no value, so the
 * engine can reject a rule that forgot one.
 */
export function formatMessage(template: string, data: Readonly<Record<string, unknown>>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, name) || data[name] === undefined || data[name] === null) {
      missing.push(name);
      return whole;
    }
    return String(data[name]);
  });
  return { text, missing };
}

/** Placeholder names of a template, in order of appearance, without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}
