import type { KustodianConfig } from '@kustodian/manifest-model';
import type { RepositoryModel, SourceLocation } from '@kustodian/manifest-model';
import type { FindingData, FindingResourceInput, MessageData, MessageIdOf, RelatedInput, RuleMessages } from './finding.js';
import type { Severity } from './severity.js';

/** What every report carries, whatever its message. */
interface ReportFields {
  /** Where the problem is: file, 1-based line and column. */
  readonly location: SourceLocation;
  /** The object the problem is about, when there is one (a model Resource fits). */
  readonly resource?: FindingResourceInput | null;
  /**
   * This finding's severity when the rule runs at its default severity, for a
   * finding less (or more) certain than the rule's others, e.g. 'info' for
   * "cannot verify". A severity configured for the rule caps it.
   */
  readonly severity?: Severity;
  /** The other places it involves (the roles the rule's `meta.related` declares). */
  readonly related?: readonly RelatedInput[];
}

/** `data` of a report: required, with one value per placeholder, when the message has placeholders. */
type DataField<Data> = [keyof Data] extends [never] ? { readonly data?: Readonly<Record<string, never>> } : { readonly data: Data };

/**
 * What a rule reports; the engine adds severity, message text, fix and
 * ordering. Typed per message: `data` holds exactly the values the
 * message's `{{name}}` placeholders need.
 */
export type RuleReport<Messages extends RuleMessages> = string extends MessageIdOf<Messages>
  ? AnyRuleReport // messages not known at compile time (AnyRule): checked when the engine formats the message
  : { [Id in MessageIdOf<Messages>]: ReportFields & { readonly messageId: Id } & DataField<MessageData<Messages[Id]>> }[MessageIdOf<Messages>];

/** A report as the engine handles it, whatever the rule. */
export interface AnyRuleReport extends ReportFields {
  readonly messageId: string;
  readonly data?: FindingData;
}

/** What a rule's check sees. */
export interface RuleContext<Messages extends RuleMessages, Options> {
  readonly model: RepositoryModel;
  readonly config: KustodianConfig;
  /** The rule's options: its defaults with `rules.<id>.options` from kustodian.yaml over them. */
  readonly options: Readonly<Options>;
  report(report: RuleReport<Messages>): void;
}
