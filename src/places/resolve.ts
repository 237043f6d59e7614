// Resolves a place text for a one-shot command (CLI, Slack): one place, or a message that
// lists the candidates or the closest names.
import { foldKey } from "../text/fold.js";
import { landByCode } from "./lands.js";
import type { Place } from "./types.js";
import { singleCandidate, type Candidate, type PlaceStore } from "./store.js";

export type Resolution =
  | { ok: true; place: Place }
  | { ok: false; reason: "ambiguous"; candidates: readonly Candidate[]; message: string }
  | { ok: false; reason: "unknown"; suggestions: readonly Candidate[]; message: string };

/** Each candidate described; where they lie in several Länder, with the Land ("Neustadt (Hessen) (Landkreis Marburg-Biedenkopf, Hessen, 06534016)"). */
export function describeCandidates(cs: readonly Candidate[]): string[] {
  const withLand = spansLands(cs);
  return cs.map((c) => describe(c, withLand));
}

function describe(c: Candidate, withLand: boolean): string {
  const within = [c.kreis && c.kreis.name !== c.name ? c.kreis.name : "", withLand && c.level !== "land" ? (landByCode(c.land)?.name ?? c.land) : "", c.key];
  return `${c.name} (${within.filter(Boolean).join(", ")})`;
}

/** Names repeat across Länder in this list: each should say its Land. */
export function spansLands(cs: readonly Candidate[]): boolean {
  return new Set(cs.map((c) => c.land)).size > 1;
}

const describeAll = (cs: readonly Candidate[]) => describeCandidates(cs).join("; ");

/**
 * "München", "Leipzig", "Essen": the largest candidate, when it is called exactly what was typed
 * and no other is, stands for the text in a one-shot command (Landkreis München and Essen
 * (Oldenburg) are named in full). "Halle" stays open: Halle (Saale) is not called "Halle".
 */
function exactAndLargest(text: string, cs: readonly Candidate[]): Candidate | undefined {
  const folded = foldKey(text);
  const first = cs[0];
  if (!first || foldKey(first.name) !== folded) return undefined;
  return cs.slice(1).some((c) => foldKey(c.name) === folded) ? undefined : first;
}

/** Five digits that are a Kreis key and a postcode elsewhere: say how to name either. */
function keyOrPostcode(text: string, cs: readonly Candidate[]): string | undefined {
  const digits = text.trim();
  return /^\d{5}$/.test(digits) && cs.some((c) => c.key === digits) ? `write "AGS ${digits}" for the Kreis or "PLZ ${digits}" for the postcode` : undefined;
}

export function resolvePlace(places: PlaceStore, text: string): Resolution {
  const found = places.find(text);
  if (found.kind === "found") {
    const one = (found.via === "name" ? exactAndLargest(text, found.candidates) : undefined) ?? singleCandidate(found.candidates);
    if (one) return { ok: true, place: one };
    // A postcode shared by towns of one Kreis (52525: Heinsberg, Waldfeucht) still names the Kreis.
    const kreise = new Set(found.candidates.map((c) => (c.level === "kreis" ? c.key : c.kreis?.key)));
    const kreisKey = [...kreise][0];
    if (kreise.size === 1 && kreisKey) {
      const kreis = places.get(kreisKey);
      if (kreis) return { ok: true, place: kreis };
    }
    return {
      ok: false,
      reason: "ambiguous",
      candidates: found.candidates,
      message: `"${text}" matches several places: ${describeAll(found.candidates)} – ${keyOrPostcode(text, found.candidates) ?? "give the official key"}`,
    };
  }
  const noData = places.counts().gemeinden === 0 && /\p{L}|^\d{5}$/u.test(text);
  const hint = noData ? "; towns and postcodes need place data: wegweiser places import --gemeindeverzeichnis FILE --postcodes FILE" : "";
  const near = found.suggestions.length ? ` – did you mean ${describeAll(found.suggestions)}?` : "";
  return {
    ok: false,
    reason: "unknown",
    suggestions: found.suggestions,
    message: `"${text}" matches no place${near}; accepted: a place name, a postcode, a Land code (NW) or an official key (05370)${hint}`,
  };
}
