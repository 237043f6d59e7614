// Statistics for the steering group: counts by dimension, small cells suppressed, a chart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { createStatsStore, shown } from "../../src/stats/store.js";
import { needColor, needsChartSvg } from "../../src/stats/chart.js";
import { NEED_IDS } from "../../src/rules/vocabulary.js";
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
    const svg = needsChartSvg(stats.count({ by: ["month", "need"], kreis: "05370" }), { title: "Kreis Heinsberg", needName: (n) => n, footnote: "hatched: fewer than 5", smallLegend: "fewer than 5" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<title>wohnen 2026-10: &lt;5</title>");
    expect(svg).toContain("<title>arbeit 2026-10: 7</title>");
    expect(svg).not.toContain(": 2</title>");
  });
});

describe("the needs chart", () => {
  const texts = { title: "T", needName: (n: string) => `name:${n}`, footnote: "FOOT", smallLegend: "SMALL" };
  const chart = () => needsChartSvg(seeded().stats.count({ by: ["month", "need"] }), texts);
  const bar = (svg: string, need: string, month: string) => new RegExp(`<rect [^>]*fill="([^"]+)"[^>]*><title>name:${need} ${month}:`).exec(svg)?.[1];

  it("gives every need its own colour, the same in every chart", () => {
    const colours = NEED_IDS.map(needColor);
    expect(new Set(colours).size).toBe(NEED_IDS.length);
    const svg = chart();
    expect(bar(svg, "arbeit", "2026-10")).toBe(needColor("arbeit"));
    expect(bar(svg, "sprache", "2026-10")).toBe(needColor("sprache"));
    // without "sprache" in the data, "arbeit" keeps its colour
    const alone = needsChartSvg([{ keys: { month: "2026-10", need: "arbeit" }, count: 9 }], texts);
    expect(bar(alone, "arbeit", "2026-10")).toBe(needColor("arbeit"));
  });

  it("hatches a small cell in its need's colour and labels it <5 at the height of 5", () => {
    const svg = chart();
    expect(bar(svg, "wohnen", "2026-10")).toBe("url(#hatch-wohnen)");
    const pattern = /<pattern id="hatch-wohnen"[^>]*>(.*?)<\/pattern>/.exec(svg)![1]!;
    expect(pattern).toContain(`stroke="${needColor("wohnen")}"`);
    expect(pattern).toContain(`fill="${needColor("wohnen")}"`);
    expect(svg).toMatch(/<text [^>]*font-size="11"[^>]*paint-order="stroke"[^>]*>&lt;5<\/text>/);
    expect(svg).not.toContain(": 2</title>");
  });

  it("takes title, legend and footnote from the caller, and no word of its own", () => {
    const svg = chart();
    const words = [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]!).filter((w) => /[a-z]/i.test(w) && w !== "&lt;5");
    expect(words.every((w) => w === "T" || w === "FOOT" || w === "SMALL" || w.startsWith("name:"))).toBe(true);
    expect(words).toEqual(expect.arrayContaining(["T", "FOOT", "SMALL", "name:arbeit", "name:sprache", "name:wohnen"]));
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
    const svg = readFileSync(chart, "utf8");
    expect(svg).toContain("Anliegen pro Monat – Kreis Heinsberg");
    expect(svg).toContain("Schraffiert: weniger als 5 Personen");
    expect(svg).toContain(">Arbeit</text>");
    expect(wegweiser(["stats", "--kreis", "05370", "--chart", chart, "--lang", "en"], env).status).toBe(0);
    const english = readFileSync(chart, "utf8");
    expect(english).toContain("Needs per month – Kreis Heinsberg");
    expect(english).toContain("Hatched: fewer than 5 people");
    expect(english).toContain(">Work</text>");
    expect(english).not.toMatch(/Anliegen|Schraffiert|Personen/);
    const wrong = wegweiser(["stats", "--chart", chart, "--lang", "ar"], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--lang: unknown "ar"; accepted: de, en');
  });
});
