// The spellings under which a place is found: its names, folded, and the common name people
// say for an official name with a suffix ("Halle (Saale)" → Halle, "Weiden i.d.OPf." → Weiden).
import { foldKey } from "../text/fold.js";
import type { LandCode } from "./types.js";

/** Raised when the derivation below changes: stored names are then rebuilt from the places. */
export const NAMES_VERSION = "2";

export interface NamedPlace {
  readonly level: "land" | "kreis" | "gemeinde";
  readonly name: string;
  readonly officialName: string;
  readonly landCode: LandCode;
}

const ENGLISH_LAND_NAMES: Partial<Record<LandCode, string[]>> = {
  NW: ["North Rhine-Westphalia", "NRW"],
  BY: ["Bavaria"],
  NI: ["Lower Saxony"],
  HE: ["Hesse"],
  RP: ["Rhineland-Palatinate"],
  MV: ["Mecklenburg-Western Pomerania"],
  SN: ["Saxony"],
  ST: ["Saxony-Anhalt"],
  TH: ["Thuringia"],
};

/**
 * Where the suffix of an official name starts: a bracket "(Saale)", a slash "/ Westerwald", a
 * preposition "am Main", "an der Ruhr", "in Holstein", "bei …", "ob der Tauber", "vor der Höhe",
 * or an abbreviated one "a.d.Aisch", "i.d.OPf.", "b.Coburg", "v.d.Höhe".
 */
const SUFFIX = /\s*\(|\s*\/|\s+(?:am|an|auf|bei|im|in|ob|vor|unter|zum|zur)\s+|\s+[abiouv]\.\s*\p{L}/u;

/**
 * The name without its suffix, or null when there is none. For a Kreis the suffix must be a
 * plain place ("Mühldorf a.Inn"): "Neustadt a.d.Aisch-Bad Windsheim" names two towns and
 * is not "Neustadt".
 */
export function commonName(name: string, level: NamedPlace["level"]): string | null {
  const m = SUFFIX.exec(name);
  if (!m || m.index === 0) return null;
  const head = name.slice(0, m.index).trim();
  if (level === "kreis" && name.slice(m.index).includes("-")) return null;
  return head.length >= 2 && head !== name ? head : null;
}

const UMLAUTS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };
/** names of only these letters fold without Unicode normalisation, the same as foldKey */
const PLAIN = /^[A-Za-z0-9ÄÖÜäöüß .,'()/-]*$/;

/** foldKey, faster for the plain names most places have (it runs for every name on first start). */
export function foldName(text: string): string {
  if (!PLAIN.test(text)) return foldKey(text);
  return text.toLowerCase().replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c).replace(/[ .,'()/-]/g, "");
}

/** "Kreis Heinsberg" → "Heinsberg"; "Region Hannover" → "Hannover". */
function withoutKreisWord(name: string): string {
  return name.replace(/^(Kreis|Landkreis|Städteregion|Region|Regionalverband)\s+/u, "");
}

/** The folded spellings under which a place can be found. */
export function searchNames(place: NamedPlace): string[] {
  const names = new Set<string>([foldName(place.name), foldName(place.officialName)]);
  const base = withoutKreisWord(place.name);
  names.add(foldName(base));
  const stem = base.replace(/-?[Kk]reis$/u, "").trim();
  if (stem !== base && stem.length > 2) names.add(foldName(stem));
  if (place.level !== "land") {
    const common = commonName(base, place.level);
    if (common) names.add(foldName(common));
  }
  if (place.level === "land") for (const n of ENGLISH_LAND_NAMES[place.landCode] ?? []) names.add(foldName(n));
  names.delete("");
  return [...names];
}
