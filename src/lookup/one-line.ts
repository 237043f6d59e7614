// Parses a one-line check ("22 duldung arbeit sprache Heinsberg") into a person and a place
// text: a number is the age, status and need words are ids or aliases (design.md §3), the
// rest is the place. Pure and total: any input gives a value, never an exception.
import type { VocabularyIndex } from "../rules/aliases.js";
import type { Person } from "../rules/types.js";
import type { ArrivalId, NeedId, StatusId } from "../rules/vocabulary.js";
import { ARRIVAL_WORDS, arrivalFromDate, readArrivalDate } from "./arrival.js";
import { foldKey, levenshtein } from "../text/fold.js";
import { tokenize, type Token } from "./tokens.js";

/** A word that is neither age, status nor need but looks like a mistyped one. */
export interface UnknownWord {
  readonly word: string;
  readonly suggestions: readonly string[];
}

export type ParseProblem =
  | { readonly kind: "missing_age" }
  | { readonly kind: "missing_status" }
  | { readonly kind: "unknown_word"; readonly word: string; readonly suggestions: readonly string[] }
  | { readonly kind: "age_out_of_range"; readonly word: string }
  | { readonly kind: "two_ages"; readonly words: readonly string[] }
  | { readonly kind: "two_statuses"; readonly words: readonly string[] }
  | { readonly kind: "too_long"; readonly max: number };

/** The age was given as a birth year: completed years may be one less before the birthday. */
export interface BirthYearNote {
  readonly kind: "birth_year";
  readonly year: number;
  readonly age: number;
}

export type OneLineResult =
  | {
      readonly ok: true;
      readonly person: Person;
      readonly placeText: string | null;
      /** place words that look like mistyped vocabulary; named back if the place is not found */
      readonly suspects: readonly UnknownWord[];
      /** the place text without the suspects, or null when nothing is left */
      readonly placeTextWithoutSuspects: string | null;
      readonly notes: readonly BirthYearNote[];
    }
  | { readonly ok: false; readonly problems: readonly ParseProblem[] };

export interface OneLineOptions {
  /** the evaluation year, for birth years; default: this year */
  readonly year?: number;
}

/** Longest alias or name in words ("Vorübergehender Schutz (§ 24 AufenthG)"). */
const MAX_SPAN = 5;
export const MAX_WORDS = 40;
/** A line longer than this (UTF-16 units, as Telegram's text limit) is refused before it is read. */
export const MAX_LINE_CHARS = 1000;
const AGE = /^(\d{1,4})(?:-?(j|jahre?|jaehrig|jährig|y|yo|yrs?|years?))?\.?$/iu;
const AGE_UNITS = new Set(["j", "jahr", "jahre", "jaehrig", "y", "yo", "yr", "yrs", "year", "years", "alt", "old"]);
const FILLERS = new Set(["in", "im", "alter", "age"]);

type Vocab = Pick<VocabularyIndex, "status" | "need" | "suggest">;
type Match = { kind: "status"; id: StatusId } | { kind: "need"; id: NeedId };

export function parseOneLine(text: string, vocab: Vocab, options: OneLineOptions = {}): OneLineResult {
  if (typeof text === "string" && text.length > MAX_LINE_CHARS) return { ok: false, problems: [{ kind: "too_long", max: MAX_WORDS }] };
  const tokens = tokenize(typeof text === "string" ? text : "");
  if (tokens.length > MAX_WORDS) return { ok: false, problems: [{ kind: "too_long", max: MAX_WORDS }] };
  const year = options.year ?? new Date().getFullYear();

  const ages: { word: string; age: number }[] = [];
  const statuses: { word: string; id: StatusId }[] = [];
  const needs: NeedId[] = [];
  const place: Token[] = [];
  const problems: ParseProblem[] = [];
  const notes: BirthYearNote[] = [];
  let arrival: ArrivalId | undefined;

  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    if (tok.quoted) {
      place.push(tok);
      i += 1;
      continue;
    }
    // D16: "seit 2025-05", "arrived 2024", "ankunft 03/2025" – a year here is not a birth year
    const next = tokens[i + 1];
    const arrivalDate = next && !next.quoted && ARRIVAL_WORDS.has(foldKey(tok.text)) ? readArrivalDate(next.text) : undefined;
    if (arrivalDate) {
      arrival = arrivalFromDate(arrivalDate);
      i += 2;
      continue;
    }
    const span = matchSpan(tokens, i, vocab, statuses.length > 0 ? statuses[0]!.id : undefined);
    if (span) {
      if (span.match.kind === "status") statuses.push({ word: span.word, id: span.match.id });
      else if (!needs.includes(span.match.id)) needs.push(span.match.id);
      i += span.length;
      continue;
    }
    const age = readAge(tok.text, year);
    if (age) {
      i += 1;
      // "22 Jahre", "22 J.", "22 years old"
      while (i < tokens.length && !tokens[i]!.quoted && AGE_UNITS.has(foldKey(tokens[i]!.text))) i += 1;
      if (age.kind === "out_of_range") problems.push({ kind: "age_out_of_range", word: tok.text });
      else {
        ages.push({ word: tok.text, age: age.age });
        if (age.kind === "birth_year") notes.push({ kind: "birth_year", year: age.year, age: age.age });
      }
      continue;
    }
    const key = foldKey(tok.text);
    // punctuation on its own ("–", "/") and filler words carry nothing
    if (key !== "" && !(FILLERS.has(key) && place.length === 0)) place.push(tok);
    i += 1;
  }

  if (ages.length > 1) problems.push({ kind: "two_ages", words: ages.map((a) => a.word) });
  const distinctStatuses = [...new Set(statuses.map((s) => s.id))];
  if (distinctStatuses.length > 1) problems.push({ kind: "two_statuses", words: statuses.map((s) => s.word) });

  const suspects = place
    .filter((t) => !t.quoted && !/^\d+$/.test(t.text))
    .map((t) => ({ word: t.text, suggestions: vocab.suggest(t.text, "any").filter((s) => isClose(t.text, s)) }));
  const typos = suspects.filter((s) => s.suggestions.length > 0);
  if (ages.length === 0) problems.push({ kind: "missing_age" });
  if (statuses.length === 0) problems.push({ kind: "missing_status" });
  if (problems.length > 0) {
    // Without a status or age the line is wrong anyway: name the words that look like typos.
    return { ok: false, problems: [...typos.map((t) => ({ kind: "unknown_word" as const, ...t })), ...problems] };
  }
  return {
    ok: true,
    // the arrival counts only for temporary protection (§ 24), the one status that is asked it
    person: { age: ages[0]!.age, status: statuses[0]!.id, needs, ...(arrival && statuses[0]!.id === "ukraine" ? { arrival } : {}) },
    placeText: joinWords(place),
    suspects: typos,
    placeTextWithoutSuspects: joinWords(place.filter((t) => !typos.some((s) => s.word === t.text && !t.quoted))),
    notes,
  };
}

/**
 * Worth naming as "did you mean": one edit away in a word of up to four letters, two in a longer
 * one, three from nine letters on, or the word begun ("arbei" → arbeit). "?", "idk" or "xy" are
 * no mistyped status: nothing is suggested for them.
 */
export function isClose(word: string, suggestion: string): boolean {
  const a = foldKey(word);
  const b = foldKey(suggestion);
  if (a.length < 3 || !/\p{L}/u.test(a)) return false;
  if (a.length >= 4 && b.startsWith(a)) return true;
  return levenshtein(a, b) <= (a.length <= 4 ? 1 : a.length <= 8 ? 2 : 3);
}

function joinWords(words: readonly Token[]): string | null {
  return words.length ? words.map((t) => t.text).join(" ") : null;
}

/** The longest run of words from `i` that is a status or need alias; a second status word prefers its need meaning. */
function matchSpan(tokens: readonly Token[], i: number, vocab: Vocab, status: StatusId | undefined): { match: Match; length: number; word: string } | undefined {
  for (let len = Math.min(MAX_SPAN, tokens.length - i); len >= 1; len--) {
    const run = tokens.slice(i, i + len);
    if (run.some((t) => t.quoted)) continue;
    const word = run.map((t) => t.text).join(" ");
    const s = vocab.status(word);
    const n = vocab.need(word);
    if (s && n && status && s !== status) return { match: { kind: "need", id: n }, length: len, word };
    if (s) return { match: { kind: "status", id: s }, length: len, word };
    if (n) return { match: { kind: "need", id: n }, length: len, word };
  }
  return undefined;
}

type AgeRead = { kind: "age"; age: number } | { kind: "birth_year"; age: number; year: number } | { kind: "out_of_range" };

/** "22", "22J", "22-jährig", "1990" (a birth year); leading zeros ("05", "05370") are place keys. */
function readAge(word: string, year: number): AgeRead | undefined {
  const m = AGE.exec(word);
  if (!m) return undefined;
  const digits = m[1]!;
  const hasUnit = m[2] !== undefined;
  if (digits.length > 1 && digits.startsWith("0") && !hasUnit) return undefined;
  const n = Number(digits);
  if (digits.length === 4) {
    if (hasUnit) return { kind: "out_of_range" };
    // a birth year: the age reached this year (design §7: birth years parse)
    return n >= year - 120 && n <= year ? { kind: "birth_year", age: year - n, year: n } : { kind: "out_of_range" };
  }
  return n <= 120 ? { kind: "age", age: n } : { kind: "out_of_range" };
}
