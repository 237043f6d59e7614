// evaluate(ruleSet, person, place, date): every service with outcome, reasons, sources and
// rank. Pure; ranking follows design D8 and the ranking paragraph of design.md §4.
import type { RuleSet } from "./rule-set.js";
import type { Decision, EvaluateOptions, Person, RulePlace, ServiceDecision } from "./types.js";
import type { Outcome } from "./vocabulary.js";

const OUTCOME_ORDER: Record<Outcome, number> = { eligible: 0, conditional: 1, ineligible: 2 };
const NO_NEED = 99;

export function evaluate(ruleSet: RuleSet, person: Person, place: RulePlace | null, date: string, options?: EvaluateOptions): Decision {
  const rules = ruleSet.rules;
  const n = rules.length;
  const keys = new Array<number>(n);
  const results = new Array<ServiceDecision>(n);
  const offered = options?.locallyOffered;
  for (let i = 0; i < n; i++) {
    const rule = rules[i]!;
    const verdict = rule.run(person, place, date);
    const outcome = verdict.outcome;
    const o = OUTCOME_ORDER[outcome];
    let key: number;
    if (outcome === "ineligible") {
      key = 2_000_000 + (rule.info.role === "counselling" ? 0 : 100_000) + rule.info.priority;
    } else if (rule.info.role === "counselling") {
      // D4/D8: Teilhabemanagement leads only where an office offers it; otherwise it follows the others.
      const demoted = offered !== undefined && rule.needsLocalOffice && !offered.has(rule.info.id) ? 1 : 0;
      key = o * 10_000 + demoted * 1_000 + rule.info.priority;
    } else {
      key = 1_000_000 + firstNeedIndex(person, rule.needs) * 10_000 + o * 1_000 + rule.info.priority;
    }
    keys[i] = key * 1024 + i; // the index rides along in the low bits; a rule set has far fewer than 1024 rules
    results[i] = {
      id: rule.info.id,
      role: rule.info.role,
      outcome,
      rank: 0,
      reasons: verdict.reasons,
      sources: rule.sources,
      ...(rule.info.successor ? { successor: rule.info.successor } : {}),
    };
  }
  keys.sort((a, b) => a - b);
  const services = new Array<ServiceDecision>(n);
  for (let r = 0; r < n; r++) {
    const i = keys[r]! % 1024;
    const s = results[i]! as { rank: number };
    s.rank = r + 1;
    services[r] = results[i]!;
  }
  return { date, person, place, services };
}

/** Position of the first of the person's needs that this rule serves (design §4: "in the order of the person's needs"). */
function firstNeedIndex(person: Person, served: readonly string[]): number {
  const needs = person.needs;
  for (let j = 0; j < needs.length; j++) if (served.includes(needs[j]!)) return j;
  return NO_NEED;
}
