// evaluate(ruleSet, person, place, date): every service with outcome, reasons, sources and
// rank. Pure; ranking follows design D8 and the ranking paragraph of design.md §4.
import type { CompiledRule } from "./compile.js";
import type { RuleSet } from "./rule-set.js";
import type { Decision, EvaluateOptions, Person, Reason, RulePlace, ServiceDecision, Source } from "./types.js";
import type { Outcome, Role, ServiceId } from "./vocabulary.js";

const NO_NEED = 99;
// A sort key packs the ranking tiers into one number; the rule's index rides in the low bits.
const INDEX_BITS = 1024;

/** One fixed shape for every result keeps the hot path monomorphic. */
class Result implements ServiceDecision {
  rank = 0;
  constructor(
    readonly id: ServiceId,
    readonly role: Role,
    readonly outcome: Outcome,
    readonly reasons: readonly Reason[],
    readonly sources: readonly Source[],
    /** undefined when the rule has none; JSON leaves it out */
    readonly successor: ServiceId | undefined,
  ) {}
}

function sortKey(rule: CompiledRule, outcome: Outcome, person: Person, offered: ReadonlySet<ServiceId> | undefined): number {
  const priority = rule.info.priority;
  if (outcome === "ineligible") return 2_000_000 + (rule.info.role === "counselling" ? 0 : 100_000) + priority;
  const o = outcome === "eligible" ? 0 : 1;
  if (rule.info.role === "counselling") {
    // D4/D8: Teilhabemanagement leads only where an office offers it; otherwise it follows the others.
    const demoted = offered !== undefined && rule.needsLocalOffice && !offered.has(rule.info.id) ? 1 : 0;
    return o * 10_000 + demoted * 1_000 + priority;
  }
  return 1_000_000 + firstNeedIndex(person, rule.needs) * 10_000 + o * 1_000 + priority;
}

export function evaluate(ruleSet: RuleSet, person: Person, place: RulePlace | null, date: string, options?: EvaluateOptions): Decision {
  const rules = ruleSet.rules;
  const n = rules.length;
  const keys = new Float64Array(n);
  const results = new Array<Result>(n);
  const offered = options?.locallyOffered;
  for (let i = 0; i < n; i++) {
    const rule = rules[i]!;
    const verdict = rule.run(person, place, date);
    keys[i] = sortKey(rule, verdict.outcome, person, offered) * INDEX_BITS + i;
    results[i] = new Result(rule.info.id, rule.info.role, verdict.outcome, verdict.reasons, rule.sources, rule.info.successor);
  }
  keys.sort();
  const services = new Array<ServiceDecision>(n);
  for (let r = 0; r < n; r++) {
    const result = results[keys[r]! % INDEX_BITS]!;
    result.rank = r + 1;
    services[r] = result;
  }
  return { date, person, place, services };
}

/** Position of the first of the person's needs that this rule serves (design §4: "in the order of the person's needs"). */
function firstNeedIndex(person: Person, served: readonly string[]): number {
  const needs = person.needs;
  for (let j = 0; j < needs.length; j++) if (served.includes(needs[j]!)) return j;
  return NO_NEED;
}
