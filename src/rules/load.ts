// Reads the rule directory (rules/ by default) and builds the RuleSet; the only I/O of the rules core.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildRuleSet, type RuleSet, type RuleTexts } from "./rule-set.js";

/** rules/ at the top of the project, found from this file in both src/ and dist/src/. */
export function defaultRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, "package.json"));
      return join(dir, "rules");
    } catch {
      dir = dirname(dir);
    }
  }
  return resolve("rules");
}

export function readRuleTexts(dir: string = defaultRulesDir()): RuleTexts {
  const read = (file: string) => ({ file, text: readFileSync(join(dir, file), "utf8") });
  const services = readdirSync(join(dir, "services"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => read(`services/${f}`));
  return { statuses: read("statuses.yaml"), needs: read("needs.yaml"), services };
}

export function loadRuleSet(dir: string = defaultRulesDir()): RuleSet {
  const texts = readRuleTexts(dir);
  const hash = createHash("sha256");
  for (const t of [texts.statuses, texts.needs, ...texts.services]) hash.update(t.file).update("\0").update(t.text).update("\0");
  return buildRuleSet(texts, hash.digest("hex").slice(0, 12));
}
