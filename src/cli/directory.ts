// `wegweiser directory validate|import|export|list`: the local directory in YAML, CSV or
// Open Referral HSDS 3.0 JSON. An import with any bad row writes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { bundledDirectoryDir, type App } from "../app.js";
import { formatOf, readDirectory, writeCsv, writeHsds, writeYaml, type DirectoryFormat } from "../directory/formats.js";
import { loadBundledDirectory } from "../directory/store.js";
import { formatDirectoryProblem } from "../directory/types.js";
import { resolvePlace } from "../places/resolve.js";
import { toOfficeJson } from "../present/decision-json.js";
import { officeLine } from "../present/offices-text.js";
import { SERVICE_IDS, isServiceId } from "../rules/vocabulary.js";
import { UsageError } from "./errors.js";
import { DataError } from "./places.js";

export const DIRECTORY_USAGE = `Usage:
  wegweiser directory validate FILE [--format yaml|csv|hsds] [--kind SERVICE] [--area KEY]
  wegweiser directory import FILE [--format yaml|csv|hsds] [--replace] [--kind SERVICE] [--area KEY]
    (--kind and --area: for HSDS services without x_wegweiser_kind or official area keys)
  wegweiser directory export FILE|- --format yaml|csv|hsds [--kind SERVICE] [--origin ORIGIN]
  wegweiser directory list [--kind SERVICE] [--place PLACE] [--json]`;

function load(file: string, format: string | undefined): { format: DirectoryFormat; text: string } {
  const f = formatOf(file, format);
  if (!f) throw new UsageError(`--format: cannot tell the format of ${file}; accepted: yaml, csv, hsds`);
  try {
    return { format: f, text: readFileSync(file, "utf8") };
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function checkKind(kind: string | undefined): void {
  if (kind !== undefined && !isServiceId(kind)) throw new UsageError(`--kind: unknown service "${kind}"; accepted: ${SERVICE_IDS.join(", ")}`);
}

export function runDirectory(argv: readonly string[], app: App, out: (text: string) => void): string {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      format: { type: "string" }, replace: { type: "boolean" }, kind: { type: "string" }, origin: { type: "string" },
      place: { type: "string" }, json: { type: "boolean" }, area: { type: "string" },
    },
    strict: true,
    allowPositionals: true,
  });
  checkKind(values.kind);
  switch (sub) {
    case "validate":
    case "import": {
      const file = positionals[0];
      if (!file) throw new UsageError(`directory ${sub}: give the FILE`);
      const { format, text } = load(file, values.format);
      const defaults = { ...(values.kind ? { kind: values.kind } : {}), ...(values.area ? { area: values.area } : {}) };
      const { offices, problems, dropped } = readDirectory(basename(file), text, format, defaults);
      // one line per entry that lost fields an office cannot hold: the operator sees what is missing
      for (const d of dropped) out(`${d.file}:${d.row}: left out ${d.fields.join(", ")}`);
      if (problems.length > 0) {
        const shown = problems.slice(0, 50).map(formatDirectoryProblem);
        if (problems.length > 50) shown.push(`… and ${problems.length - 50} more`);
        throw new DataError(`${sub === "import" ? "nothing imported" : "invalid"}: ${problems.length} problems in ${offices.length + problems.length > 0 ? "the file" : file}\n${shown.join("\n")}`);
      }
      if (sub === "validate") return `${offices.length} offices valid`;
      const r = app.directory.importOffices(offices, basename(file), { replace: values.replace ?? false });
      if (values.replace) loadBundledDirectory(app.db, bundledDirectoryDir(), { force: true });
      return `imported ${offices.length} offices (${r.inserted} new, ${r.updated} updated)${values.replace ? "; earlier imports replaced" : ""}`;
    }
    case "export": {
      const file = positionals[0];
      if (!file) throw new UsageError("directory export: give the FILE or - for standard output");
      const format = formatOf(file === "-" ? "" : file, values.format);
      if (!format) throw new UsageError("--format: accepted: yaml, csv, hsds");
      const offices = app.directory.list({ ...(values.kind ? { kind: values.kind } : {}), ...(values.origin ? { origin: values.origin } : {}) });
      const areaName = (key: string) => app.places.get(key)?.name ?? key;
      const text = format === "yaml" ? writeYaml(offices) : format === "csv" ? writeCsv(offices) : writeHsds(offices, areaName);
      if (file === "-") return text.trimEnd();
      writeFileSync(file, text);
      return `exported ${offices.length} offices to ${file}`;
    }
    case "list": {
      let placeKey: string | null = null;
      if (values.place) {
        const r = resolvePlace(app.places, values.place);
        if (!r.ok) throw new UsageError(`--place: ${r.message}`);
        placeKey = r.place.key;
      }
      const today = new Date().toISOString().slice(0, 10);
      const kinds = values.kind ? [values.kind] : [...SERVICE_IDS];
      if (placeKey || values.place) {
        const matches = kinds.flatMap((k) => app.directory.officesFor(k as never, placeKey, today));
        if (values.json) return JSON.stringify(matches.map((m) => ({ kind: m.office.kind, ...toOfficeJson(m) })), null, 2);
        const tr = app.i18n.translator("de");
        return matches.map((m) => `${m.office.kind}\t${m.level}\t${officeLine(m, tr)}`).join("\n");
      }
      const offices = app.directory.list(values.kind ? { kind: values.kind } : {});
      if (values.json) return JSON.stringify(offices, null, 2);
      out(`${offices.length} offices`);
      return offices.map((o) => `${o.kind}\t${o.id}\t${o.name}\t${o.areas.join(";")}`).join("\n");
    }
    default:
      throw new UsageError(`directory: unknown subcommand "${sub ?? ""}"; accepted: validate, import, export, list`);
  }
}
