// The values the dialogue speaks: its state, the inputs it takes, the replies it gives (message
// keys with params and choices, never text) and what it needs from the outside world.
import type { VocabularyIndex } from "../rules/aliases.js";
import type { WordIndex } from "../text/words.js";
import type { RuleSet } from "../rules/rule-set.js";
import type { Decision, Reason } from "../rules/types.js";
import type { ArrivalId, NeedId, Outcome, Role, ServiceId, StatusId } from "../rules/vocabulary.js";

export type Step = "language" | "privacy" | "age" | "age_birthday" | "age_confirm" | "status" | "arrival" | "needs" | "place" | "place_choice" | "result";

export interface PlaceOption {
  readonly key: string;
  readonly name: string;
  readonly land: string;
  readonly level: "land" | "kreis" | "gemeinde";
  readonly kreis?: { readonly key: string; readonly name: string };
}

export type PlaceLookup =
  | { readonly kind: "found"; readonly candidates: readonly PlaceOption[] }
  | { readonly kind: "none"; readonly suggestions: readonly PlaceOption[] };

/** Only parsed answers: typed text is never kept (design §6). */
export interface DialogueState {
  readonly v: 1;
  readonly step: Step;
  readonly lang: string | null;
  readonly privacyAccepted: boolean;
  readonly age?: number;
  /** the birth year asked about in `age_birthday`, as given (Gregorian or Solar Hijri) */
  readonly birthYear?: number;
  /** the age if this year's birthday has passed */
  readonly ageIfBirthdayPassed?: number;
  /** an unusual age (0, over 100) waiting in `age_confirm` for a yes before it is used */
  readonly pendingAge?: number;
  readonly status?: StatusId;
  /** D16: asked only when the status is `ukraine` */
  readonly arrival?: ArrivalId;
  readonly needs: readonly NeedId[];
  /** null: the person chose not to say */
  readonly place?: PlaceOption | null;
  readonly placeOptions?: readonly PlaceOption[];
  /** steps answered, for `back` */
  readonly history: readonly Step[];
  /** where to return after a language change mid-way */
  readonly resume?: Step;
  /** the referral slip given for this result, to show it again rather than make another */
  readonly referralCode?: string;
  /** this conversation's result was counted for the statistics */
  readonly counted?: boolean;
}

export type Command = "back" | "restart" | "language" | "help" | "delete";

export type DialogueInput =
  /** a new conversation; `suggestedLang` is the platform's language, if any */
  | { readonly kind: "start"; readonly suggestedLang?: string }
  | { readonly kind: "text"; readonly text: string }
  /** a button or numbered choice: the choice's id */
  | { readonly kind: "choice"; readonly id: string }
  | { readonly kind: "command"; readonly command: Command }
  /** a sticker, photo, voice message or anything else that is not text; `reason` picks the note */
  | { readonly kind: "other"; readonly reason?: OtherReason };

/** why an input is no answer: media the channel cannot read, or a button of an earlier question */
export type OtherReason = "media" | "old_button";

export interface Choice {
  readonly id: string;
  /** message key of the label */
  readonly key: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** for multi-select: currently chosen */
  readonly selected?: boolean;
}

export interface Reply {
  readonly key: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly choices?: readonly Choice[];
  /** the choices toggle; the message is edited in place where the channel can */
  readonly multi?: boolean;
}

export interface OfficeView {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly online: boolean;
  readonly address?: string;
  readonly postcode?: string;
  readonly city?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly web?: string;
  readonly hours?: string;
  /** a note for the public, in German; shown to other readers only where translated */
  readonly note?: string;
  readonly languages: readonly string[];
  /** name, note and opening hours in other languages */
  readonly translations?: Readonly<Record<string, Readonly<Partial<Record<"name" | "note" | "hours", string>>>>>;
}

/** A source as a newcomer may see it: its title and, where it has one, its web address. */
export interface SourceView {
  readonly title: string;
  /** the German title, where the rule file gives one */
  readonly titleDe?: string;
  readonly url?: string;
}

export interface RouteView {
  readonly offices: readonly OfficeView[];
  readonly local: boolean;
  readonly successor?: { readonly id: ServiceId; readonly offices: readonly OfficeView[] };
}

/** One service of the result as the renderer needs it. */
export interface ServiceView {
  readonly id: ServiceId;
  readonly role: Role;
  readonly outcome: Outcome;
  readonly rank: number;
  readonly reasons: readonly Reason[];
  /** the sources the reasons cite, for the "why / sources" step; never seed file references */
  readonly sources: readonly SourceView[];
  /** for a need service: which of the person's chosen needs it answers */
  readonly needs: readonly NeedId[];
  readonly route?: RouteView;
}

export type Effect =
  /** erase everything stored for this user */
  | { readonly type: "delete" }
  /** a conversation reached its result: the anonymous facts for statistics */
  | { readonly type: "finished"; readonly decision: Decision; readonly place: PlaceOption | null }
  /** the person asked for a referral slip for their result */
  | { readonly type: "slip" };

export interface StepResult {
  readonly state: DialogueState;
  readonly replies: readonly Reply[];
  readonly effects: readonly Effect[];
}

export interface DialogueDeps {
  readonly ruleSet: RuleSet;
  readonly vocab: VocabularyIndex;
  /** the languages with a locale, in picker order */
  readonly languages: readonly string[];
  findPlace(text: string): PlaceLookup;
  locallyOffered(placeKey: string | null, date: string): ReadonlySet<ServiceId>;
  routes(decision: Decision, placeKey: string | null): ReadonlyMap<ServiceId, RouteView>;
  /** YYYY-MM-DD in Germany */
  today(): string;
  /** the words typed for commands, languages, yes/no, … in every language (default: German and English basics) */
  readonly words?: WordIndex;
}
