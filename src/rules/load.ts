// Reads the rule directory (rules/ by default) and builds the RuleSet; the only I/O of the rules core.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRuleSet, type RuleSet, type RuleTexts } from "./rule-set.js";
import { parseRuleTestFile, type RuleTestFile } from "./testing.js";
import { RuleFileError, type RuleProblem } from "./errors.js";
import { rulesDir } from "../paths.js";

export function readRuleTexts(dir: string = rulesDir()): RuleTexts {
  const read = (file: string) => ({ file, text: readFileSync(join(dir, file), "utf8") });
  const services = readdirSync(join(dir, "services"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => read(`services/${f}`));
  return { statuses: read("statuses.yaml"), needs: read("needs.yaml"), services };
}

export function loadRuleSet(dir: string = rulesDir()): RuleSet {
  const texts = readRuleTexts(dir);
  const hash = createHash("sha256");
  for (const t of [texts.statuses, texts.needs, ...texts.services]) hash.update(t.file).update("\0").update(t.text).update("\0");
  return buildRuleSet(texts, hash.digest("hex").slice(0, 12));
}

/** rules/tests/<id>.test.yaml, parsed; a broken test file is a broken rule file. */
export function loadRuleTests(dir: string = rulesDir()): RuleTestFile[] {
  const files = readdirSync(join(dir, "tests")).filter((f) => f.endsWith(".test.yaml")).sort();
  const problems: RuleProblem[] = [];
  const out: RuleTestFile[] = [];
  for (const f of files) {
    const file = `tests/${f}`;
    const parsed = parseRuleTestFile(file, readFileSync(join(dir, file), "utf8"));
    if (parsed.ok) out.push(parsed.value);
    else problems.push(...parsed.problems);
  }
  if (problems.length) throw new RuleFileError(problems);
  return out;
}
