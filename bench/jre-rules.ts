// Translates the YAML rule files into json-rules-engine rules with the same meaning, so the
// benchmark compares the two engines on identical rules. Two rules per service: one fires
// when every condition is met (eligible), one when none fails (at least conditional).
import type { RuleProperties, TopLevelCondition, NestedCondition } from "json-rules-engine";
import type { RuleFile } from "../src/rules/schema.js";
import { ARRIVAL_IDS, STATUS_IDS } from "../src/rules/vocabulary.js";

const dayNumber = (iso: string) => Number(iso.replaceAll("-", ""));

/** The day before / after an ISO date (segments must not share a boundary day). */
function shift(iso: string, days: number): string {
  if (iso >= "9999-12-31" && days > 0) return iso;
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Outcomes = RuleFile["conditions"]["status"]["outcomes"];
type Def = Outcomes[keyof Outcomes];
type Arrivals = NonNullable<NonNullable<RuleFile["variants"]>[number]["ukraine_arrival"]>;

interface Segment {
  from: string;
  until: string;
  eligible: string[];
  conditional: string[];
  /** D16: for status ukraine, the arrival answers per level; null when the segment does not ask */
  arrival: { eligible: string[]; conditional: string[] } | null;
  areas: readonly string[] | undefined;
}

const level = (def: Def | undefined): "eligible" | "conditional" | "ineligible" =>
  def === undefined || def === "ineligible" ? "ineligible" : def === "eligible" ? "eligible" : "if" in def ? "conditional" : def.outcome;

function segments(rule: RuleFile): Segment[] {
  const start = rule.valid_from;
  const end = rule.valid_until ?? "9999-12-31";
  const base = rule.conditions.status.outcomes;
  const baseAreas = rule.region === "DE" ? undefined : rule.region.areas;
  const classify = (over: Partial<Outcomes>, arrivals?: Arrivals) => {
    const eligible: string[] = [];
    const conditional: string[] = [];
    for (const id of STATUS_IDS) {
      const l = level(over[id] ?? base[id]);
      if (l === "eligible") eligible.push(id);
      else if (l === "conditional") conditional.push(id);
    }
    let arrival: Segment["arrival"] = null;
    if (arrivals) {
      arrival = { eligible: [], conditional: [] };
      for (const a of ARRIVAL_IDS) {
        const l = level(arrivals[a] ?? over.ukraine ?? base.ukraine);
        if (l === "eligible") arrival.eligible.push(a);
        else if (l === "conditional") arrival.conditional.push(a);
      }
    }
    return { eligible, conditional, arrival };
  };
  const vs: Segment[] = (rule.variants ?? []).map((v) => ({
    from: v.valid_from ?? start,
    until: v.valid_until ?? end,
    ...classify(v.status, v.ukraine_arrival),
    areas: v.region?.areas ?? baseAreas,
  }));
  const gap = (from: string, until: string): Segment => ({ from, until, ...classify({}), areas: baseAreas });
  if (vs.length === 0) return [gap(start, end)];
  // gaps between the variants fall back to the base outcomes and areas
  const out: Segment[] = [];
  let cursor = start;
  for (const v of [...vs].sort((a, b) => a.from.localeCompare(b.from))) {
    if (v.from > cursor) out.push(gap(cursor, shift(v.from, -1)));
    out.push(v);
    cursor = shift(v.until, 1);
  }
  if (cursor <= end) out.push(gap(cursor, end));
  return out;
}

function statusCondition(s: Segment, lvl: "eligible" | "atLeastConditional"): NestedCondition {
  const statuses = lvl === "eligible" ? s.eligible : [...s.eligible, ...s.conditional];
  if (!s.arrival) return { fact: "status", operator: "in", value: statuses };
  const arrivals = lvl === "eligible" ? s.arrival.eligible : [...s.arrival.eligible, ...s.arrival.conditional];
  return {
    any: [
      { fact: "status", operator: "in", value: statuses.filter((x) => x !== "ukraine") },
      { all: [{ fact: "status", operator: "equal", value: "ukraine" }, { fact: "arrival", operator: "in", value: arrivals }] },
    ],
  };
}

/** A kreisfreie Stadt's Gemeinde key (…000) also matches its Kreis key, as in src/rules/compile.ts. */
const matchKeys = (areas: readonly string[]) => areas.map((a) => (a.length === 8 && a.endsWith("000") ? a.slice(0, 5) : a));

function regionCondition(rule: RuleFile, areas: readonly string[] | undefined, lvl: "eligible" | "atLeastConditional"): NestedCondition | null {
  if (rule.region === "DE") return null;
  const inLand = { fact: "land", operator: "equal", value: rule.region.land };
  const inside: NestedCondition = areas ? { all: [inLand, { fact: "key", operator: "startsWithAny", value: matchKeys(areas) }] } : inLand;
  if (lvl === "eligible") return inside;
  const maybe: NestedCondition[] = [{ fact: "land", operator: "equal", value: "" }, inside];
  if (areas) maybe.push({ all: [inLand, { fact: "key", operator: "prefixOfAny", value: [...areas] }] });
  return { any: maybe };
}

function conditions(rule: RuleFile, lvl: "eligible" | "atLeastConditional"): TopLevelCondition {
  const all: NestedCondition[] = [
    { fact: "date", operator: "greaterThanInclusive", value: dayNumber(rule.valid_from) },
    { fact: "date", operator: "lessThanInclusive", value: dayNumber(rule.valid_until ?? "9999-12-31") },
  ];
  const age = rule.conditions.age;
  if (age?.min !== undefined) all.push({ fact: "age", operator: "greaterThanInclusive", value: age.min });
  if (age?.below !== undefined) all.push({ fact: "age", operator: "lessThan", value: age.below });
  if (age?.max !== undefined) all.push({ fact: "age", operator: "lessThanInclusive", value: age.max });
  // one branch per dated segment: its status outcomes and its areas
  all.push({
    any: segments(rule).map((s) => {
      const region = regionCondition(rule, s.areas, lvl);
      return {
        all: [
          { fact: "date", operator: "greaterThanInclusive", value: dayNumber(s.from) },
          { fact: "date", operator: "lessThanInclusive", value: dayNumber(s.until) },
          statusCondition(s, lvl),
          ...(region ? [region] : []),
        ],
      };
    }),
  });
  const needs = rule.conditions.needs;
  if (needs) all.push({ any: needs.any_of.map((n) => ({ fact: "needs", operator: "contains", value: n })) });
  return { all };
}

export function toJsonRules(rules: readonly RuleFile[]): RuleProperties[] {
  return rules.flatMap((rule) => [
    { name: `${rule.id}:eligible`, conditions: conditions(rule, "eligible"), event: { type: "eligible", params: { id: rule.id } } },
    { name: `${rule.id}:atLeastConditional`, conditions: conditions(rule, "atLeastConditional"), event: { type: "atLeastConditional", params: { id: rule.id } } },
  ]);
}
