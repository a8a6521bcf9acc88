import type { KustodianConfig } from '@kustodian/manifest-model';
import type { RepositoryModel, SourceLocation } from '@kustodian/manifest-model';
import type { FindingResourceInput } from './finding.js';
import type { Severity } from './severity.js';

/** What a rule reports; the engine adds severity, message text, fix and ordering. */
export interface RuleReport<MessageId extends string> {
  readonly messageId: NoInfer<MessageId>;
  /** Values for the message's `{{name}}` placeholders; every placeholder needs one. */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
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
}

/** What a rule's check sees. */
export interface RuleContext<MessageId extends string, Options> {
  readonly model: RepositoryModel;
  readonly config: KustodianConfig;
  /** The rule's options: its defaults with `rules.<id>.options` from kustodian.yaml over them. */
  readonly options: Readonly<Options>;
  report(report: RuleReport<MessageId>): void;
}
