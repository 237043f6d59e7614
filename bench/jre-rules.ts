// Translates the YAML rule files into json-rules-engine rules with the same meaning, so the
// benchmark compares the two engines on identical rules. Two rules per service: one fires
// when every condition is met (eligible), one when none fails (at least conditional).
import type { RuleProperties, TopLevelCondition, NestedCondition } from "json-rules-engine";
import type { RuleFile } from "../src/rules/schema.js";
import { STATUS_IDS } from "../src/rules/vocabulary.js";

const dayNumber = (iso: string) => Number(iso.replaceAll("-", ""));

interface Segment {
  from: string;
  until: string;
  eligible: string[];
  conditional: string[];
}

function segments(rule: RuleFile): Segment[] {
  const start = rule.valid_from;
  const end = rule.valid_until ?? "9999-12-31";
  const base = rule.conditions.status.outcomes;
  const classify = (over: Partial<typeof base>) => {
    const eligible: string[] = [];
    const conditional: string[] = [];
    for (const id of STATUS_IDS) {
      const def = over[id] ?? base[id];
      if (def === "eligible") eligible.push(id);
      else if (typeof def === "object") conditional.push(id);
    }
    return { eligible, conditional };
  };
  const vs = (rule.variants ?? []).map((v) => ({ from: v.valid_from ?? start, until: v.valid_until ?? end, ...classify(v.status) }));
  if (vs.length === 0) return [{ from: start, until: end, ...classify({}) }];
  // the variants of the rule files cover the whole validity; gaps fall back to the base outcomes
  const out: Segment[] = [];
  let cursor = start;
  for (const v of [...vs].sort((a, b) => a.from.localeCompare(b.from))) {
    if (v.from > cursor) out.push({ from: cursor, until: v.from, ...classify({}) });
    out.push(v);
    cursor = v.until;
  }
  if (cursor < end) out.push({ from: cursor, until: end, ...classify({}) });
  return out;
}

function statusCondition(rule: RuleFile, level: "eligible" | "atLeastConditional"): NestedCondition {
  return {
    any: segments(rule).map((s) => ({
      all: [
        { fact: "date", operator: "greaterThanInclusive", value: dayNumber(s.from) },
        { fact: "date", operator: "lessThanInclusive", value: dayNumber(s.until) },
        { fact: "status", operator: "in", value: level === "eligible" ? s.eligible : [...s.eligible, ...s.conditional] },
      ],
    })),
  };
}

function regionCondition(rule: RuleFile, level: "eligible" | "atLeastConditional"): NestedCondition | null {
  if (rule.region === "DE") return null;
  const { land, areas } = rule.region;
  const inLand = { fact: "land", operator: "equal", value: land };
  const inside: NestedCondition = areas ? { all: [inLand, { fact: "key", operator: "startsWithAny", value: areas }] } : inLand;
  if (level === "eligible") return inside;
  const maybe: NestedCondition[] = [{ fact: "land", operator: "equal", value: "" }, inside];
  if (areas) maybe.push({ all: [inLand, { fact: "key", operator: "prefixOfAny", value: areas }] });
  return { any: maybe };
}

function conditions(rule: RuleFile, level: "eligible" | "atLeastConditional"): TopLevelCondition {
  const all: NestedCondition[] = [
    { fact: "date", operator: "greaterThanInclusive", value: dayNumber(rule.valid_from) },
    { fact: "date", operator: "lessThanInclusive", value: dayNumber(rule.valid_until ?? "9999-12-31") },
  ];
  const region = regionCondition(rule, level);
  if (region) all.push(region);
  const age = rule.conditions.age;
  if (age?.min !== undefined) all.push({ fact: "age", operator: "greaterThanInclusive", value: age.min });
  if (age?.below !== undefined) all.push({ fact: "age", operator: "lessThan", value: age.below });
  if (age?.max !== undefined) all.push({ fact: "age", operator: "lessThanInclusive", value: age.max });
  all.push(statusCondition(rule, level));
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
