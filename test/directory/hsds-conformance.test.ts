// The HSDS export validates against the official compiled schema of Open Referral HSDS 3.0
// (vendored in test/fixtures/hsds-3.0 with its licence), and the specification's own examples
// import, saying what an office cannot hold; a re-export keeps their identifiers.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { readDirectory, writeHsds } from "../../src/directory/formats.js";
import type { Office } from "../../src/directory/types.js";
import { wegweiser } from "../cli/run.js";
import { ROOT, tempDir, testApp } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "fixtures", "hsds-3.0");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

// ajv-formats is CommonJS; under NodeNext its function arrives as the default of the default
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
let validateService: ValidateFunction;
let app: App;
beforeAll(() => {
  // the compiled schema carries HSDS's own annotations (core, constraints, datapackage_*)
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validateService = ajv.compile(JSON.parse(fixture("schema-service.json")) as object);
  app = testApp();
});
afterAll(() => app.close());

function invalid(services: Record<string, unknown>[]): string[] {
  return services.flatMap((s) =>
    validateService(s) ? [] : (validateService.errors ?? []).map((e) => `${String((s as Record<string, unknown>).x_wegweiser_id)} ${e.instancePath} ${e.message ?? ""}`),
  );
}
const contents = (text: string) => (JSON.parse(text) as { contents: Record<string, unknown>[] }).contents;

const complete: Office = {
  id: "mbe-test-heinsberg",
  kind: "mbe",
  name: "Migrationsberatung Heinsberg",
  provider: "Caritasverband für die Region Heinsberg",
  address: "Musterstraße 1",
  postcode: "52525",
  city: "Heinsberg",
  phone: "+49 2452 123456",
  email: "mbe@example.org",
  web: "https://example.org/mbe",
  languages: ["de", "ar"],
  hours: "Mo–Do 9–12 Uhr",
  online: true,
  areas: ["05370", "05370016"],
  lastVerified: "2026-11-01",
  source: "Test data",
  note: "Termine nach Vereinbarung",
};

describe("the HSDS export", () => {
  it("validates against the HSDS 3.0 compiled service schema for every bundled office", () => {
    const offices = app.directory.list();
    expect(offices.length).toBeGreaterThan(300);
    expect(invalid(contents(writeHsds(offices)))).toEqual([]);
  });

  it("writes complete addresses only, with the Land as state_province, and the rest as location text", () => {
    const partial: Office = { ...complete, id: "ki-partial", address: undefined, online: false };
    const [full, part] = contents(writeHsds([complete, partial]));
    expect(invalid([full!, part!])).toEqual([]);
    const loc = (s: Record<string, unknown>, i: number) => (s.service_at_locations as { location: Record<string, unknown> }[])[i]!.location;
    expect(loc(full!, 0).addresses).toEqual([
      expect.objectContaining({ address_1: "Musterstraße 1", postal_code: "52525", city: "Heinsberg", state_province: "Nordrhein-Westfalen", country: "DE" }),
    ]);
    expect(loc(part!, 0)).toMatchObject({ location_type: "physical", description: "52525 Heinsberg", addresses: [] });
    expect(readDirectory("p.json", writeHsds([partial]), "hsds").offices).toEqual([partial]);
    for (const s of [full!, part!])
      for (const sal of s.service_at_locations as { location: { addresses: Record<string, unknown>[] } }[])
        for (const a of sal.location.addresses) for (const v of Object.values(a)) expect(v).not.toBe("");
  });

  it("gives an office that is online and has an address a physical and a virtual location", () => {
    const [s] = contents(writeHsds([complete]));
    const types = (s!.service_at_locations as { location: { location_type: string; url?: string } }[]).map((x) => x.location);
    expect(types).toEqual([expect.objectContaining({ location_type: "physical" }), expect.objectContaining({ location_type: "virtual", url: "https://example.org/mbe" })]);
  });

  it("names each area by a persistent URI of its official key", () => {
    const [s] = contents(writeHsds([{ ...complete, areas: ["DE", "05", "05370", "05370016"] }], (k) => `Ort ${k}`));
    expect((s!.service_areas as Record<string, unknown>[]).map((a) => a.uri)).toEqual([
      "http://publications.europa.eu/resource/authority/country/DEU",
      "https://www.dcat-ap.de/def/politicalGeocoding/stateKey/05",
      "https://www.dcat-ap.de/def/politicalGeocoding/districtKey/05370",
      "https://www.dcat-ap.de/def/politicalGeocoding/municipalityKey/05370016",
    ]);
  });

  it("exports an entry nobody can reach yet as inactive, not active", () => {
    const slot: Office = { id: "ja-slot", kind: "jugendamt", name: "Jugendamt Kreis X", languages: [], online: false, areas: ["05370"], source: "seed", note: "Kontaktdaten fehlen" };
    const [a, b] = contents(writeHsds([slot, complete]));
    expect([a!.status, b!.status]).toEqual(["inactive", "active"]);
  });
});

describe("the specification's own examples", () => {
  it("service_full.json imports as one office and says in one line what it left out", () => {
    const r = readDirectory("service_full.json", fixture("example-service-full.json"), "hsds", { kind: "mbe", area: "DE" });
    expect(r.problems).toEqual([]);
    expect(r.offices).toHaveLength(1);
    expect(r.offices[0]).toMatchObject({ id: "ac148810-d857-441c-9679-408f346de14b", name: "Community Counselling", kind: "mbe", areas: ["DE"], web: "http://example.com/counselling" });
    expect(r.dropped).toHaveLength(1);
    expect(r.dropped[0]!.fields).toEqual(
      expect.arrayContaining(["eligibility_description", "funding", 'phone ""+44 1234 234567"" (not a phone number Wegweiser can show)', 'postal_code "ABC 1234" (not a German postcode)']),
    );
  });

  it("service_list.json imports every service of the page", () => {
    const r = readDirectory("service_list.json", fixture("example-service-list.json"), "hsds", { kind: "jmd", area: "05370" });
    expect(r.problems).toEqual([]);
    expect(r.offices.map((o) => o.name)).toEqual(["Community Counselling"]);
  });

  it("without --kind, a foreign service is refused with the field named", () => {
    const r = readDirectory("service_full.json", fixture("example-service-full.json"), "hsds", { area: "DE" });
    expect(r.problems).toEqual([expect.objectContaining({ row: 1, field: "x_wegweiser_kind" })]);
  });

  it("a re-export of an imported file keeps the service and organisation ids, through the real binary", () => {
    const dir = tempDir("wegweiser-hsds-");
    const env = { WEGWEISER_DB: join(dir, "w.db") };
    const imported = wegweiser(["directory", "import", join(FIXTURES, "example-service-full.json"), "--kind", "mbe", "--area", "DE"], env);
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^example-service-full\.json:1: left out .*funding/m);
    const out = join(dir, "again.json");
    expect(wegweiser(["directory", "export", out, "--format", "hsds", "--origin", "example-service-full.json"], env).status).toBe(0);
    const [s] = contents(readFileSync(out, "utf8"));
    expect(s).toMatchObject({ id: "ac148810-d857-441c-9679-408f346de14b", organization_id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", organization: { id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610" } });
    expect(invalid([s!])).toEqual([]);
    // and once more: the second round trip changes nothing
    const env2 = { WEGWEISER_DB: join(dir, "w2.db") };
    expect(wegweiser(["directory", "import", out], env2).status).toBe(0);
    const out2 = join(dir, "again2.json");
    expect(wegweiser(["directory", "export", out2, "--format", "hsds", "--origin", "again.json"], env2).status).toBe(0);
    expect(contents(readFileSync(out2, "utf8"))).toEqual([s]);
    writeFileSync(join(dir, "done"), "");
  });
});

describe("hostile HSDS files", () => {
  const one = (s: unknown) => JSON.stringify({ contents: [s] });
  const base = { id: "x1", name: "Stelle X", x_wegweiser_kind: "mbe", service_areas: [{ x_area_key: "05370" }], x_source: "test" };

  it("a null service is a problem with its row, not a crash", () => {
    expect(readDirectory("n.json", JSON.stringify({ contents: [null] }), "hsds").problems).toEqual([expect.objectContaining({ file: "n.json", row: 1, field: "" })]);
  });

  it("null service areas are named with their position", () => {
    const r = readDirectory("a.json", one({ ...base, service_areas: [null] }), "hsds");
    expect(r.problems).toEqual([expect.objectContaining({ row: 1, field: "service_areas.0" })]);
  });

  it("a language code given as text instead of a list of objects is refused with the field named", () => {
    const r = readDirectory("l.json", one({ ...base, languages: "de" }), "hsds");
    expect(r.problems).toEqual([expect.objectContaining({ row: 1, field: "languages" })]);
  });

  it("a byte order mark before the JSON is accepted", () => {
    const r = readDirectory("b.json", `\uFEFF${one(base)}`, "hsds");
    expect(r.problems).toEqual([]);
    expect(r.offices).toHaveLength(1);
  });
});
