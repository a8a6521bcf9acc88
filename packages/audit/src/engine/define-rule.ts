import type { JsonSchema } from '@kustodian/manifest-model';
import type { Finding, MessageIdOf, RelatedRole, RuleMessages, TypedFinding } from './finding.js';
import type { RuleContext } from './rule-context.js';
import type { Severity } from './severity.js';

/** Rule folders under `src/rules/`; `suppressions` holds the engine's own rules. */
export type RuleCategory =
  | 'backup'
  | 'helm'
  | 'namespaces'
  | 'observability'
  | 'scripts'
  | 'secrets'
  | 'sops'
  | 'storage'
  | 'structure'
  | 'suppressions'
  | 'wiring';


/** Options a rule accepts from `rules.<id>.options` in kustodian.yaml. */
export interface RuleOptionsMeta<Options> {
  /** JSON Schema (draft-07) of the options object; it is part of the published config schema. */
  readonly schema: JsonSchema;
  /** Used for every option the configuration leaves out. */
  readonly defaults: Options;
}

/** A small repository shown on the rule's docs page; the meta-test proves it does (or does not) fire. */
export interface RuleExample {
  readonly title: string;
  /** `{ path: content }`; may hold a `kustodian.yaml`. */
  readonly repo: Readonly<Record<string, string>>;
}

export interface RuleMeta<Messages extends RuleMessages, Options> {
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  /** One sentence, ending with a period. */
  readonly summary: string;
  /** Why it matters: what breaks in the cluster. */
  readonly rationale: string;
  /** How to fix it; ends with a period. */
  readonly fix: string;
  /** Message templates by id; `{{name}}` is replaced from the report's data, which must give every placeholder a value. */
  readonly messages: Messages;
  readonly options?: RuleOptionsMeta<Options>;
  /** The roles of the `related` places its findings carry, each with what it is (shown on the rule's page); a report may use no other. */
  readonly related?: Readonly<Partial<Record<RelatedRole, string>>>;
  readonly examples?: { readonly invalid?: readonly RuleExample[]; readonly valid?: readonly RuleExample[] };
}

/** One audit rule: metadata beside a pure check over the model. */
export interface Rule<Messages extends RuleMessages = RuleMessages, Options = unknown> {
  /** kebab-case, describes the problem, equals the file name. */
  readonly id: string;
  readonly meta: RuleMeta<Messages, Options>;
  /** Pure: reads `ctx.model`, `ctx.config`, `ctx.options`; reports through `ctx.report`. */
  check(ctx: RuleContext<Messages, Options>): void;
}

/** Any rule, whatever its message ids and options. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, any>;

/** The message ids of a rule. */
export type MessageIdOfRule<R> = R extends Rule<infer Messages, infer _Options> ? MessageIdOf<Messages> : never;

/** A finding of the given rule, its `messageId` and `data` typed from the rule's messages. */
export type FindingOf<R> = R extends Rule<infer Messages, infer _Options> ? TypedFinding<Messages> : never;

/**
 * Declare a rule. Message ids and each message's data are typed from
 * `meta.messages` (a report must give every `{{placeholder}}` of its
 * message a value), options from `meta.options.defaults`.
 */
export function defineRule<const Messages extends RuleMessages, Options = Record<string, never>>(rule: Rule<Messages, Options>): Rule<Messages, Options> {
  return rule;
}

/**
 * The findings of one rule, typed: `findingsOf(result.findings, secretUndefined)`
 * gives findings whose `data` has the rule's placeholders as fields.
 */
export function findingsOf<R extends AnyRule>(findings: readonly Finding[], rule: R): FindingOf<R>[] {
  return findings.filter((f) => f.ruleId === rule.id) as unknown as FindingOf<R>[];
}

/** Where a rule's docs page lives, relative to the repository root. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Base of the published rule docs (a folder URL ending with '/'). */
export const RULE_DOCS_BASE_URL = 'https://github.com/kustodian/kustodian/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string, base = RULE_DOCS_BASE_URL): string {
  return `${base}${ruleId}.md`;
}
