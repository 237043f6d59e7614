// The bundled places: in the database on first start without any command, every Gemeinde and
// Kreis key of the Destatis file and every postcode resolves, and an operator's import is kept.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { openApp } from "../../src/app.js";
import { runPlaces } from "../../src/cli/places.js";
import { bundleFile, decodePlacesBundle } from "../../src/places/bundle.js";
import { encodePlacesBundle } from "../../src/places/bundle-build.js";
import { foldName } from "../../src/places/names.js";
import { resolvePlace } from "../../src/places/resolve.js";
import { createPlaceStore } from "../../src/places/store.js";
import { openDb } from "../../src/store/db.js";
import { foldKey } from "../../src/text/fold.js";
import { GV_FILE, PLZ_FILE, tempDir } from "../helpers.js";

const gvText = readFileSync(GV_FILE, "utf8");
const plzText = readFileSync(PLZ_FILE, "utf8");
const gv = parse(gvText, { columns: true, bom: true }) as Record<string, string>[];
const plz = parse(plzText, { columns: true, bom: true }) as Record<string, string>[];
const keyOf = (r: Record<string, string>) => `${r.land}${r.rb}${r.kreis}${r.gemeinde ?? ""}`;

let app: App;
beforeAll(() => {
  // a fresh database and no command: what a new user has after npm ci
  app = openApp({ dbPath: join(tempDir(), "fresh.db") });
});
afterAll(() => app.close());

describe("the bundle on a fresh database", () => {
  it("is loaded on first start without any command", () => {
    expect(app.places.counts()).toEqual({ lands: 16, kreise: 401, gemeinden: 11_004, postcodes: new Set(plz.filter((r) => r.ags !== "16063094").map((r) => r.plz)).size });
    expect(app.places.origins().places).toMatch(/^bundle:[0-9a-f]{16}$/);
    expect(app.places.origins().postcodes).toBe(app.places.origins().places);
  });

  it("resolves every Gemeinde key of the Destatis file to that Gemeinde in its Kreis", () => {
    const gemeinden = gv.filter((r) => r.satzart === "60");
    expect(gemeinden).toHaveLength(11_004);
    const wrong: string[] = [];
    for (const r of gemeinden) {
      const key = keyOf(r);
      const found = app.places.find(key);
      const c = found.kind === "found" && found.candidates.length === 1 ? found.candidates[0]! : undefined;
      const kreis = app.places.get(key.slice(0, 5)); // gemeindefreie Gebiete such as 13000999 lie in no Kreis
      if (!c || c.key !== key || c.kreis?.key !== kreis?.key || c.level !== "gemeinde") wrong.push(key);
      else if (foldKey(c.name) !== foldKey(r.gemeindename!.split(",")[0]!)) wrong.push(`${key} named ${c.name}`);
    }
    expect(wrong).toEqual([]);
  });

  it("resolves every Kreis key and every Land key; five digits that are also a postcode elsewhere ask which, and AGS or PLZ says", () => {
    const wrong: string[] = [];
    let alsoPostcodes = 0;
    for (const r of gv.filter((x) => x.satzart === "40" || x.satzart === "10")) {
      const key = r.satzart === "10" ? r.land! : `${r.land}${r.rb}${r.kreis}`;
      const postcodeElsewhere = plz.some((p) => p.plz === key && !p.ags!.startsWith(key));
      const res = resolvePlace(app.places, key);
      if (postcodeElsewhere) {
        alsoPostcodes++;
        if (res.ok || !res.message.includes(`write "AGS ${key}" for the Kreis or "PLZ ${key}" for the postcode`)) wrong.push(`${key} not asked`);
        const byAgs = resolvePlace(app.places, `AGS ${key}`);
        if (!byAgs.ok || byAgs.place.key !== key) wrong.push(`AGS ${key}`);
        const byPlz = app.places.find(`PLZ ${key}`);
        if (byPlz.kind !== "found" || byPlz.candidates.some((c) => c.key === key)) wrong.push(`PLZ ${key}`);
      } else if (!res.ok || res.place.key !== key) wrong.push(key);
    }
    expect(alsoPostcodes).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it("finds the place of every postcode row of the OpenStreetMap file among that postcode's places", () => {
    const missing: string[] = [];
    for (const r of plz) {
      if (r.ags === "16063094") continue; // not in this Gemeindeverzeichnis (left out by the build, see geo/README.md)
      const found = app.places.find(r.plz!);
      if (found.kind !== "found" || !found.candidates.some((c) => c.key === r.ags)) missing.push(`${r.plz}→${r.ags}`);
    }
    expect(missing).toEqual([]);
  });

  it("resolves the postcodes 52525 and 80331 and the names Leipzig and München for a one-shot command", () => {
    expect(resolvePlace(app.places, "52525")).toMatchObject({ ok: true, place: { key: "05370", name: "Kreis Heinsberg", land: "NW" } });
    expect(resolvePlace(app.places, "80331")).toMatchObject({ ok: true, place: { key: "09162000", name: "München", land: "BY" } });
    expect(resolvePlace(app.places, "09162")).toMatchObject({ ok: true, place: { key: "09162", name: "München", land: "BY" } });
    expect(resolvePlace(app.places, "Leipzig")).toMatchObject({ ok: true, place: { key: "14713000" } });
    expect(resolvePlace(app.places, "München")).toMatchObject({ ok: true, place: { key: "09162000" } });
    expect(resolvePlace(app.places, "Landkreis München")).toMatchObject({ ok: true, place: { key: "09184" } });
  });
});

describe("the bundle file", () => {
  it("is what the build script makes from the files in ../shared/data/geo", () => {
    const { text, problems, dropped } = encodePlacesBundle("gv.csv", gvText, "plz.csv", plzText);
    expect(problems).toEqual([]);
    expect(dropped.map((d) => d.key)).toEqual(["16063094"]);
    const shipped = decodePlacesBundle(gunzipText(bundleFile()));
    expect(shipped).toEqual(decodePlacesBundle(text));
  });

  it("folds every name the quick way exactly as foldKey does", () => {
    const { places } = decodePlacesBundle(gunzipText(bundleFile()));
    const differ = places.flatMap((p) => [p.name, p.officialName]).filter((n) => foldName(n) !== foldKey(n));
    expect(differ).toEqual([]);
  });
});

function gunzipText(file: string): string {
  return gunzipSync(readFileSync(file)).toString("utf8");
}

describe("an operator's import", () => {
  it("is not replaced by the bundle on the next start", () => {
    const dir = tempDir();
    const dbPath = join(dir, "op.db");
    // an operator imports a Gemeindeverzeichnis of NRW only
    const nrw = gvText.split(/\r?\n/).filter((line, i) => i === 0 || /^\uFEFF?(10|20|30|40|50|60),[^,]*,05,/.test(line) || /^10,,0[0-9]|^10,,1[0-6]/.test(line));
    const file = join(dir, "gv-nrw.csv");
    writeFileSync(file, `${nrw.join("\n")}\n`);
    const first = openApp({ dbPath });
    expect(runPlaces(["import", "--gemeindeverzeichnis", file], first)).toMatch(/396 Gemeinden/);
    first.close();
    const next = openApp({ dbPath });
    expect(next.places.counts().gemeinden).toBe(396);
    expect(next.places.origins()).toMatchObject({ places: "import:gv-nrw.csv" });
    // its postcodes still come from the bundle; those of other Länder find no place
    expect(next.places.origins().postcodes).toMatch(/^bundle:/);
    expect(next.places.find("52525").kind).toBe("found");
    expect(next.places.find("80331").kind).toBe("none");
    next.close();
  });

  it("made before places were bundled is kept too, and found under the names of today", () => {
    const dbPath = join(tempDir(), "old.db");
    const db = openDb(dbPath);
    const store = createPlaceStore(db, { bundle: null });
    const { places } = decodePlacesBundle(gunzipText(bundleFile()));
    store.replacePlaces(places.filter((p) => p.key.startsWith("15")), "old.csv");
    // as an older version left it: no record of the origin, and names without the common ones
    db.exec("DELETE FROM meta WHERE key IN ('places_origin', 'postcodes_origin', 'place_names_version'); DELETE FROM place_names WHERE folded = 'halle'");
    const reopened = createPlaceStore(db);
    expect(reopened.counts().gemeinden).toBe(places.filter((p) => p.key.startsWith("15") && p.level === "gemeinde").length);
    expect(reopened.origins().places).toBe("import:earlier");
    const halle = reopened.find("Halle");
    expect(halle.kind === "found" && halle.candidates[0]!.key).toBe("15002000");
    db.close();
  });

  it("gives way to a newer bundle only where the bundle was loaded", () => {
    const dir = tempDir();
    const older = join(dir, "older.tsv.gz");
    const { text } = encodePlacesBundle("gv.csv", gvText, "plz.csv", plzText);
    // an older bundle without Sachsen-Anhalt
    writeFileSync(older, gzipSync(text.split("\n").filter((l) => !l.startsWith("15")).join("\n")));
    const db = openDb(join(dir, "b.db"));
    const before = createPlaceStore(db, { bundle: older });
    expect(before.get("15002000")).toBeUndefined();
    const olderOrigin = before.origins().places;
    expect(before.find("06108").kind).toBe("none");
    const after = createPlaceStore(db, { bundle: bundleFile() });
    expect(after.get("15002000")?.name).toBe("Halle (Saale)");
    expect(after.find("06108").kind).toBe("found");
    expect(after.origins().places).not.toBe(olderOrigin);
    db.close();
  });
});
