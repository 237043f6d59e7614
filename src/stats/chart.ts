// An SVG chart of needs per month for one Kreis, for the steering group's report. Cells under 5
// are drawn as hatched bars labelled "<5" rather than as their true height, and so are the
// cells suppressed so that no small cell can be worked out (labelled "x", see protect.ts).
import type { Shown } from "./protect.js";
import { MIN_CELL, type StatsRow } from "./store.js";

const COLORS = ["#1b6ca8", "#e07a1f", "#2a9d4b", "#b8323a", "#7a4fb0", "#8c564b", "#d45fa8", "#5f6b73", "#a3a32a", "#1fa3b8", "#3b3b98", "#9a6b00", "#006d5b", "#b04a7a", "#4a7ab0", "#7a7a2a"];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function needsChartSvg(rows: readonly (StatsRow & { readonly shown?: Shown })[], options: { title: string; needName: (id: string) => string }): string {
  const months = [...new Set(rows.map((r) => r.keys.month!))].sort();
  const needs = [...new Set(rows.map((r) => r.keys.need!))].filter((n) => n !== "-").sort();
  const cell = (m: string, n: string) => rows.find((r) => r.keys.month === m && r.keys.need === n);
  const value = (m: string, n: string) => cell(m, n)?.count ?? 0;
  /** "<5", "x" (suppressed so no small cell can be worked out), or undefined when shown as it is */
  const hidden = (m: string, n: string): string | undefined => {
    const c = cell(m, n);
    if (!c) return undefined;
    if (c.shown) return c.shown.kind === "value" ? undefined : c.shown.kind === "small" ? `&lt;${MIN_CELL}` : "x";
    return c.count < MIN_CELL ? `&lt;${MIN_CELL}` : undefined;
  };
  // a suppressed cell's true height would give it away: the scale comes from visible cells
  const max = Math.max(MIN_CELL, ...rows.filter((r) => !hidden(r.keys.month!, r.keys.need!)).map((r) => r.count));
  const W = 860;
  const H = 420;
  const left = 50;
  const top = 50;
  const plotW = W - left - 200;
  const plotH = H - top - 60;
  const groupW = months.length ? plotW / months.length : plotW;
  const barW = needs.length ? Math.max(2, (groupW - 8) / needs.length) : groupW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#999" stroke-width="2"/></pattern></defs>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${esc(options.title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333"/>`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const v = Math.round(max * t);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`, `<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="#eee"/>`);
  }
  months.forEach((m, i) => {
    const x0 = left + i * groupW + 4;
    needs.forEach((n, j) => {
      const v = value(m, n);
      if (v === 0) return;
      const label = hidden(m, n);
      const small = label !== undefined;
      const h = small ? MIN_CELL : v;
      const x = x0 + j * barW;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(top + plotH - y(h)).toFixed(1)}" fill="${small ? "url(#hatch)" : COLORS[j % COLORS.length]}"><title>${esc(options.needName(n))} ${esc(m)}: ${small ? label : v}</title></rect>`);
      if (small) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(h) - 2).toFixed(1)}" text-anchor="middle" font-size="8">${label}</text>`);
    });
    parts.push(`<text x="${(x0 + (groupW - 8) / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${esc(m)}</text>`);
  });
  needs.forEach((n, j) => {
    const ly = top + j * 18;
    parts.push(`<rect x="${left + plotW + 20}" y="${ly}" width="12" height="12" fill="${COLORS[j % COLORS.length]}"/>`, `<text x="${left + plotW + 38}" y="${ly + 10}">${esc(options.needName(n))}</text>`);
  });
  parts.push(`<text x="${left}" y="${H - 12}" fill="#555">Hatched: fewer than ${MIN_CELL} people (&lt;${MIN_CELL}) or hidden so that none can be worked out (x) – not shown at their true height.</text>`, "</svg>");
  return `${parts.join("\n")}\n`;
}
