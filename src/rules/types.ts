// Values the rules core takes and returns: persons, places, decisions, reasons.
import type { ArrivalId, NeedId, Outcome, Role, ServiceId, StatusId } from "./vocabulary.js";
import type { SourceDef, VocabularyEntry } from "./schema.js";

export interface Person {
  /** Completed years on the evaluation date (design §4). */
  readonly age: number;
  readonly status: StatusId;
  readonly needs: readonly NeedId[];
  /** Only for status `ukraine`, and only when asked (design D16); absent counts as `unknown`. */
  readonly arrival?: ArrivalId;
}

/** Where the person lives, as far as known: the Land code and an official key of 2, 5 or 8 digits. */
export interface RulePlace {
  readonly land: string;
  readonly key: string;
}

export type ReasonParam = string | number | readonly string[];

/** One condition's verdict, as a code with params ready for translation. */
export interface Reason {
  readonly code: string;
  readonly outcome: Outcome;
  readonly params: Readonly<Record<string, ReasonParam>>;
  /** ids into the service's `sources` */
  readonly sources: readonly string[];
}

export interface Source extends SourceDef {
  readonly id: string;
}

export interface ServiceDecision {
  readonly id: ServiceId;
  readonly role: Role;
  readonly outcome: Outcome;
  readonly rank: number;
  readonly reasons: readonly Reason[];
  readonly sources: readonly Source[];
  readonly successor?: ServiceId;
}

export interface Decision {
  readonly date: string;
  readonly person: Person;
  readonly place: RulePlace | null;
  /** Every rule, ranked: counselling first, then need services, ineligible last. */
  readonly services: readonly ServiceDecision[];
}

export interface EvaluateOptions {
  /**
   * Services with at least one office covering the place. When given, a rule that needs a
   * local office (Teilhabemanagement, design D4) ranks after the others when it has none.
   */
  readonly locallyOffered?: ReadonlySet<ServiceId>;
}

/** The description of one rule as read from its file, kept for display and export. */
export interface RuleInfo {
  readonly id: ServiceId;
  readonly names: { readonly de: string; readonly en: string };
  readonly description: { readonly de: string; readonly en: string };
  readonly role: Role;
  readonly priority: number;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly successor?: ServiceId;
  readonly file: string;
}

export interface Vocabulary {
  readonly statuses: readonly (VocabularyEntry & { id: StatusId })[];
  readonly needs: readonly (VocabularyEntry & { id: NeedId })[];
}

/** The references (seed FILE:LINE, else URL, else title) of the sources a service's reasons cite. */
export function citedSources(s: ServiceDecision): string[] {
  const ids = new Set(s.reasons.flatMap((r) => r.sources));
  return s.sources.filter((src) => ids.has(src.id)).map((src) => src.ref ?? src.url ?? src.title);
}
