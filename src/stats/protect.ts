// Disclosure control for every published count (CLI, Slack, chart): the threshold rule (cells
// under 5 are suppressed, shown "<5") and complementary (secondary) cell suppression, so that
// subtracting the visible cells of a table from a total offered by another query – all needs
// minus the Kreise, a Land minus its Kreise, a period minus its months, a status minus its age
// bands – never gives a count from 1 to 4. Secondary cells are shown "x".
import { MIN_CELL, type Dimension, type StatsRow } from "./store.js";

export type Shown = { readonly kind: "value"; readonly value: number } | { readonly kind: "small" } | { readonly kind: "secondary" };

export interface ProtectedRow extends StatsRow {
  readonly shown: Shown;
}

/** The text of a protected cell: the count, "<5" or "x". */
export function showCell(s: Shown): string {
  return s.kind === "value" ? String(s.value) : s.kind === "small" ? `<${MIN_CELL}` : "x";
}

/**
 * Dimensions whose cells add up to the total of another offered query (each event has one month,
 * one Kreis, one Land, one age band, one status, one channel). Needs and services are lists – a
 * person with two needs counts under each – so their cells add up to no published total.
 */
const ADDITIVE: ReadonlySet<Dimension> = new Set(["month", "kreis", "land", "age", "status", "channel"]);

/**
 * Protects one table. For every additive dimension, the cells that differ only in it form a group
 * whose sum another query publishes (for Kreise: the Kreise of one Land, whose sum is the Land's).
 * A group whose suppressed cells sum to 1–4 gets its smallest visible cell suppressed as well,
 * until every group's suppressed cells sum to 0 or at least 5: the difference an attacker can
 * form is then never a count under 5. Repeated until no group changes (a cell is in several).
 */
export function protectTable(rows: readonly StatsRow[], by: readonly Dimension[], landOfKreis: (kreis: string) => string = (k) => k.slice(0, 2)): ProtectedRow[] {
  const hidden = rows.map((r) => r.count > 0 && r.count < MIN_CELL);
  const secondary = rows.map(() => false);
  const suppressed = (i: number) => hidden[i]! || secondary[i]!;
  const groups: number[][] = [];
  for (const d of by) {
    if (!ADDITIVE.has(d)) continue;
    const byRest = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const rest = by.filter((x) => x !== d).map((x) => `${x}=${r.keys[x]}`);
      if (d === "kreis") rest.push(`land=${landOfKreis(r.keys.kreis!)}`);
      const key = rest.join("|");
      const group = byRest.get(key);
      if (group) group.push(i);
      else byRest.set(key, [i]);
    });
    groups.push(...byRest.values());
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      for (;;) {
        const sum = g.filter(suppressed).reduce((s, i) => s + rows[i]!.count, 0);
        if (sum === 0 || sum >= MIN_CELL) break;
        const visible = g.filter((i) => !suppressed(i)).sort((a, b) => rows[a]!.count - rows[b]!.count);
        // nothing left to add: the whole group is suppressed, and so is what it sums to elsewhere
        if (visible.length === 0) break;
        secondary[visible[0]!] = true;
        changed = true;
      }
    }
  }
  return rows.map((r, i) => ({ ...r, shown: hidden[i] ? { kind: "small" } : secondary[i] ? { kind: "secondary" } : { kind: "value", value: r.count } }));
}
