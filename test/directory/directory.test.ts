// The directory: bundled entries, matching most specific first, three formats that round-trip,
// and imports that write nothing when a row is bad.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { readDirectory, writeCsv, writeHsds, writeYaml } from "../../src/directory/formats.js";
import type { Office } from "../../src/directory/types.js";
import { loadBundledDirectory } from "../../src/directory/store.js";
import { bundledDirectoryDir } from "../../src/app.js";
import { testApp } from "../helpers.js";

let app: App;
beforeAll(() => {
  app = testApp({ places: true });
});
afterAll(() => app.close());

const today = "2026-11-21";
const ids = (kind: Parameters<App["directory"]["officesFor"]>[0], key: string | null) => app.directory.officesFor(kind, key, today).map((m) => m.office.id);
/** the offices of a Kreis or Gemeinde, without the Land-wide and nationwide routes behind them */
const localIds = (kind: Parameters<App["directory"]["officesFor"]>[0], key: string) =>
  app.directory.officesFor(kind, key, today).filter((m) => m.level === "kreis" || m.level === "gemeinde").map((m) => m.office.id);

const sample: Office[] = [
  {
    id: "mbe-caritas-heinsberg",
    kind: "mbe",
    name: "Migrationsberatung Caritas Heinsberg",
    provider: "Caritasverband für die Region Heinsberg",
    address: "Musterstraße 1",
    postcode: "52525",
    city: "Heinsberg",
    phone: "+49 2452 123456",
    email: "mbe@example.org",
    web: "https://example.org/mbe",
    languages: ["de", "ar", "fa"],
    hours: "Mo–Do 9–12 Uhr",
    online: false,
    areas: ["05370"],
    validFrom: "2024-01-01",
    lastVerified: "2026-11-01",
    source: "Test data",
    note: "Termine nach Vereinbarung",
    translations: { en: { name: "Migration counselling Caritas Heinsberg" } },
  },
  {
    id: "tm-erkelenz",
    kind: "teilhabemanagement",
    name: "Teilhabemanagement Stadt Erkelenz",
    languages: [],
    online: false,
    areas: ["05370004"],
    validUntil: "2030-12-31",
    source: "Test data",
  },
];

describe("the bundled directory", () => {
  it("holds the national online services, a KI and a KIM entry for each of the 54 KI areas, and the 186 Jugendämter", () => {
    const list = app.directory.list({ origin: "bundled" });
    const count = (kind: string) => list.filter((o) => o.kind === kind && !o.areas.some((a) => a === "DE" || a.length === 2)).length;
    expect(count("jugendamt")).toBe(186);
    expect(count("ki_seiteneinstieg")).toBe(54);
    expect(count("kim")).toBe(54);
    expect(list.filter((o) => o.online && o.areas.includes("DE")).map((o) => o.id)).toEqual(expect.arrayContaining(["mbeon", "jmd4you", "bamf-navi-mbe", "bamf-navi-jmd"]));
  });

  it("invents no contact details: a local entry has them only with the public page they were read from, else it asks the operator to complete them", () => {
    const local = app.directory.list({ origin: "bundled" }).filter((o) => !o.online);
    expect(local.length).toBeGreaterThan(290);
    for (const o of local) {
      if (o.phone ?? o.email ?? o.web ?? o.address) {
        expect(o.source).toMatch(/\(gelesen \d{4}-\d{2}-\d{2}\)/);
        expect(o.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } else {
        expect(o.note).toMatch(/bitte durch den Kreis ergänzen/);
      }
    }
    const ki = local.find((o) => o.id === "ki-kreis-heinsberg")!;
    expect([ki.postcode, ki.city, ki.phone, ki.web]).toEqual(["52525", "Heinsberg", "02452 / 13-4222", "https://www.integrationsportal-kreis-heinsberg.de"]);
    expect(ki.source).toContain("integrationsportal-kreis-heinsberg.de");
  });

  it("holds a nationwide route with a web address and a verification date for every service except NRW's own, which have one for all of NRW", () => {
    const routes = app.directory.list({ origin: "bundled" }).filter((o) => o.areas.includes("DE") || o.areas.includes("05"));
    for (const o of routes) {
      expect(o.web, o.id).toMatch(/^https?:\/\//);
      expect(o.lastVerified, o.id).toBe("2026-12-02");
      expect(o.source, o.id).toMatch(/gelesen 2026-12-02/);
    }
  });

  it("is loaded once and again only when its files change", () => {
    expect(loadBundledDirectory(app.db, bundledDirectoryDir()).loaded).toBe(false);
    expect(loadBundledDirectory(app.db, bundledDirectoryDir(), { force: true }).loaded).toBe(true);
  });
});

describe("matching offices to a place", () => {
  it("names a town's own Jugendamt before the Kreis Jugendamt, and the Kreis one elsewhere in the Kreis", () => {
    expect(ids("jugendamt", "05370004")[0]).toBe("jugendamt-nrw-066"); // Stadt Erkelenz
    expect(localIds("jugendamt", "05370032")).toEqual(["jugendamt-nrw-006"]); // Waldfeucht → Kreis Heinsberg
    expect(localIds("jugendamt", "05370")).toEqual(["jugendamt-nrw-006"]);
  });

  it("gives Stadt Aachen its own KI and the rest of the Städteregion the Städteregion's", () => {
    expect(ids("ki_seiteneinstieg", "05334002")[0]).toBe("ki-stadt-aachen");
    expect(localIds("ki_seiteneinstieg", "05334004")).toEqual(["ki-staedteregion-aachen"]);
  });

  it("puts local offices before nationwide online ones and leaves out expired ones", () => {
    app.directory.importOffices(sample, "test.yaml");
    expect(ids("mbe", "05370016")).toEqual(["mbe-caritas-heinsberg", "bamf-navi-mbe", "mbeon"]);
    const levels = app.directory.officesFor("mbe", "05370016", today).map((m) => m.level);
    expect(levels).toEqual(["kreis", "national", "national"]);
    expect(app.directory.officesFor("mbe", "05370016", "2023-06-01").map((m) => m.office.id)).not.toContain("mbe-caritas-heinsberg");
    expect(ids("mbe", "09162000")).toEqual(["bamf-navi-mbe", "mbeon"]);
    expect(app.directory.locallyOffered("05370004", today)).toContain("teilhabemanagement");
    expect(app.directory.locallyOffered("05370016", today)).not.toContain("teilhabemanagement");
  });

  it("keeps an operator's entry under a bundled id when the bundled directory reloads", () => {
    const ki = app.directory.list({ kind: "ki_seiteneinstieg" }).find((o) => o.id === "ki-kreis-heinsberg")!;
    app.directory.importOffices([{ ...ki, phone: "+49 2452 130", note: "vom Kreis ergänzt" }], "kreis-heinsberg.csv");
    loadBundledDirectory(app.db, bundledDirectoryDir(), { force: true });
    const after = app.directory.list({ kind: "ki_seiteneinstieg" }).find((o) => o.id === "ki-kreis-heinsberg")!;
    expect(after.phone).toBe("+49 2452 130");
  });
});

describe("formats", () => {
  it("round-trips through HSDS 3.0 JSON", () => {
    const text = writeHsds(sample);
    const page = JSON.parse(text) as { contents: Record<string, unknown>[] };
    expect(page.contents[0]).toMatchObject({ name: sample[0]!.name, status: "active", organization: { name: sample[0]!.provider } });
    expect(page.contents[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const back = readDirectory("export.json", text, "hsds");
    expect(back.problems).toEqual([]);
    expect(back.offices).toEqual(sample);
  });

  it("round-trips through CSV and YAML", () => {
    for (const [format, text] of [["csv", writeCsv(sample)], ["yaml", writeYaml(sample)]] as const) {
      const back = readDirectory(`export.${format}`, text, format);
      expect(back.problems, format).toEqual([]);
      expect(back.offices.map(({ translations, ...o }) => (format === "csv" ? o : { ...o, translations }))).toEqual(
        sample.map(({ translations, ...o }) => (format === "csv" ? o : { ...o, translations })),
      );
    }
  });

  it("reports every bad CSV row as file:row:field", () => {
    const csv = [
      "id,kind,name,areas,source,phone,web",
      "ok-1,mbe,Gute Stelle,05370,test,,",
      "bad-1,mbee,Stelle,05370,test,,",
      "bad-2,jmd,Stelle,99999,test,call me,ftp://x",
    ].join("\n");
    const r = readDirectory("k.csv", csv, "csv");
    expect(r.problems.map((p) => `${p.file}:${p.row}:${p.field}`)).toEqual(["k.csv:3:kind", "k.csv:4:phone", "k.csv:4:web", "k.csv:4:areas.0"]);
  });

  it("names the HSDS field of a problem", () => {
    const page = JSON.parse(writeHsds(sample)) as { contents: Record<string, unknown>[] };
    (page.contents[1]!.service_areas as Record<string, unknown>[])[0]!.x_area_key = "123";
    const r = readDirectory("h.json", JSON.stringify(page), "hsds");
    expect(r.problems).toEqual([expect.objectContaining({ row: 2, field: "service_areas.0.x_area_key" })]);
  });

  it("names the line of a bad YAML entry", () => {
    const yaml = "offices:\n  - id: a\n    kind: mbe\n    name: A Stelle\n    areas: [DE]\n    source: test\n  - id: b\n    kind: nope\n    name: B Stelle\n    areas: [DE]\n    source: test\n";
    expect(readDirectory("d.yaml", yaml, "yaml").problems).toEqual([{ file: "d.yaml", row: 7, field: "kind", message: expect.stringMatching(/Invalid option/) }]);
  });

  it("rejects an unknown CSV column and a duplicate id", () => {
    expect(readDirectory("c.csv", "id,kind,name,areas,source,telefon\n", "csv").problems[0]).toMatchObject({ row: 1, field: "telefon" });
    const dup = readDirectory("c.csv", "id,kind,name,areas,source\na,mbe,Eins,DE,test\na,mbe,Zwei,DE,test\n", "csv");
    expect(dup.problems).toEqual([expect.objectContaining({ row: 3, field: "id" })]);
  });
});
