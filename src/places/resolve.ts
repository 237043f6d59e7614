// Resolves a place text for a one-shot command (CLI, Slack): one place, or a message that
// lists the candidates or the closest names.
import type { Place } from "./types.js";
import { singleCandidate, type Candidate, type PlaceStore } from "./store.js";

export type Resolution =
  | { ok: true; place: Place }
  | { ok: false; reason: "ambiguous"; candidates: readonly Candidate[]; message: string }
  | { ok: false; reason: "unknown"; suggestions: readonly Candidate[]; message: string };

export function describeCandidate(c: Candidate): string {
  return c.kreis && c.kreis.name !== c.name ? `${c.name} (${c.kreis.name}, ${c.key})` : `${c.name} (${c.key})`;
}

export function resolvePlace(places: PlaceStore, text: string): Resolution {
  const found = places.find(text);
  if (found.kind === "found") {
    const one = singleCandidate(found.candidates);
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
      message: `"${text}" matches several places: ${found.candidates.map(describeCandidate).join("; ")} – give the official key`,
    };
  }
  const noData = places.counts().gemeinden === 0 && /\p{L}|^\d{5}$/u.test(text);
  const hint = noData ? "; towns and postcodes need place data: wegweiser places import --gemeindeverzeichnis FILE --postcodes FILE" : "";
  const near = found.suggestions.length ? ` – did you mean ${found.suggestions.map(describeCandidate).join("; ")}?` : "";
  return {
    ok: false,
    reason: "unknown",
    suggestions: found.suggestions,
    message: `"${text}" matches no place${near}; accepted: a place name, a postcode, a Land code (NW) or an official key (05370)${hint}`,
  };
}
