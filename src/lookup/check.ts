// One check end to end, shared by the CLI, Slack and (later) the volunteer look-up: resolve
// the place, evaluate every rule on the date, find the offices for each service that applies.
import type { App } from "../app.js";
import type { Place } from "../places/types.js";
import { describeCandidates, resolvePlace, type Resolution } from "../places/resolve.js";
import { evaluate } from "../rules/evaluate.js";
import type { Decision, Person } from "../rules/types.js";
import type { ServiceId } from "../rules/vocabulary.js";
import { routeDecision, type ServiceRoute } from "../directory/route.js";
import { parseOneLine, type BirthYearNote, type ParseProblem } from "./one-line.js";

export interface CheckResult {
  readonly decision: Decision;
  readonly place: Place | null;
  readonly routes: ReadonlyMap<ServiceId, ServiceRoute>;
}

/** The person with a place already resolved (or none): evaluation and offices. */
export function checkPerson(app: App, person: Person, place: Place | null, date: string): CheckResult {
  const decision = evaluate(app.ruleSet, person, place ? { land: place.land, key: place.key } : null, date, {
    locallyOffered: app.directory.locallyOffered(place?.key ?? null, date),
  });
  return { decision, place, routes: routeDecision(decision, app.directory, place?.key ?? null) };
}

export type PlaceProblem =
  | { readonly kind: "place_unknown"; readonly text: string; readonly suggestions: readonly string[]; readonly noPlaceData: boolean }
  | { readonly kind: "place_ambiguous"; readonly text: string; readonly candidates: readonly string[] };

export type LookupProblem = ParseProblem | PlaceProblem;

export type OneLineCheck =
  | ({ readonly ok: true; readonly notes: readonly BirthYearNote[] } & CheckResult)
  | { readonly ok: false; readonly problems: readonly LookupProblem[] };

export function toPlaceProblem(text: string, r: Exclude<Resolution, { ok: true }>, noPlaceData: boolean): PlaceProblem {
  return r.reason === "ambiguous"
    ? { kind: "place_ambiguous", text, candidates: describeCandidates(r.candidates) }
    : { kind: "place_unknown", text, suggestions: describeCandidates(r.suggestions), noPlaceData };
}

/**
 * A one-line check ("22 duldung arbeit Heinsberg"). Words that look like mistyped statuses or
 * needs stay in the place text – a town may be called so – and are named back only when the
 * place is not found.
 */
export function checkOneLine(app: App, text: string, date: string): OneLineCheck {
  const parsed = parseOneLine(text, app.vocab, { year: Number(date.slice(0, 4)) });
  if (!parsed.ok) return parsed;
  let place: Place | null = null;
  if (parsed.placeText !== null) {
    const resolved = resolvePlace(app.places, parsed.placeText);
    if (resolved.ok) place = resolved.place;
    else if (resolved.reason === "ambiguous") {
      // the words do name places ("Lage": in NRW and in Lower Saxony), so they are no typos
      return { ok: false, problems: [toPlaceProblem(parsed.placeText, resolved, false)] };
    } else {
      const problems: LookupProblem[] = parsed.suspects.map((s) => ({ kind: "unknown_word", word: s.word, suggestions: s.suggestions }));
      const rest = parsed.placeTextWithoutSuspects;
      const noPlaceData = app.places.counts().gemeinden === 0;
      if (rest === parsed.placeText) problems.push(toPlaceProblem(rest, resolved, noPlaceData));
      else if (rest !== null) {
        const again = resolvePlace(app.places, rest);
        if (!again.ok) problems.push(toPlaceProblem(rest, again, noPlaceData));
      }
      return { ok: false, problems };
    }
  }
  return { ok: true, notes: parsed.notes, ...checkPerson(app, parsed.person, place, date) };
}
