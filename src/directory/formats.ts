// Reads and writes the directory in three formats: YAML (operators), CSV (spreadsheets) and
// Open Referral HSDS 3.0 JSON (other directory systems). Reading checks every row and returns
// all problems as file:row:field; the caller writes nothing if there is any.
import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, parseDocument, stringify } from "yaml";
import { fromHsdsService, hsdsField, hsdsServices, type HsdsDefaults } from "./hsds.js";
import { checkHsdsShape } from "./hsds-shape.js";
import { checkOffice, toOfficeInput } from "./schema.js";
import type { DirectoryProblem, Office } from "./types.js";

export { stableUuid, toHsdsService, writeHsds, type HsdsDefaults } from "./hsds.js";

export type DirectoryFormat = "yaml" | "csv" | "hsds";

/** what an import left out of one entry because an office cannot hold it (HSDS) */
export interface DroppedFields {
  readonly file: string;
  readonly row: number;
  readonly fields: readonly string[];
}

export interface ReadResult {
  readonly offices: Office[];
  readonly problems: DirectoryProblem[];
  readonly dropped: DroppedFields[];
}

export function formatOf(file: string, explicit?: string): DirectoryFormat | undefined {
  if (explicit === "yaml" || explicit === "csv" || explicit === "hsds") return explicit;
  if (explicit !== undefined) return undefined;
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (/\.csv$/i.test(file)) return "csv";
  if (/\.json$/i.test(file)) return "hsds";
  return undefined;
}

/** Any failure of a reader on a hostile file becomes one problem instead of an exception. */
function readSafely(file: string, text: string, format: DirectoryFormat, defaults: HsdsDefaults): RawRows {
  try {
    return format === "yaml" ? readYaml(file, text) : format === "csv" ? readCsv(file, text) : readHsds(file, text, defaults);
  } catch (err) {
    return { rows: [], problems: [{ file, row: 0, field: "", message: `cannot be read: ${String((err as Error)?.message ?? err).split("\n")[0]}` }] };
  }
}

export function readDirectory(file: string, content: string, format: DirectoryFormat, defaults: HsdsDefaults = {}): ReadResult {
  // a byte order mark (editors on Windows write one) is not part of the text
  const text = content.replace(/^\uFEFF/, "");
  const result = readSafely(file, text, format, defaults);
  const seen = new Map<string, number>();
  result.rows.forEach(({ office, row }) => {
    const prev = seen.get(office.id);
    if (prev !== undefined) result.problems.push({ file, row, field: "id", message: `"${office.id}" also on row ${prev}` });
    else seen.set(office.id, row);
  });
  return { offices: result.rows.map((r) => r.office), problems: result.problems.sort((a, b) => a.row - b.row), dropped: result.dropped ?? [] };
}

interface RawRows {
  rows: { office: Office; row: number }[];
  problems: DirectoryProblem[];
  dropped?: DroppedFields[];
}

function collect(file: string, entries: { input: unknown; row: number; fieldName?: (f: string) => string }[]): RawRows {
  const out: RawRows = { rows: [], problems: [] };
  for (const { input, row, fieldName } of entries) {
    const checked = checkOffice(input);
    if (checked.ok) out.rows.push({ office: checked.office, row });
    else for (const p of checked.problems) out.problems.push({ file, row, field: fieldName ? fieldName(p.field) : p.field, message: p.message });
  }
  return out;
}

// ---------- YAML: `offices:` list, row = the line where the entry starts ----------

function readYaml(file: string, text: string): RawRows {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { rows: [], problems: [{ file, row: e.linePos?.[0].line ?? 0, field: "", message: e.message.split("\n")[0]! }] };
  }
  let root: { offices?: unknown } | null;
  try {
    // yaml refuses more than 100 alias expansions (maxAliasCount): an alias bomb ends here
    root = doc.toJS({ maxAliasCount: 100 }) as { offices?: unknown } | null;
  } catch (err) {
    return { rows: [], problems: [{ file, row: 1, field: "", message: `${(err as Error).message} (YAML aliases)` }] };
  }
  if (!root || typeof root !== "object" || !Array.isArray(root.offices)) {
    return { rows: [], problems: [{ file, row: 1, field: "offices", message: "expected a list under `offices:`" }] };
  }
  const items = (doc.get("offices", true) as { items?: { range?: [number, number, number] }[] } | undefined)?.items ?? [];
  return collect(
    file,
    (root.offices as unknown[]).map((input, i) => ({ input, row: items[i]?.range ? lineCounter.linePos(items[i]!.range![0]).line : i + 1 })),
  );
}

export function writeYaml(offices: readonly Office[]): string {
  return `# Wegweiser directory export (${offices.length} offices)\n${stringify({ offices: offices.map(toOfficeInput) }, { lineWidth: 0 })}`;
}

// ---------- CSV: one office per line, lists separated by ";" ----------

export const CSV_COLUMNS = [
  "id", "kind", "name", "provider", "address", "postcode", "city", "phone", "email", "web",
  "languages", "hours", "online", "areas", "valid_from", "valid_until", "last_verified", "source", "note",
] as const;
const REQUIRED_COLUMNS = ["id", "kind", "name", "areas", "source"];

function readCsv(file: string, text: string): RawRows {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, info: true, trim: true }) as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { rows: [], problems: [{ file, row: e.lines ?? 0, field: "", message: e.message }] };
  }
  const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  const problems: DirectoryProblem[] = [];
  for (const h of header) if (!(CSV_COLUMNS as readonly string[]).includes(h)) problems.push({ file, row: 1, field: h, message: `unknown column; accepted: ${CSV_COLUMNS.join(", ")}` });
  for (const c of REQUIRED_COLUMNS) if (!header.includes(c)) problems.push({ file, row: 1, field: c, message: "column missing" });
  if (problems.length > 0) return { rows: [], problems };
  const list = (v: string | undefined) => (v ?? "").split(/[;\s]+/).filter((x) => x !== "");
  const entries = records.map(({ record, info }) => {
    const input: Record<string, unknown> = {};
    for (const [k, cell] of Object.entries(record)) {
      const v = cell.replace(ESCAPED_FORMULA, "").trim();
      if (v === "") continue;
      if (k === "languages" || k === "areas") input[k] = list(v);
      else if (k === "online") input[k] = /^(1|true|yes|ja|x)$/i.test(v) ? true : /^(0|false|no|nein)$/i.test(v) ? false : v;
      else input[k] = v;
    }
    if (input.areas === undefined) input.areas = [];
    return { input, row: info.lines };
  });
  return collect(file, entries);
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, tab, carriage return) gets a leading
 * apostrophe and quotes (OWASP, CSV injection); the reader takes the apostrophe off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r])/;

function csvCell(v: string): string {
  if (FORMULA_START.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return /[",\n\r;]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function writeCsv(offices: readonly Office[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const o of offices) {
    const i = toOfficeInput(o) as Record<string, unknown>;
    lines.push(
      CSV_COLUMNS.map((c) => {
        const v = i[c];
        if (v === undefined) return "";
        if (Array.isArray(v)) return csvCell(v.join(";"));
        if (typeof v === "boolean") return v ? "yes" : "no";
        return csvCell(String(v));
      }).join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

// ---------- Open Referral HSDS 3.0 JSON (src/directory/hsds.ts) ----------

function readHsds(file: string, text: string, defaults: HsdsDefaults): RawRows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { rows: [], problems: [{ file, row: 0, field: "", message: `not JSON: ${(err as Error).message}` }], dropped: [] };
  }
  // services are objects and their lists lists of objects before anything reads them
  const shape = checkHsdsShape(file, data);
  if (shape.length > 0) return { rows: [], problems: shape, dropped: [] };
  const dropped: DroppedFields[] = [];
  const entries = (hsdsServices(data) as Record<string, unknown>[]).map((s, i) => {
    const r = fromHsdsService(s, file, defaults);
    if (r.dropped.length > 0) dropped.push({ file, row: i + 1, fields: r.dropped });
    return { input: r.input, row: i + 1, fieldName: hsdsField };
  });
  return { ...collect(file, entries), dropped };
}
