// Shared test helpers: the real rule set and paths to the shared seed and place data.
import { join } from "node:path";
import { loadRuleSet, readRuleTexts } from "../src/rules/load.js";
import { projectRoot } from "../src/paths.js";
import type { RuleSet } from "../src/rules/rule-set.js";

let cached: RuleSet | undefined;
export function realRuleSet(): RuleSet {
  return (cached ??= loadRuleSet());
}

export { readRuleTexts };
export const ROOT = projectRoot();
/** ../shared beside the checkout: seeds and place data nobody in this project wrote */
export const SHARED = process.env.WEGWEISER_SHARED ?? join(ROOT, "..", "shared");
export const SEEDS = join(SHARED, "seeds");
export const GEO = join(SHARED, "data", "geo");
