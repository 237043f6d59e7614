// `wegweiser places import|find`: loads the Destatis Gemeindeverzeichnis and the postcode
// file (a re-import replaces the old data in one transaction) and resolves place texts.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { App } from "../app.js";
import { formatImportProblem, readGemeindeverzeichnis, readPostcodes, type ImportProblem } from "../places/import.js";
import { describeCandidates } from "../places/resolve.js";
import { UsageError } from "./errors.js";

export const PLACES_USAGE = `Usage:
  wegweiser places import [--gemeindeverzeichnis FILE] [--postcodes FILE]
  wegweiser places find TEXT [--json]

All places of Germany come bundled (geo/places.tsv.gz). To update them, import newer files;
an import is kept from then on. Download the current files from
  Destatis, Gemeindeverzeichnis-Informationssystem (GV-ISys), "Auszug" as CSV:
    https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/_inhalt.html
  Postcodes (OpenStreetMap, ODbL): zuordnung_plz_ort_landkreis.csv from
    https://www.suche-postleitzahl.org/downloads`;

export class DataError extends Error {
  readonly exitCode = 1;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function runPlaces(argv: readonly string[], app: App): string {
  const [sub, ...rest] = argv;
  if (sub === "import") {
    const { values } = parseArgs({ args: rest, options: { gemeindeverzeichnis: { type: "string" }, postcodes: { type: "string" } }, strict: true });
    if (!values.gemeindeverzeichnis && !values.postcodes) throw new UsageError("places import: give --gemeindeverzeichnis FILE and/or --postcodes FILE");
    const started = process.hrtime.bigint();
    const problems: ImportProblem[] = [];
    const gv = values.gemeindeverzeichnis ? readGemeindeverzeichnis(basename(values.gemeindeverzeichnis), read(values.gemeindeverzeichnis)) : null;
    const pc = values.postcodes ? readPostcodes(basename(values.postcodes), read(values.postcodes)) : null;
    problems.push(...(gv?.problems ?? []), ...(pc?.problems ?? []));
    if (problems.length > 0) {
      const shown = problems.slice(0, 50).map(formatImportProblem);
      if (problems.length > 50) shown.push(`… and ${problems.length - 50} more`);
      throw new DataError(`nothing imported: ${problems.length} bad rows\n${shown.join("\n")}`);
    }
    // one transaction for both files: a failure leaves the old data as it was
    app.db.transaction(() => {
      if (gv) app.places.replacePlaces(gv.rows, basename(values.gemeindeverzeichnis!));
      if (pc) app.places.replacePostcodes(pc.rows);
    })();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const c = app.places.counts();
    return `imported in ${ms.toFixed(0)} ms: ${c.lands} Länder, ${c.kreise} Kreise and kreisfreie Städte, ${c.gemeinden} Gemeinden, ${c.postcodes} postcodes`;
  }
  if (sub === "find") {
    const { values, positionals } = parseArgs({ args: rest, options: { json: { type: "boolean" } }, strict: true, allowPositionals: true });
    const text = positionals.join(" ");
    if (text.trim() === "") throw new UsageError("places find: give a place name, postcode or official key");
    const found = app.places.find(text);
    if (values.json) {
      const strip = (c: { key: string; name: string; land: string; level: string; kreis?: { key: string; name: string } }) => ({
        key: c.key, name: c.name, level: c.level, ...(c.kreis ? { kreis: c.kreis } : {}), land: c.land,
      });
      return JSON.stringify(found.kind === "found" ? { candidates: found.candidates.map(strip) } : { candidates: [], suggestions: found.suggestions.map(strip) }, null, 2);
    }
    const list = found.kind === "found" ? found.candidates : found.suggestions;
    const described = describeCandidates(list);
    if (found.kind === "found") return described.join("\n");
    return `no place "${text}"${described.length ? `; did you mean: ${described.join("; ")}` : ""}`;
  }
  throw new UsageError(`places: unknown subcommand "${sub ?? ""}"; accepted: import, find`);
}
