// The places bundled with the code (geo/places.tsv.gz): every Land, Kreis and Gemeinde of the
// Destatis Gemeindeverzeichnis with the postcodes OpenStreetMap gives for each, one line a place.
// Written by scripts/build-places.ts (bundle-build.ts) from the downloaded originals; read on first use.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as Zlib from "node:zlib";
import { projectRoot } from "../paths.js";
import { placeFromRecord, type PlaceRow, type PostcodeRow } from "./gv-record.js";

export const BUNDLE_FORMAT = "wegweiser-places 1";

export const bundleFile = (): string => join(projectRoot(), "geo", "places.tsv.gz");

export interface PlacesBundle {
  /** sha256 of the file as shipped, to know whether the database holds this bundle */
  readonly hash: string;
  readonly places: readonly PlaceRow[];
  readonly postcodes: readonly PostcodeRow[];
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
  // zlib only when the bundle is read, once per database: not at every start
  const { gunzipSync } = process.getBuiltinModule("node:zlib") as typeof Zlib;
  return { hash, ...decodePlacesBundle(gunzipSync(raw).toString("utf8")) };
}
