// Reads and writes the directory in three formats: YAML (operators), CSV (spreadsheets) and
// Open Referral HSDS 3.0 JSON (other directory systems). Reading checks every row and returns
// all problems as file:row:field; the caller writes nothing if there is any.
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, parseDocument, stringify } from "yaml";
import { checkHsdsShape } from "./hsds-shape.js";
import { checkOffice, toOfficeInput } from "./schema.js";
import type { DirectoryProblem, Office } from "./types.js";

export type DirectoryFormat = "yaml" | "csv" | "hsds";

export interface ReadResult {
  readonly offices: Office[];
  readonly problems: DirectoryProblem[];
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
function readSafely(file: string, text: string, format: DirectoryFormat): RawRows {
  try {
    if (format === "hsds") {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        // readHsds names the JSON error
      }
      const shape = data === undefined ? [] : checkHsdsShape(file, data);
      if (shape.length > 0) return { rows: [], problems: shape };
    }
    return format === "yaml" ? readYaml(file, text) : format === "csv" ? readCsv(file, text) : readHsds(file, text);
  } catch (err) {
    return { rows: [], problems: [{ file, row: 0, field: "", message: `cannot be read: ${String((err as Error)?.message ?? err).split("\n")[0]}` }] };
  }
}

export function readDirectory(file: string, content: string, format: DirectoryFormat): ReadResult {
  // a byte order mark (editors on Windows write one) is not part of the text
  const text = content.replace(/^\uFEFF/, "");
  const result = readSafely(file, text, format);
  const seen = new Map<string, number>();
  result.rows.forEach(({ office, row }) => {
    const prev = seen.get(office.id);
    if (prev !== undefined) result.problems.push({ file, row, field: "id", message: `"${office.id}" also on row ${prev}` });
    else seen.set(office.id, row);
  });
  return { offices: result.rows.map((r) => r.office), problems: result.problems.sort((a, b) => a.row - b.row) };
}

interface RawRows {
  rows: { office: Office; row: number }[];
  problems: DirectoryProblem[];
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

// ---------- Open Referral HSDS 3.0 JSON ----------
// Each office is one HSDS `service` with its `organization`, `service_areas`, `languages`,
// `phones`, `schedules` and `service_at_locations[].location.addresses` nested, as the HSDS
// API returns it. German specifics are extensions with the prefix x_ (see README).

/** A stable UUID (version 5 layout) from our id, so repeated exports keep their identifiers. */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha1").update(`wegweiser:${parts.join(":")}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function toHsdsService(o: Office, areaName: (key: string) => string = (k) => k): Record<string, unknown> {
  const id = stableUuid("service", o.id);
  const orgId = stableUuid("organization", o.provider ?? o.name);
  const locationId = stableUuid("location", o.id);
  const service: Record<string, unknown> = {
    id,
    organization_id: orgId,
    name: o.name,
    ...(o.note ? { description: o.note } : {}),
    ...(o.web ? { url: o.web } : {}),
    ...(o.email ? { email: o.email } : {}),
    status: "active",
    ...(o.lastVerified ? { assured_date: o.lastVerified } : {}),
    organization: o.provider ? { id: orgId, name: o.provider } : { id: orgId, name: o.name, x_placeholder: true },
    phones: o.phone ? [{ id: stableUuid("phone", o.id), service_id: id, number: o.phone }] : [],
    schedules: o.hours ? [{ id: stableUuid("schedule", o.id), service_id: id, description: o.hours }] : [],
    languages: o.languages.map((code) => ({ id: stableUuid("language", o.id, code), service_id: id, code })),
    service_areas: o.areas.map((a) => ({
      id: stableUuid("area", o.id, a),
      service_id: id,
      name: a === "DE" ? "Deutschland" : areaName(a),
      extent_type: "text",
      x_area_key: a,
    })),
    service_at_locations:
      o.address || o.postcode || o.city || o.online
        ? [
            {
              id: stableUuid("service_at_location", o.id),
              service_id: id,
              location_id: locationId,
              location: {
                id: locationId,
                location_type: o.address || o.postcode || o.city ? "physical" : "virtual",
                name: o.name,
                ...(o.online && o.web ? { url: o.web } : {}),
                addresses:
                  o.address || o.postcode || o.city
                    ? [
                        {
                          id: stableUuid("address", o.id),
                          location_id: locationId,
                          address_1: o.address ?? "",
                          city: o.city ?? "",
                          postal_code: o.postcode ?? "",
                          state_province: "",
                          country: "DE",
                          address_type: "physical",
                        },
                      ]
                    : [],
              },
            },
          ]
        : [],
    x_wegweiser_id: o.id,
    x_wegweiser_kind: o.kind,
    x_online: o.online,
    x_source: o.source,
    ...(o.validFrom ? { x_valid_from: o.validFrom } : {}),
    ...(o.validUntil ? { x_valid_until: o.validUntil } : {}),
    ...(o.translations ? { x_translations: o.translations } : {}),
  };
  return service;
}

export function writeHsds(offices: readonly Office[], areaName?: (key: string) => string): string {
  const contents = offices.map((o) => toHsdsService(o, areaName));
  // The page shape of the HSDS API's /services response, all on one page.
  const page = { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
  return `${JSON.stringify(page, null, 2)}\n`;
}

/** office field → where it sits in an HSDS service, to name fields in problems */
const HSDS_FIELD: Record<string, string> = {
  id: "x_wegweiser_id",
  kind: "x_wegweiser_kind",
  provider: "organization.name",
  address: "service_at_locations.0.location.addresses.0.address_1",
  postcode: "service_at_locations.0.location.addresses.0.postal_code",
  city: "service_at_locations.0.location.addresses.0.city",
  phone: "phones.0.number",
  web: "url",
  languages: "languages",
  hours: "schedules.0.description",
  online: "x_online",
  areas: "service_areas",
  valid_from: "x_valid_from",
  valid_until: "x_valid_until",
  last_verified: "assured_date",
  source: "x_source",
  note: "description",
  translations: "x_translations",
};

function hsdsField(f: string): string {
  const [head, ...rest] = f.split(".");
  const mapped = HSDS_FIELD[head!] ?? head!;
  if ((head === "areas" || head === "languages") && rest.length > 0) return `${mapped}.${rest[0]}.${head === "areas" ? "x_area_key" : "code"}`;
  return [mapped, ...rest].join(".");
}

function readHsds(file: string, text: string): RawRows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { rows: [], problems: [{ file, row: 0, field: "", message: `not JSON: ${(err as Error).message}` }] };
  }
  const services = Array.isArray(data) ? data : (data as { contents?: unknown })?.contents;
  if (!Array.isArray(services)) return { rows: [], problems: [{ file, row: 0, field: "contents", message: "expected an array of HSDS services or an object with `contents`" }] };
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const entries = services.map((s: Record<string, unknown>, i) => {
    const loc = (s.service_at_locations as { location?: Record<string, unknown> }[] | undefined)?.[0]?.location;
    const addr = (loc?.addresses as Record<string, unknown>[] | undefined)?.[0];
    const input: Record<string, unknown> = {
      id: str(s.x_wegweiser_id) ?? str(s.id),
      kind: s.x_wegweiser_kind,
      name: s.name,
      // x_placeholder marks the organization an export invents where the provider is unknown
      provider: (s.organization as Record<string, unknown> | undefined)?.x_placeholder === true ? undefined : str((s.organization as Record<string, unknown> | undefined)?.name),
      address: str(addr?.address_1),
      postcode: str(addr?.postal_code),
      city: str(addr?.city),
      phone: str((s.phones as Record<string, unknown>[] | undefined)?.[0]?.number),
      email: str(s.email),
      web: str(s.url),
      languages: ((s.languages as Record<string, unknown>[] | undefined) ?? []).map((l) => l.code),
      hours: str((s.schedules as Record<string, unknown>[] | undefined)?.[0]?.description),
      online: s.x_online ?? loc?.location_type === "virtual",
      areas: ((s.service_areas as Record<string, unknown>[] | undefined) ?? []).map((a) => a.x_area_key),
      valid_from: str(s.x_valid_from),
      valid_until: str(s.x_valid_until),
      last_verified: str(s.assured_date),
      source: str(s.x_source) ?? `HSDS ${file}`,
      note: str(s.description),
      translations: s.x_translations,
    };
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    return { input, row: i + 1, fieldName: hsdsField };
  });
  return collect(file, entries);
}
