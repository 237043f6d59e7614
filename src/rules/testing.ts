// Runs the OpenFisca-style YAML rule tests (rules/tests/<id>.test.yaml): each case a sentence
// with `input` and expected `output`. Used by vitest and by `wegweiser rules check`.
import type { RuleProblem } from "./errors.js";
import { evaluate } from "./evaluate.js";
import { parseYaml } from "./parse.js";
import { toRulePlace } from "./place.js";
import type { RuleSet } from "./rule-set.js";
import { ruleTestFileSchema, type RuleTestCase } from "./schema.js";

export interface RuleTestFile {
  readonly file: string;
  readonly cases: readonly RuleTestCase[];
}

export function parseRuleTestFile(file: string, text: string): { ok: true; value: RuleTestFile } | { ok: false; problems: RuleProblem[] } {
  const parsed = parseYaml(file, text, ruleTestFileSchema);
  if (!parsed.ok) return parsed;
  const problems: RuleProblem[] = [];
  parsed.value.tests.forEach((c, i) => {
    if (c.input.place !== undefined && !toRulePlace(c.input.place)) {
      problems.push({ file, path: `tests.${i}.input.place`, message: `"${c.input.place}" is neither a Land code nor an official key` });
    }
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { file, cases: parsed.value.tests } };
}

/** The differences between what a case expects and what the rules say; empty when it passes. */
export function runRuleTestCase(ruleSet: RuleSet, tc: RuleTestCase): string[] {
  const place = tc.input.place === undefined ? null : (toRulePlace(tc.input.place) ?? null);
  const decision = evaluate(ruleSet, { age: tc.input.age, status: tc.input.status, needs: tc.input.needs, ...(tc.input.arrival ? { arrival: tc.input.arrival } : {}) }, place, tc.date);
  const failures: string[] = [];
  for (const [id, expected] of Object.entries(tc.output)) {
    const got = decision.services.find((s) => s.id === id);
    if (!got) {
      failures.push(`${id}: not in the decision`);
      continue;
    }
    const want = typeof expected === "string" ? { outcome: expected } : expected;
    if (want.outcome && got.outcome !== want.outcome) {
      failures.push(`${id}: expected ${want.outcome}, got ${got.outcome} (${got.reasons.map((r) => r.code).join(", ")})`);
    }
    if (want.rank !== undefined && got.rank !== want.rank) failures.push(`${id}: expected rank ${want.rank}, got ${got.rank}`);
    if (want.reason !== undefined && !got.reasons.some((r) => r.code === want.reason)) {
      failures.push(`${id}: expected reason ${want.reason}, got ${got.reasons.map((r) => r.code).join(", ")}`);
    }
    if (want.condition !== undefined && !got.reasons.some((r) => r.params.condition === want.condition)) {
      const conditions = got.reasons.map((r) => r.params.condition).filter((c) => c !== undefined);
      failures.push(`${id}: expected condition ${want.condition}, got ${conditions.length ? conditions.join(", ") : "none"}`);
    }
  }
  return failures;
}
