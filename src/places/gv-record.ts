// One Gemeindeverzeichnis record to a place row: names, kinds and keys as the importer and the
// bundle both read them (no CSV parser here, so that loading the bundle stays light).
import { landByKey } from "./lands.js";
import type { LandCode } from "./types.js";

export interface PlaceRow {
  readonly key: string;
  readonly level: "land" | "kreis" | "gemeinde";
  readonly name: string;
  readonly officialName: string;
  readonly kind: string;
  readonly landCode: LandCode;
  readonly kreisKey: string | null;
  readonly population: number | null;
}

export interface PostcodeRow {
  readonly plz: string;
  readonly key: string;
}

/** "41 983" → 41983; empty → null */
function number(text: string | undefined): number | null {
  const t = (text ?? "").replace(/\s/g, "");
  if (t === "") return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? Math.round(n) : NaN;
}

/** "Heinsberg, Stadt" → "Heinsberg"; "Tüßling, M" → "Tüßling" */
export function everydayName(official: string): string {
  const i = official.indexOf(",");
  return (i > 0 ? official.slice(0, i) : official).trim();
}

/** The name people use for a Kreis: "Kreis Heinsberg", "Landkreis Ahrweiler", "Städteregion Aachen", "Düsseldorf". */
export function kreisName(official: string, textkennzeichen: string): string {
  const base = everydayName(official);
  if (textkennzeichen === "41" || textkennzeichen === "42") return base;
  if (/kreis|städteregion|region|regionalverband/i.test(base)) return base;
  return textkennzeichen === "43" ? `Kreis ${base}` : `Landkreis ${base}`;
}

const KIND_BY_TEXTKENNZEICHEN: Record<string, string> = {
  "41": "kreisfreie_stadt",
  "42": "kreisfreie_stadt",
  "43": "kreis",
  "44": "kreis",
  "45": "kreis",
  "60": "markt",
  "61": "kreisfreie_stadt",
  "62": "kreisfreie_stadt",
  "63": "stadt",
  "64": "gemeinde",
  "65": "gemeindefrei",
  "66": "gemeindefrei",
  "67": "stadt",
};

/** The fields of one Gemeindeverzeichnis record that places are made of (CSV columns, all text). */
export type GvRecord = Readonly<Partial<Record<"satzart" | "textkennzeichen" | "land" | "rb" | "kreis" | "gemeinde" | "gemeindename" | "bevoelkerung", string>>>;

/**
 * One record to a place: satzart 10 (Land), 40 (Kreis), 60 (Gemeinde); 20/30/50 give null.
 * Problems go to `bad`; a record with a problem gives null.
 */
export function placeFromRecord(r: GvRecord, bad: (field: string, message: string) => void): PlaceRow | null {
  const satzart = r.satzart ?? "";
  if (!["10", "20", "30", "40", "50", "60"].includes(satzart)) {
    bad("satzart", `expected 10, 20, 30, 40, 50 or 60, got "${satzart}"`);
    return null;
  }
  if (satzart === "20" || satzart === "30" || satzart === "50") return null;
  const land = landByKey(r.land ?? "");
  if (!/^\d{2}$/.test(r.land ?? "") || !land) {
    bad("land", `not a Land key: "${r.land ?? ""}"`);
    return null;
  }
  const name = (r.gemeindename ?? "").trim();
  if (name === "") {
    bad("gemeindename", "empty");
    return null;
  }
  let row: PlaceRow | null = null;
  if (satzart === "10") {
    row = { key: r.land!, level: "land", name, officialName: name, kind: "land", landCode: land.code, kreisKey: null, population: null };
  } else {
    if (!/^\d$/.test(r.rb ?? "")) bad("rb", `expected one digit, got "${r.rb ?? ""}"`);
    if (!/^\d{2}$/.test(r.kreis ?? "")) bad("kreis", `expected two digits, got "${r.kreis ?? ""}"`);
    const kreisKey = `${r.land}${r.rb}${r.kreis}`;
    const tkz = r.textkennzeichen ?? "";
    const kind = KIND_BY_TEXTKENNZEICHEN[tkz];
    if (!kind) bad("textkennzeichen", `unknown code "${tkz}"`);
    if (satzart === "40") {
      if (kind) row = { key: kreisKey, level: "kreis", name: kreisName(name, tkz), officialName: name, kind, landCode: land.code, kreisKey: null, population: null };
    } else {
      if (!/^\d{3}$/.test(r.gemeinde ?? "")) bad("gemeinde", `expected three digits, got "${r.gemeinde ?? ""}"`);
      const population = number(r.bevoelkerung);
      if (Number.isNaN(population)) bad("bevoelkerung", `not a number: "${r.bevoelkerung ?? ""}"`);
      if (kind && /^\d{3}$/.test(r.gemeinde ?? "") && !Number.isNaN(population)) {
        row = { key: `${kreisKey}${r.gemeinde}`, level: "gemeinde", name: everydayName(name), officialName: name, kind, landCode: land.code, kreisKey, population };
      }
    }
  }
  return row && /^\d{2}(\d{3}(\d{3})?)?$/.test(row.key) ? row : null;
}

