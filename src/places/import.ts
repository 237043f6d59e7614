// Reads the Destatis Gemeindeverzeichnis CSV and the OpenStreetMap postcode CSV into checked
// rows. Every bad row is reported as file:row:field; the caller writes nothing if any is bad.
import { parse } from "csv-parse/sync";
import { placeFromRecord, type PlaceRow, type PostcodeRow } from "./gv-record.js";
import { landByKey } from "./lands.js";

export type { PlaceRow, PostcodeRow } from "./gv-record.js";

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
