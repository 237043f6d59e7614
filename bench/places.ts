// Benchmark: import of the full Destatis and postcode files, then place resolution and office
// matching with all of Germany loaded (p50/p99 per lookup).
import { readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp } from "../src/app.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";
import { resolvePlace } from "../src/places/resolve.js";
import { SERVICE_IDS } from "../src/rules/vocabulary.js";
import { nowNs, seededRandom, summarise } from "./stats.js";

export async function benchPlaces(geoDir: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  try {
    const gvText = readFileSync(join(geoDir, "gemeindeverzeichnis-auszug.csv"), "utf8");
    const pcText = readFileSync(join(geoDir, "zuordnung_plz_ort_landkreis.csv"), "utf8");
    const imports: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = nowNs();
      const gv = readGemeindeverzeichnis("gv.csv", gvText);
      const pc = readPostcodes("plz.csv", pcText);
      app.db.transaction(() => {
        app.places.replacePlaces(gv.rows, "gv.csv");
        app.places.replacePostcodes(pc.rows);
      })();
      imports.push(Number(nowNs() - t0) / 1e6);
    }
    const counts = app.places.counts();

    // Queries people type: names (with and without umlauts), Kreise, postcodes, keys, typos.
    const names = app.db.prepare("SELECT name FROM places WHERE level = 'gemeinde'").pluck().all() as string[];
    const plz = app.db.prepare("SELECT DISTINCT plz FROM postcodes").pluck().all() as string[];
    const keys = app.db.prepare("SELECT key FROM places").pluck().all() as string[];
    const rnd = seededRandom(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const queries: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const r = rnd();
      if (r < 0.4) queries.push(pick(names));
      else if (r < 0.5) queries.push(pick(names).replace(/ü/g, "ue").replace(/ö/g, "oe").replace(/ä/g, "ae"));
      else if (r < 0.75) queries.push(pick(plz));
      else if (r < 0.95) queries.push(pick(keys));
      else queries.push(`${pick(names)}x`);
    }
    const find: number[] = [];
    const typo: number[] = [];
    for (const q of queries) {
      const t0 = nowNs();
      const r = app.places.find(q);
      const us = Number(nowNs() - t0) / 1000;
      (r.kind === "none" ? typo : find).push(us);
    }
    const places = keys.filter((k) => k.length === 8).slice(0, 5000);
    const match: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const key = pick(places);
      const kind = pick(SERVICE_IDS);
      const t0 = nowNs();
      app.directory.officesFor(kind, key, "2026-11-21");
      match.push(Number(nowNs() - t0) / 1000);
    }
    const resolveAll: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const q = pick(names);
      const t0 = nowNs();
      const r = resolvePlace(app.places, q);
      if (r.ok) for (const id of SERVICE_IDS) app.directory.officesFor(id, r.place.key, "2026-11-21");
      resolveAll.push(Number(nowNs() - t0) / 1000);
    }
    const s = (xs: number[]) => {
      const m = summarise(xs);
      return { p50: m.p50, p99: m.p99, n: m.n };
    };
    return {
      name: "places and directory, all of Germany loaded",
      loaded: counts,
      offices: app.directory.count(),
      import_ms: s(imports),
      find_us: s(find),
      find_no_match_with_suggestions_us: s(typo),
      offices_for_one_service_us: s(match),
      resolve_name_and_match_all_19_services_us: s(resolveAll),
    };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
