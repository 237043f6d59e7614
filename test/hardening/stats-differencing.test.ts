// Issue 12 item 4: no combination of the offered statistics reveals a count under 5. The attacks
// of the review, run against the CLI, Slack and the chart on seeded data with one 12–17-year-old
// `ausreisepflichtig` person planted: all needs minus the Kreise, a Land minus its Kreise, a Kreis
// total minus its months (CLI and Slack's twelve months against the chart), a status minus its
// age bands. Each subtraction must give 0 or at least 5 wherever a cell was hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { runStats } from "../../src/cli/stats.js";
import { referralCommands } from "../../src/channels/slack/referrals.js";
import { needsChartSvg } from "../../src/stats/chart.js";
import { protectTable } from "../../src/stats/protect.js";
import { seededRandom } from "../../bench/stats.js";
import { testApp } from "../helpers.js";

const TODAY = "2026-11-21";
const KREISE = ["05370016", "05370004", "05334002", "05358008", "09162000", "09184119"];
const STATUSES = ["duldung", "schutz", "gestattung", "ausreisepflichtig"];
const NEEDS = ["arbeit", "sprache", "wohnen", "schule"];
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];

type Table = Map<string, string>;

/** `wegweiser stats … --format json` as a map from the row's keys to what it shows. */
function query(app: App, args: string[]): Table {
  const out = JSON.parse(runStats([...args, "--format", "json"], app)) as { by: string[]; rows: Record<string, string>[] };
  return new Map(out.rows.map((r) => [out.by.map((d) => r[d]).join("|"), r.count!]));
}

const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

/**
 * total − Σ visible parts, for every total whose parts include a hidden one; `partsOf` lists the
 * keys of the finer table that make up a total's key.
 */
function differences(totals: Table, parts: Table, partsOf: (totalKey: string, partKey: string) => boolean): number[] {
  const out: number[] = [];
  for (const [key, shown] of totals) {
    const total = num(shown);
    if (total === undefined) continue;
    const mine = [...parts].filter(([k]) => partsOf(key, k));
    if (mine.every(([, v]) => num(v) !== undefined)) continue;
    out.push(total - mine.reduce((s, [, v]) => s + (num(v) ?? 0), 0));
  }
  return out;
}

const revealsSmall = (ds: number[]) => ds.filter((d) => d >= 1 && d <= 4);

function seed(app: App, s: number): void {
  const rnd = seededRandom(s);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < 160; i++) {
    // a Kreis with only a few conversations, so that some Kreis totals are small
    const key = rnd() < 0.02 ? "05166032" : pick(KREISE);
    app.stats.record({
      date: `${pick(MONTHS)}-15`,
      place: { key, land: key.startsWith("05") ? "NW" : "BY" },
      age: pick([16, 22, 30, 45]),
      status: pick(STATUSES.slice(0, 3)),
      needs: [pick(NEEDS), ...(rnd() < 0.3 ? [pick(NEEDS)] : [])].filter((n, j, a) => a.indexOf(n) === j),
      services: [],
      channel: "telegram",
    });
  }
  // one person in October beside six in September, for a need nobody else has
  for (let i = 0; i < 6; i++) app.stats.record({ date: "2026-09-15", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["gesundheit"], services: [], channel: "telegram" });
  app.stats.record({ date: "2026-10-15", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["gesundheit"], services: [], channel: "telegram" });
  // the person of the review: 12–17, ausreisepflichtig, alone in their Kreis and month
  app.stats.record({ date: "2026-10-15", place: { key: "05370016", land: "NW" }, age: 15, status: "ausreisepflichtig", needs: ["schule"], services: [], channel: "telegram" });
  for (let i = 0; i < 6; i++) app.stats.record({ date: "2026-10-15", place: { key: "05370016", land: "NW" }, age: 30, status: "ausreisepflichtig", needs: ["schule"], services: [], channel: "telegram" });
}

for (const s of [1, 2, 3]) {
  describe(`the statistics of seed ${s}`, () => {
    let app: App;
    beforeAll(() => {
      app = testApp({ places: true });
      seed(app, s);
    });
    afterAll(() => app.close());

    it("all needs minus the Kreise reveals no count under 5", () => {
      const ds = differences(query(app, ["--by", "need"]), query(app, ["--by", "kreis,need"]), (t, p) => p.endsWith(`|${t}`));
      expect(revealsSmall(ds)).toEqual([]);
    });

    it("a Land minus its Kreise reveals no count under 5", () => {
      const ds = differences(query(app, ["--by", "land"]), query(app, ["--by", "kreis"]), (t, p) => (t === "NW" ? p.startsWith("05") : t === "BY" ? p.startsWith("09") : false));
      expect(revealsSmall(ds)).toEqual([]);
    });

    it("a Kreis total minus its months reveals no count under 5: CLI, chart and Slack", async () => {
      const kreis = "05370";
      const from = "2025-11";
      const months = query(app, ["--by", "month,need", "--kreis", kreis, "--from", from]);
      expect(revealsSmall(differences(query(app, ["--by", "need", "--kreis", kreis, "--from", from]), months, (t, p) => p.endsWith(`|${t}`)))).toEqual([]);
      // Slack's `stats Kreis Heinsberg`: the needs of the last twelve months
      const [message] = await referralCommands().stats!({ app, args: "Kreis Heinsberg", tr: app.i18n.translator("de"), today: TODAY, staff: { teamId: "T", userId: "U" } });
      const code = message!.blocks.map((b) => (b.type === "section" && b.text ? b.text.text : "")).find((t) => t.startsWith("```"))!;
      const slack: Table = new Map();
      for (const line of code.split("\n").slice(1, -1)) {
        const m = /^(.*?)\s+(\S+)$/.exec(line.replace(/&lt;/g, "<"));
        const id = app.ruleSet.vocabulary.needs.map((n) => n.id as string).find((n) => app.i18n.translator("de").need(n) === m![1]!.trim());
        if (id) slack.set(id, m![2]!);
      }
      expect(slack.size).toBeGreaterThan(0);
      // the chart of the same Kreis and period, read back from its titles
      const svg = needsChartSvg(protectTable(app.stats.count({ by: ["month", "need"], kreis, from }), ["month", "need"]), { title: "t", needName: (n) => n, footnote: "f", smallLegend: "s" });
      const chart: Table = new Map([...svg.matchAll(/<title>(\S+) (\d{4}-\d{2}): ([^<]+)<\/title>/g)].map((m) => [`${m[2]}|${m[1]}`, m[3]!.replace("&lt;", "<")]));
      expect(revealsSmall(differences(slack, chart, (t, p) => p.endsWith(`|${t}`)))).toEqual([]);
    });

    it("a status minus its age bands reveals no count under 5 (the 12–17-year-old)", () => {
      const ds = differences(query(app, ["--by", "kreis,status"]), query(app, ["--by", "kreis,age,status"]), (t, p) => {
        const [k, st] = t.split("|");
        const [pk, , pst] = p.split("|");
        return k === pk && st === pst;
      });
      expect(revealsSmall(ds)).toEqual([]);
      expect(query(app, ["--by", "kreis,age,status"]).get("05370|12-17|ausreisepflichtig")).toBe("<5");
    });
  });
}
