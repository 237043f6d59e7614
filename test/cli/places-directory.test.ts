// `wegweiser places` and `wegweiser directory` through the real binary, on a temporary database.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GV_FILE, PLZ_FILE, tempDir } from "../helpers.js";
import { wegweiser } from "./run.js";

const dir = tempDir("wegweiser-data-");
const env = { WEGWEISER_DB: join(dir, "w.db") };

beforeAll(() => {
  const r = wegweiser(["places", "import", "--gemeindeverzeichnis", GV_FILE, "--postcodes", PLZ_FILE], env);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/imported in \d+ ms: 16 Länder, 401 Kreise and kreisfreie Städte, 1\d{4} Gemeinden, \d{4} postcodes/);
});

describe("places", () => {
  it("find --json gives candidates with Kreis and Land", () => {
    const r = wegweiser(["places", "find", "Heinsberg", "--json"], env);
    expect(JSON.parse(r.stdout).candidates[0]).toEqual({ key: "05370016", name: "Heinsberg", level: "gemeinde", kreis: { key: "05370", name: "Kreis Heinsberg" }, land: "NW" });
  });

  it("a re-import with one broken row writes nothing and names file, row and field", () => {
    const lines = readFileSync(GV_FILE, "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("60,") && l.includes('"Heinsberg, Stadt"'));
    const before = lines[at]!;
    lines[at] = before.replace(",05,3,70,0016,016,", ",05,3,70,0016,0x6,");
    expect(lines[at]).not.toBe(before);
    const broken = join(dir, "gv-broken.csv");
    writeFileSync(broken, lines.join("\n"));
    const r = wegweiser(["places", "import", "--gemeindeverzeichnis", broken], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`gv-broken.csv:${at + 1}:gemeinde: expected three digits, got "0x6"`);
    expect(wegweiser(["places", "find", "Waldfeucht"], env).stdout).toContain("05370032");
  });

  it("check takes a place name and a postcode and fills the offices", () => {
    const byName = JSON.parse(wegweiser(["check", "--age", "30", "--status", "duldung", "--need", "familie", "--place", "Erkelenz", "--json"], env).stdout);
    expect(byName.place).toEqual({ key: "05370004", name: "Erkelenz", land: "NW", kreis: { key: "05370", name: "Kreis Heinsberg" } });
    const ja = byName.services.find((s: { id: string }) => s.id === "jugendamt");
    expect(ja.offices[0]).toMatchObject({ id: "jugendamt-nrw-066", name: "Jugendamt Stadt Erkelenz", level: "gemeinde" });
    expect(ja.local_office).toBe(true);
    const byPostcode = JSON.parse(wegweiser(["check", "--age", "22", "--status", "duldung", "--place", "52525", "--json"], env).stdout);
    expect(byPostcode.place.name).toBe("Kreis Heinsberg");
    const tm = byPostcode.services.find((s: { id: string }) => s.id === "teilhabemanagement");
    expect(tm.local_office).toBe(false);
    expect(tm.successor.offices[0]).toMatchObject({ id: "kim-kreis-heinsberg" });
  });
});

describe("directory", () => {
  const csv = join(dir, "kreis.csv");

  it("imports a valid CSV and lists it for the place", () => {
    writeFileSync(csv, "id,kind,name,address,postcode,city,phone,web,languages,online,areas,source\nmbe-hs-1,mbe,MBE Heinsberg,Hauptstraße 1,52525,Heinsberg,+49 2452 1,https://example.org,de;ar,no,05370,Kreis Heinsberg 2026\n");
    const r = wegweiser(["directory", "import", csv], env);
    expect(r.stdout).toBe("imported 1 offices (1 new, 0 updated)\n");
    const list = wegweiser(["directory", "list", "--kind", "mbe", "--place", "Heinsberg"], env).stdout;
    expect(list.split("\n")[0]).toBe("mbe\tkreis\tMBE Heinsberg · Hauptstraße 1, 52525 Heinsberg · +49 2452 1 · https://example.org [Sprachen: de, ar]");
  });

  it("rejects a CSV with one broken row and writes nothing", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "id,kind,name,areas,source\nmbe-hs-2,mbe,Zweite Stelle,05370,test\nmbe-hs-3,mbe,Dritte Stelle,5370,test\n");
    const r = wegweiser(["directory", "import", bad], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.csv:3:areas.0: DE or an official key of 2, 5 or 8 digits");
    expect(wegweiser(["directory", "list", "--kind", "mbe"], env).stdout).not.toContain("mbe-hs-2");
  });

  it("exports HSDS JSON that another database imports to the same directory", () => {
    const out = join(dir, "export.json");
    expect(wegweiser(["directory", "export", out, "--format", "hsds"], env).status).toBe(0);
    const other = { WEGWEISER_DB: join(dir, "other.db") };
    expect(wegweiser(["directory", "import", out, "--replace"], other).status).toBe(0);
    const a = JSON.parse(wegweiser(["directory", "list", "--json"], env).stdout);
    const b = JSON.parse(wegweiser(["directory", "list", "--json"], other).stdout);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(300);
  });
});
