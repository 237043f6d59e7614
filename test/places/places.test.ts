// Places resolve from the bundle on a fresh database and from real Destatis and OpenStreetMap
// files in ../shared/data/geo once imported.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { singleCandidate, type Candidate } from "../../src/places/store.js";
import { resolvePlace } from "../../src/places/resolve.js";
import { GV_FILE, PLZ_FILE, testApp } from "../helpers.js";

let app: App;
beforeAll(() => {
  app = testApp({ places: true });
});
afterAll(() => app.close());

const keys = (cs: readonly Candidate[]) => cs.map((c) => c.key);
function candidates(text: string): Candidate[] {
  const r = app.places.find(text);
  return r.kind === "found" ? [...r.candidates] : [];
}

describe("the imported Gemeindeverzeichnis", () => {
  const rows = (parse(readFileSync(GV_FILE, "utf8"), { columns: true, bom: true }) as Record<string, string>[]).filter(
    (r) => r.satzart === "60" && r.land === "05",
  );

  it("has all 396 NRW Gemeinden", () => {
    expect(rows).toHaveLength(396);
    expect(app.places.counts().gemeinden).toBeGreaterThan(10_000);
    expect(app.places.origins().places).toBe("import:gemeindeverzeichnis-auszug.csv");
  });

  it("resolves every NRW Gemeinde, by key and by name, to its Kreis", () => {
    const wrong: string[] = [];
    for (const r of rows) {
      const key = `${r.land}${r.rb}${r.kreis}${r.gemeinde}`;
      const kreisKey = key.slice(0, 5);
      const byKey = candidates(key);
      if (byKey.length !== 1 || (byKey[0]!.kreis?.key ?? byKey[0]!.key.slice(0, 5)) !== kreisKey) wrong.push(`key ${key}`);
      const name = r.gemeindename!.split(",")[0]!;
      const byName = candidates(name).find((c) => c.key === key || c.key === kreisKey);
      if (!byName) wrong.push(`name ${name} (${key})`);
    }
    expect(wrong).toEqual([]);
  });

  it("finds names with umlaut and ß folding and Kreis/Stadt handling", () => {
    expect(keys(candidates("Muenster"))[0]).toBe("05515000");
    expect(keys(candidates("Koeln"))).toEqual(["05315000"]);
    expect(keys(candidates("KÖLN"))).toEqual(["05315000"]);
    expect(keys(candidates("Kreis Heinsberg"))).toEqual(["05370"]);
    expect(keys(candidates("Heinsberg Kreis"))).toEqual(["05370"]);
    expect(keys(candidates("Aachen"))).toEqual(["05334002"]);
    expect(keys(candidates("Stadt Aachen"))).toEqual(["05334002"]);
    expect(keys(candidates("Städteregion Aachen"))).toEqual(["05334"]);
    expect(keys(candidates("Düsseldorf"))).toEqual(["05111000"]);
    expect(keys(candidates("Gießen")).length).toBeGreaterThan(0);
    expect(keys(candidates("Giessen"))).toEqual(keys(candidates("Gießen")));
  });

  it("offers close names when nothing matches", () => {
    const r = app.places.find("Heinsbreg");
    expect(r.kind).toBe("none");
    expect(r.kind === "none" && r.suggestions.map((s) => s.key)).toContain("05370016");
    const nothing = app.places.find("Xqzzzzzzzz");
    expect(nothing).toEqual({ kind: "none", suggestions: [] });
  });
});

describe("postcodes", () => {
  const plz = parse(readFileSync(PLZ_FILE, "utf8"), { columns: true, bom: true }) as Record<string, string>[];

  it("are read in Persian and Arabic-Indic digits too", () => {
    expect(keys(candidates("۵۲۵۲۵"))).toEqual(keys(candidates("52525")));
    expect(keys(candidates("٠٥٣٧٠"))).toEqual(["05370"]);
  });

  it("52525 lies in Kreis Heinsberg", () => {
    const cs = candidates("52525");
    expect(cs.length).toBeGreaterThan(0);
    expect(new Set(cs.map((c) => c.kreis?.key))).toEqual(new Set(["05370"]));
    const resolved = resolvePlace(app.places, "52525");
    expect(resolved.ok && resolved.place).toMatchObject({ key: "05370", name: "Kreis Heinsberg", land: "NW" });
  });

  it("a postcode shared by several places lists them all", () => {
    const byPlz = new Map<string, Set<string>>();
    for (const r of plz) (byPlz.get(r.plz!) ?? byPlz.set(r.plz!, new Set()).get(r.plz!)!).add(r.ags!);
    const shared = [...byPlz].filter(([, s]) => s.size >= 3).slice(0, 25);
    expect(shared.length).toBeGreaterThan(10);
    for (const [code, ags] of shared) {
      const found = new Set(keys(candidates(code)));
      for (const a of ags) if (app.places.get(a)) expect(found, `${code} → ${a}`).toContain(a);
    }
  });
});

describe("choosing one place", () => {
  it("takes the innermost of nested candidates and refuses unrelated ones", () => {
    expect(singleCandidate(candidates("Aachen"))?.key).toBe("05334002");
    expect(singleCandidate(candidates("Neustadt"))).toBeUndefined();
    const r = resolvePlace(app.places, "Neustadt");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/matches several places: .*give the official key/);
  });
});
