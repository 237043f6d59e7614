// An SVG chart of needs per month for one Kreis, for the steering group's report. Every need has
// its own colour (the same in every chart); cells under 5 are hatched bars in that colour at the
// height of 5, labelled "<5", never at their true height; so are the cells suppressed so that no
// small cell can be worked out (labelled "x", see protect.ts). All words come in one language.
import { NEED_IDS } from "../rules/vocabulary.js";
import { escapeHtmlAttribute } from "../present/html.js";
import type { Shown } from "./protect.js";
import { MIN_CELL, type StatsRow } from "./store.js";

/** one colour per need id, in NEED_IDS order: 16 colours that stay apart from each other */
const NEED_COLORS: readonly string[] = [
  "#1b6ca8", "#e07a1f", "#2a9d4b", "#b8323a", "#7a4fb0", "#8c564b", "#d45fa8", "#5f6b73",
  "#a3a32a", "#1fa3b8", "#3b3b98", "#9a6b00", "#006d5b", "#b04a7a", "#4a7ab0", "#6b8e23",
];
const OTHER_COLOR = "#999999";

export function needColor(need: string): string {
  const i = (NEED_IDS as readonly string[]).indexOf(need);
  return i >= 0 ? NEED_COLORS[i % NEED_COLORS.length]! : OTHER_COLOR;
}

export interface ChartTexts {
  readonly title: string;
  readonly needName: (id: string) => string;
  /** under the chart: what a hatched bar means */
  readonly footnote: string;
  /** the legend entry of the hatched sample */
  readonly smallLegend: string;
}

// SVG text and attribute values: the same escaping as an HTML attribute
const esc = escapeHtmlAttribute;
const id = (need: string) => need.replace(/[^a-z0-9_]/gi, "_");

export function needsChartSvg(rows: readonly (StatsRow & { readonly shown?: Shown })[], texts: ChartTexts): string {
  const months = [...new Set(rows.map((r) => r.keys.month!))].sort();
  const present = new Set(rows.map((r) => r.keys.need!));
  const needs = [...(NEED_IDS as readonly string[]).filter((n) => present.has(n)), ...[...present].filter((n) => n !== "-" && !(NEED_IDS as readonly string[]).includes(n)).sort()];
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
  const W = 900;
  const left = 50;
  const top = 60;
  const plotW = W - left - 230;
  const plotH = 330;
  const H = Math.max(top + plotH + 70, top + (needs.length + 2) * 18 + 20);
  const groupW = months.length ? plotW / months.length : plotW;
  const barW = needs.length ? Math.max(2, (groupW - 8) / needs.length) : groupW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  // a hatch per need: light fill and stripes in the need's colour, so a small cell keeps its colour
  const patterns = needs.map(
    (n) =>
      `<pattern id="hatch-${id(n)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="${needColor(n)}" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="6" stroke="${needColor(n)}" stroke-width="2.5"/></pattern>`,
  );
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<defs>${patterns.join("")}<pattern id="hatch-legend" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2.5"/></pattern></defs>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="28" font-size="16" font-weight="bold">${esc(texts.title)}</text>`,
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
      const isSmall = label !== undefined;
      const h = isSmall ? MIN_CELL : v;
      const x = x0 + j * barW;
      const fill = isSmall ? `url(#hatch-${id(n)})` : needColor(n);
      const stroke = isSmall ? ` stroke="${needColor(n)}" stroke-width="1"` : "";
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(top + plotH - y(h)).toFixed(1)}" fill="${fill}"${stroke}><title>${esc(texts.needName(n))} ${esc(m)}: ${isSmall ? label : v}</title></rect>`,
      );
      if (isSmall) {
        // "<5" with a white halo; turned upright over a narrow bar so neighbours do not overlap
        const cx = x + (barW - 1) / 2;
        const halo = `font-size="11" font-weight="bold" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke"`;
        parts.push(
          barW >= 16
            ? `<text x="${cx.toFixed(1)}" y="${(y(h) - 4).toFixed(1)}" text-anchor="middle" ${halo}>${label}</text>`
            : `<text transform="translate(${(cx + 4).toFixed(1)} ${(y(h) - 4).toFixed(1)}) rotate(-90)" ${halo}>${label}</text>`,
        );
      }
    });
    parts.push(`<text x="${(x0 + (groupW - 8) / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle">${esc(m)}</text>`);
  });
  const lx = left + plotW + 20;
  needs.forEach((n, j) => {
    const ly = top + j * 18;
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${needColor(n)}"/>`, `<text x="${lx + 18}" y="${ly + 10}">${esc(texts.needName(n))}</text>`);
  });
  const sy = top + needs.length * 18 + 8;
  parts.push(`<rect x="${lx}" y="${sy}" width="12" height="12" fill="url(#hatch-legend)" stroke="#555"/>`, `<text x="${lx + 18}" y="${sy + 10}">${esc(texts.smallLegend)}</text>`);
  parts.push(`<text x="${left}" y="${H - 14}" fill="#444">${esc(texts.footnote)}</text>`, "</svg>");
  return `${parts.join("\n")}\n`;
}
