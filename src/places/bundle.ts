// The places bundled with the code (geo/places.tsv.gz): every Land, Kreis and Gemeinde of the
// Destatis Gemeindeverzeichnis with the postcodes OpenStreetMap gives for each, one line a place.
// Written by scripts/build-places.ts from the downloaded originals; read on first start.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { projectRoot } from "../paths.js";
import { placeFromRecord, readGemeindeverzeichnis, readPostcodes, type ImportProblem, type PlaceRow, type PostcodeRow } from "./import.js";

export const BUNDLE_FORMAT = "wegweiser-places 1";

export const bundleFile = (): string => join(projectRoot(), "geo", "places.tsv.gz");

export interface PlacesBundle {
  /** sha256 of the file as shipped, to know whether the database holds this bundle */
  readonly hash: string;
  readonly places: readonly PlaceRow[];
  readonly postcodes: readonly PostcodeRow[];
}

const HEADER = [
  `# ${BUNDLE_FORMAT}`,
  "# key<TAB>textkennzeichen<TAB>gemeindename<TAB>bevoelkerung<TAB>postcodes (comma-separated)",
  "# Places: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys,",
  "#   Datenlizenz Deutschland – Namensnennung – Version 2.0 (© Statistisches Bundesamt (Destatis)).",
  "# Postcodes: suche-postleitzahl.org from OpenStreetMap, ODbL 1.0 (© OpenStreetMap contributors).",
];

/**
 * The bundle's text from the two original files: the rows the importer accepts, nothing else.
 * Any bad row fails the whole build, as it fails `places import`.
 */
export function encodePlacesBundle(gvName: string, gvText: string, plzName: string, plzText: string): { text: string; problems: ImportProblem[]; dropped: PostcodeRow[] } {
  const gv = readGemeindeverzeichnis(gvName, gvText);
  const pc = readPostcodes(plzName, plzText);
  const problems = [...gv.problems, ...pc.problems];
  // the Kreis code (textkennzeichen) is not kept on a PlaceRow: read it from the same records
  const tkz = new Map<string, { tkz: string; official: string; population: string }>();
  for (const r of gv.rows) tkz.set(r.key, { tkz: "", official: r.officialName, population: r.population === null ? "" : String(r.population) });
  const kinds = textkennzeichen(gvText);
  for (const [key, code] of kinds) {
    const t = tkz.get(key);
    if (t) t.tkz = code;
  }
  const byKey = new Map<string, string[]>();
  const dropped: PostcodeRow[] = [];
  for (const p of pc.rows) {
    if (!tkz.has(p.key)) dropped.push(p);
    else (byKey.get(p.key) ?? byKey.set(p.key, []).get(p.key)!).push(p.plz);
  }
  const lines = [...HEADER];
  for (const key of [...tkz.keys()].sort()) {
    const t = tkz.get(key)!;
    const plz = [...new Set(byKey.get(key) ?? [])].sort();
    lines.push([key, t.tkz, t.official, t.population, plz.join(",")].join("\t"));
  }
  return { text: `${lines.join("\n")}\n`, problems, dropped };
}

/** key → textkennzeichen, from the CSV's satzart 40 and 60 records */
function textkennzeichen(gvText: string): Map<string, string> {
  const out = new Map<string, string>();
  const records = parse(gvText, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  for (const r of records) {
    const kreis = `${r.land ?? ""}${r.rb ?? ""}${r.kreis ?? ""}`;
    if (r.satzart === "40") out.set(kreis, r.textkennzeichen ?? "");
    if (r.satzart === "60") out.set(`${kreis}${r.gemeinde ?? ""}`, r.textkennzeichen ?? "");
  }
  return out;
}

/** Places and postcodes from the bundle's text; a line that does not read throws (the file is ours). */
export function decodePlacesBundle(text: string): { places: PlaceRow[]; postcodes: PostcodeRow[] } {
  const places: PlaceRow[] = [];
  const postcodes: PostcodeRow[] = [];
  const lines = text.split("\n");
  if (lines[0] !== `# ${BUNDLE_FORMAT}`) throw new Error(`places bundle: expected "# ${BUNDLE_FORMAT}" on line 1`);
  lines.forEach((line, i) => {
    if (line === "" || line.startsWith("#")) return;
    const [key = "", tkz = "", official = "", population = "", plz = ""] = line.split("\t");
    const satzart = key.length === 2 ? "10" : key.length === 5 ? "40" : "60";
    const record = {
      satzart,
      textkennzeichen: tkz,
      land: key.slice(0, 2),
      rb: key.slice(2, 3),
      kreis: key.slice(3, 5),
      gemeinde: key.slice(5, 8),
      gemeindename: official,
      bevoelkerung: population,
    };
    const row = placeFromRecord(record, (field, message) => {
      throw new Error(`places bundle line ${i + 1}: ${field}: ${message}`);
    });
    if (!row) throw new Error(`places bundle line ${i + 1}: not a place`);
    places.push(row);
    if (plz !== "") for (const code of plz.split(",")) postcodes.push({ plz: code, key });
  });
  return { places, postcodes };
}

/** The shipped bundle's hash, cheap enough for every start. */
export function bundleHash(file: string = bundleFile()): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
}

export function readPlacesBundle(file: string = bundleFile()): PlacesBundle {
  const raw = readFileSync(file);
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 16);
  return { hash, ...decodePlacesBundle(gunzipSync(raw).toString("utf8")) };
}
