// Statistics for the steering group: counts by dimension, small cells suppressed, a chart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { createStatsStore, shown } from "../../src/stats/store.js";
import { needsChartSvg } from "../../src/stats/chart.js";
import { wegweiser } from "../cli/run.js";
import { tempDir } from "../helpers.js";

function seeded() {
  const db = openDb(":memory:");
  const stats = createStatsStore(db);
  const event = (date: string, key: string, needs: string[], status = "duldung", age = 22) =>
    stats.record({ date, place: { key, land: "NW" }, age, status, needs, services: ["jmd"], channel: "telegram" });
  for (let i = 0; i < 7; i++) event("2026-10-03", "05370016", ["arbeit", "sprache"]);
  for (let i = 0; i < 2; i++) event("2026-10-09", "05370032", ["wohnen"]);
  for (let i = 0; i < 5; i++) event("2026-11-02", "05334002", ["arbeit"], "schutz", 40);
  return { db, stats };
}

describe("statistics", () => {
  it("count by Kreis and need, a person with two needs under each", () => {
    const { stats } = seeded();
    expect(stats.count({ by: ["kreis", "need"] }).map((r) => [r.keys.kreis, r.keys.need, r.count])).toEqual([
      ["05334", "arbeit", 5],
      ["05370", "arbeit", 7],
      ["05370", "sprache", 7],
      ["05370", "wohnen", 2],
    ]);
    expect(stats.count({ by: ["month"], from: "2026-11" })).toEqual([{ keys: { month: "2026-11" }, count: 5 }]);
    expect(stats.count({ by: ["status"], kreis: "05370" })).toEqual([{ keys: { status: "duldung" }, count: 9 }]);
  });

  it("show every cell under 5 as <5", () => {
    expect([0, 1, 4, 5, 6].map(shown)).toEqual(["<5", "<5", "<5", "5", "6"]);
  });

  it("hold no user key and no referral code", () => {
    const { db } = seeded();
    const cols = (db.prepare("PRAGMA table_info(stats_events)").all() as { name: string }[]).map((c) => c.name);
    expect(cols.sort()).toEqual(["age_band", "channel", "id", "kreis_key", "land_code", "month", "needs", "services", "status"]);
  });

  it("draw needs per month as SVG with small cells hatched, not at their true height", () => {
    const { stats } = seeded();
    const svg = needsChartSvg(stats.count({ by: ["month", "need"], kreis: "05370" }), { title: "Kreis Heinsberg", needName: (n) => n });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<title>wohnen 2026-10: &lt;5</title>");
    expect(svg).toContain("<title>arbeit 2026-10: 7</title>");
    expect(svg).not.toContain(": 2</title>");
  });
});

describe("wegweiser stats", () => {
  it("prints a table, CSV and JSON with small cells suppressed, and writes the chart", () => {
    const dir = tempDir();
    const env = { WEGWEISER_DB: join(dir, "w.db") };
    for (const [age, status, need] of [["22", "duldung", "arbeit"], ["22", "duldung", "arbeit"], ["40", "schutz", "sprache"]]) {
      expect(wegweiser(["referral", "create", "--age", age!, "--status", status!, "--need", need!, "--place", "05370"], env).status).toBe(0);
    }
    // referral create does not count as a conversation: the table is empty
    expect(wegweiser(["stats"], env).stdout).toContain("(no conversations in this period)");
    const bad = wegweiser(["stats", "--by", "kreis,colour"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--by: unknown "colour"');
    // conversations from the channels, written to the same database file
    const db = openDb(env.WEGWEISER_DB);
    const stats = createStatsStore(db);
    for (let i = 0; i < 7; i++) stats.record({ date: "2026-10-03", place: { key: "05370016", land: "NW" }, age: 22, status: "duldung", needs: ["arbeit"], services: [], channel: "telegram" });
    for (let i = 0; i < 3; i++) stats.record({ date: "2026-10-03", place: { key: "05370016", land: "NW" }, age: 22, status: "gestattung", needs: ["arbeit"], services: [], channel: "telegram" });
    db.close();
    const table = wegweiser(["stats", "--by", "kreis,status"], env).stdout.split("\n");
    // 7 would give the 3 away (the Kreis has 10): it is hidden as well (complementary suppression)
    expect(table).toEqual(["kreis  status      count", "05370  duldung     x    ", "05370  gestattung  <5   ", ""]);
    const json = JSON.parse(wegweiser(["stats", "--by", "status", "--format", "json"], env).stdout);
    expect(json.rows).toEqual([{ status: "duldung", count: "x" }, { status: "gestattung", count: "<5" }]);
    const chart = join(dir, "needs.svg");
    const r = wegweiser(["stats", "--by", "month,need", "--kreis", "05370", "--format", "csv", "--chart", chart], env);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("month,need,count");
    expect(readFileSync(chart, "utf8")).toContain("Anliegen pro Monat – Kreis Heinsberg");
  });
});
