// Reads the Destatis Gemeindeverzeichnis CSV and the OpenStreetMap postcode CSV into checked
// rows. Every bad row is reported as file:row:field; the caller writes nothing if any is bad.
import { parse } from "csv-parse/sync";
import { landByKey } from "./lands.js";
import type { LandCode } from "./types.js";

export interface ImportProblem {
  readonly file: string;
  /** line in the file (1 = header) */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export function formatImportProblem(p: ImportProblem): string {
  return `${p.file}:${p.row}:${p.field}: ${p.message}`;
}

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

type Records = { record: Record<string, string>; line: number }[];

function readCsv(file: string, text: string, required: readonly string[]): { records: Records; problems: ImportProblem[] } {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true, trim: false }) as typeof parsed;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { records: [], problems: [{ file, row: e.lines ?? 0, field: "", message: e.message }] };
  }
  const problems: ImportProblem[] = [];
  const header = parsed[0] ? Object.keys(parsed[0].record) : [];
  for (const col of required) if (parsed.length > 0 && !header.includes(col)) problems.push({ file, row: 1, field: col, message: "column missing" });
  if (parsed.length === 0) problems.push({ file, row: 1, field: "", message: "no rows" });
  return { records: parsed.map((p) => ({ record: p.record, line: p.info.lines })), problems };
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

/** Destatis GV-ISys "Auszug": satzart 10 (Land), 40 (Kreis), 60 (Gemeinde); 20/30/50 are skipped. */
export function readGemeindeverzeichnis(file: string, text: string): { rows: PlaceRow[]; problems: ImportProblem[] } {
  const { records, problems } = readCsv(file, text, ["satzart", "textkennzeichen", "land", "rb", "kreis", "gemeinde", "gemeindename", "bevoelkerung"]);
  const rows: PlaceRow[] = [];
  const seen = new Map<string, number>();
  for (const { record: r, line } of records) {
    const bad = (field: string, message: string) => problems.push({ file, row: line, field, message });
    const row = placeFromRecord(r, bad);
    if (!row) continue;
    const prev = seen.get(row.key);
    if (prev !== undefined) {
      bad("gemeinde", `key ${row.key} also on row ${prev}`);
      continue;
    }
    seen.set(row.key, line);
    rows.push(row);
  }
  return { rows, problems };
}

/** OpenStreetMap postcode file: osm_id,ags,ort,plz,landkreis,bundesland */
export function readPostcodes(file: string, text: string): { rows: PostcodeRow[]; problems: ImportProblem[] } {
  const { records, problems } = readCsv(file, text, ["ags", "plz"]);
  const rows: PostcodeRow[] = [];
  const seen = new Set<string>();
  for (const { record: r, line } of records) {
    const plz = (r.plz ?? "").trim();
    const ags = (r.ags ?? "").trim();
    let ok = true;
    if (!/^\d{5}$/.test(plz)) {
      problems.push({ file, row: line, field: "plz", message: `expected five digits, got "${plz}"` });
      ok = false;
    }
    if (!/^\d{8}$/.test(ags) || !landByKey(ags)) {
      problems.push({ file, row: line, field: "ags", message: `expected an eight-digit official key, got "${ags}"` });
      ok = false;
    }
    if (!ok || seen.has(`${plz}:${ags}`)) continue;
    seen.add(`${plz}:${ags}`);
    rows.push({ plz, key: ags });
  }
  return { rows, problems };
}
