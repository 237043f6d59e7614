// `wegweiser stats`: counts of finished conversations for the steering group, as a table, CSV
// or JSON, with every cell under 5 shown as "<5" and the cells that would reveal one by
// subtraction as "x" (stats/protect.ts); optionally an SVG chart of needs per month.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { App } from "../app.js";
import { needsChartSvg } from "../stats/chart.js";
import { protectTable, showCell } from "../stats/protect.js";
import { DIMENSIONS, type Dimension } from "../stats/store.js";
import { UsageError } from "./errors.js";

export const STATS_USAGE = `Usage:
  wegweiser stats [--from YYYY-MM] [--to YYYY-MM] [--by kreis,need,status,month,age,service,land,channel]
                  [--kreis KEY] [--format table|csv|json] [--chart FILE.svg] [--lang de|en]

  --chart   an SVG of needs per month: every need in its own colour, cells under 5 hatched
  --lang    the chart's title, legend and footnote: de (default) or en – staff texts exist
            in German and English`;

const CHART_LANGS = ["de", "en"] as const;

export function runStats(argv: readonly string[], app: App): string {
  const { values } = parseArgs({
    args: [...argv],
    options: { from: { type: "string" }, to: { type: "string" }, by: { type: "string" }, kreis: { type: "string" }, format: { type: "string" }, chart: { type: "string" }, lang: { type: "string" } },
    strict: true,
  });
  for (const [name, v] of [["--from", values.from], ["--to", values.to]] as const) {
    if (v !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new UsageError(`${name}: expected a month as YYYY-MM, got "${v}"`);
  }
  if (values.kreis !== undefined && !/^\d{5}$/.test(values.kreis)) throw new UsageError(`--kreis: expected a five-digit Kreis key, e.g. 05370`);
  const by = (values.by ?? "month").split(",").map((d) => d.trim()).filter(Boolean);
  for (const d of by) if (!(DIMENSIONS as readonly string[]).includes(d)) throw new UsageError(`--by: unknown "${d}"; accepted: ${DIMENSIONS.join(", ")}`);
  const lang = values.lang ?? "de";
  if (!(CHART_LANGS as readonly string[]).includes(lang)) throw new UsageError(`--lang: unknown "${lang}"; accepted: ${CHART_LANGS.join(", ")} (the chart's staff texts)`);
  const format = values.format ?? "table";
  if (!["table", "csv", "json"].includes(format)) throw new UsageError(`--format: accepted: table, csv, json`);
  const query = { by: by as Dimension[], ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), ...(values.kreis ? { kreis: values.kreis } : {}) };
  // cells under 5 and the cells that would let them be worked out by subtraction (protect.ts)
  const rows = protectTable(app.stats.count(query), query.by);
  const shown = (r: (typeof rows)[number]) => showCell(r.shown);

  const notes: string[] = [];
  if (values.chart) {
    const chartRows = protectTable(app.stats.count({ ...query, by: ["month", "need"] }), ["month", "need"]);
    const tr = app.i18n.translator(lang as (typeof CHART_LANGS)[number]);
    const title = values.kreis ? tr.t("staff:stats.chart_title_kreis", { kreis: app.places.get(values.kreis)?.name ?? values.kreis }) : tr.t("staff:stats.chart_title");
    const needName = (id: string) => (id === "-" ? tr.t("staff:stats.no_need") : tr.need(id));
    writeFileSync(values.chart, needsChartSvg(chartRows, { title, needName, footnote: tr.t("staff:stats.chart_footnote"), smallLegend: tr.t("staff:stats.chart_small") }));
    notes.push(`chart written to ${values.chart}`);
  }
  if (format === "json") return JSON.stringify({ by, suppressed_below: 5, rows: rows.map((r) => ({ ...r.keys, count: shown(r) })) }, null, 2);
  if (format === "csv") return [[...by, "count"].join(","), ...rows.map((r) => [...by.map((d) => r.keys[d]), shown(r)].join(","))].join("\n");
  const widths = [...by, "count"].map((h, i) => Math.max(h.length, ...rows.map((r) => (i < by.length ? r.keys[by[i]!]!.length : shown(r).length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line([...by, "count"]), ...rows.map((r) => line([...by.map((d) => r.keys[d]!), shown(r)])), ...(rows.length ? [] : ["(no conversations in this period)"]), ...notes].join("\n");
}
