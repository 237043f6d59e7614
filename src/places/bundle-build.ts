// Makes the text of geo/places.tsv.gz from the downloaded Gemeindeverzeichnis and postcode
// files (for scripts/build-places.ts and its test; not loaded at run time).
import { parse } from "csv-parse/sync";
import { BUNDLE_FORMAT } from "./bundle.js";
import { readGemeindeverzeichnis, readPostcodes, type ImportProblem, type PostcodeRow } from "./import.js";

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

