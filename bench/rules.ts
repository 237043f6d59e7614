// Benchmark: all rules for many generated persons, our compiled evaluator against
// json-rules-engine running the same rules (generated from the YAML) on the same inputs in
// the same process. Outcomes are checked equal before anything is timed.
import { Engine } from "json-rules-engine";
import { evaluate } from "../src/rules/evaluate.js";
import { loadRuleSet, readRuleTexts } from "../src/rules/load.js";
import { parseYaml } from "../src/rules/parse.js";
import { ruleFileSchema, type RuleFile } from "../src/rules/schema.js";
import type { Person, RulePlace } from "../src/rules/types.js";
import { ARRIVAL_IDS, NEED_IDS, STATUS_IDS, type NeedId, type Outcome } from "../src/rules/vocabulary.js";
import { NRW_KREISE } from "../src/places/nrw-kreise.js";
import { toJsonRules } from "./jre-rules.js";
import { nowNs, seededRandom, summarise } from "./stats.js";

interface Input {
  person: Person;
  place: RulePlace | null;
  date: string;
  facts: Record<string, unknown>;
}

const DATES = ["2016-06-01", "2019-06-01", "2020-06-30", "2022-12-30", "2022-12-31", "2023-01-01", "2024-06-27", "2024-12-31", "2025-01-01", "2026-02-09", "2026-07-01", "2026-11-21"];

function generate(n: number, seed: number): Input[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const places: (RulePlace | null)[] = [
    null,
    { land: "NW", key: "05" },
    { land: "BY", key: "09162" },
    { land: "BE", key: "11000000" },
    ...NRW_KREISE.map((k) => ({ land: "NW", key: k.key })),
    ...NRW_KREISE.map((k) => ({ land: "NW", key: `${k.key}004` })),
    // D14: municipalities of the 2023–2024 programme (Wuppertal, Gronau) and one outside it (Detmold)
    { land: "NW", key: "05124000" },
    { land: "NW", key: "05554020" },
    { land: "NW", key: "05766020" },
  ];
  const out: Input[] = [];
  for (let i = 0; i < n; i++) {
    const needs: NeedId[] = [];
    const k = Math.floor(rnd() * 4);
    for (let j = 0; j < k; j++) {
      const need = pick(NEED_IDS);
      if (!needs.includes(need)) needs.push(need);
    }
    const status = pick(STATUS_IDS);
    // D16: a person with temporary protection may have answered when they arrived
    const arrival = status === "ukraine" ? pick([...ARRIVAL_IDS, undefined]) : undefined;
    const person: Person = { age: Math.floor(rnd() * 90), status, needs, ...(arrival ? { arrival } : {}) };
    const place = pick(places);
    const date = pick(DATES);
    const facts = { age: person.age, status, needs, arrival: arrival ?? "unknown", land: place?.land ?? "", key: place?.key ?? "", date: Number(date.replaceAll("-", "")) };
    out.push({ person, place, date, facts });
  }
  return out;
}

function createEngine(files: RuleFile[]): Engine {
  const engine = new Engine(toJsonRules(files), { allowUndefinedFacts: false });
  engine.addOperator<string, string[]>("startsWithAny", (fact, areas) => areas.some((a) => fact.startsWith(a)));
  engine.addOperator<string, string[]>("prefixOfAny", (fact, areas) => fact !== "" && areas.some((a) => a.startsWith(fact)));
  return engine;
}

async function jreOutcomes(engine: Engine, facts: Record<string, unknown>): Promise<Map<string, Outcome>> {
  const { events } = await engine.run(facts);
  const outcomes = new Map<string, Outcome>();
  for (const e of events) {
    const id = String(e.params?.id);
    if (e.type === "eligible") outcomes.set(id, "eligible");
    else if (!outcomes.has(id)) outcomes.set(id, "conditional");
  }
  return outcomes;
}

export async function benchRules(options: { persons?: number; jrePersons?: number; rounds?: number } = {}): Promise<Record<string, unknown>> {
  const ruleSet = loadRuleSet();
  const texts = readRuleTexts();
  const files = texts.services.map((t) => {
    const parsed = parseYaml(t.file, t.text, ruleFileSchema);
    if (!parsed.ok) throw new Error(`${t.file}: invalid`);
    return parsed.value;
  });
  const engine = createEngine(files);
  const persons = options.persons ?? 200_000;
  const jrePersons = options.jrePersons ?? 5_000;
  const rounds = options.rounds ?? 5;
  const inputs = generate(persons, 20261121);

  // 1. Same results: every service, every generated person (JRE on the first jrePersons).
  for (const input of inputs.slice(0, jrePersons)) {
    const ours = evaluate(ruleSet, input.person, input.place, input.date);
    const theirs = await jreOutcomes(engine, input.facts);
    for (const s of ours.services) {
      const t = theirs.get(s.id) ?? "ineligible";
      if (t !== s.outcome) {
        throw new Error(`results differ for ${s.id}: wegweiser ${s.outcome}, json-rules-engine ${t}; input ${JSON.stringify(input.facts)}`);
      }
    }
  }

  // 2. Timing, interleaved in rounds so both engines see the same machine state.
  const ours: number[] = [];
  const theirs: number[] = [];
  let sink = 0;
  for (let w = 0; w < 20_000; w++) sink += evaluate(ruleSet, inputs[w % persons]!.person, inputs[w % persons]!.place, inputs[w % persons]!.date).services.length;
  for (let w = 0; w < 500; w++) await jreOutcomes(engine, inputs[w]!.facts);
  const perRoundOurs = Math.floor(persons / rounds);
  const perRoundTheirs = Math.floor(jrePersons / rounds);
  for (let r = 0; r < rounds; r++) {
    for (let i = r * perRoundOurs; i < (r + 1) * perRoundOurs; i++) {
      const input = inputs[i]!;
      const t0 = nowNs();
      const d = evaluate(ruleSet, input.person, input.place, input.date);
      const t1 = nowNs();
      sink += d.services.length;
      ours.push(Number(t1 - t0) / 1000);
    }
    for (let i = r * perRoundTheirs; i < (r + 1) * perRoundTheirs; i++) {
      const input = inputs[i]!;
      const t0 = nowNs();
      const o = await jreOutcomes(engine, input.facts);
      const t1 = nowNs();
      sink += o.size;
      theirs.push(Number(t1 - t0) / 1000);
    }
  }
  // Throughput without per-call timer overhead, as a cross-check of the median.
  const t0 = nowNs();
  for (const input of inputs) sink += evaluate(ruleSet, input.person, input.place, input.date).services.length;
  const batchUs = Number(nowNs() - t0) / 1000 / inputs.length;

  const a = summarise(ours);
  const b = summarise(theirs);
  return {
    name: `rules: all ${ruleSet.rules.length} rules for one person`,
    checked_equal: `${jrePersons} persons × ${ruleSet.rules.length} services`,
    wegweiser_us: { p50: a.p50, p90: a.p90, p99: a.p99, mean_batch: batchUs, n: a.n },
    json_rules_engine_us: { p50: b.p50, p90: b.p90, p99: b.p99, n: b.n },
    ratio_p50: b.p50 / a.p50,
    ratio_p99: b.p99 / a.p99,
    targets: { p99_le_10us: a.p99 <= 10, ratio_ge_50: b.p50 / a.p50 >= 50 },
    sink: sink > 0,
  };
}
