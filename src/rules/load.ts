// Reads the rule directory (rules/ by default) and builds the RuleSet; the only I/O of the rules core.
// A start reads the rules from the bundle the build wrote (checked rules as JSON) when the bundle
// was made from exactly these rule texts, and parses the YAML otherwise.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkRuleTexts, compileRuleSet, type CheckedRules, type RuleSet, type RuleTexts } from "./rule-set.js";
import { parseRuleTestFile, type RuleTestFile } from "./testing.js";
import { RuleFileError, type RuleProblem } from "./errors.js";
import { ruleBundlePath, rulesDir } from "../paths.js";

/** bumped whenever CheckedRules changes shape, so an old bundle is never read as a new one */
const BUNDLE_FORMAT = 1;

interface RuleBundle {
  readonly format: number;
  /** ruleTextsHash of the texts the bundle was made from */
  readonly hash: string;
  readonly rules: CheckedRules;
}

export function readRuleTexts(dir: string = rulesDir()): RuleTexts {
  const read = (file: string) => ({ file, text: readFileSync(join(dir, file), "utf8") });
  const services = readdirSync(join(dir, "services"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => read(`services/${f}`));
  return { statuses: read("statuses.yaml"), needs: read("needs.yaml"), services };
}

/** SHA-256 over every rule file's name and text; its first 12 digits are the rule version. */
export function ruleTextsHash(texts: RuleTexts): string {
  const hash = createHash("sha256");
  for (const t of [texts.statuses, texts.needs, ...texts.services]) hash.update(t.file).update("\0").update(t.text).update("\0");
  return hash.digest("hex");
}

function readBundle(file: string, hash: string): CheckedRules | undefined {
  let bundle: RuleBundle;
  try {
    bundle = JSON.parse(readFileSync(file, "utf8")) as RuleBundle;
  } catch {
    return undefined; // no bundle (not built, or removed): the YAML is the truth anyway
  }
  return bundle.format === BUNDLE_FORMAT && bundle.hash === hash ? bundle.rules : undefined;
}

/**
 * The rule set of `dir`. `bundle`: the build's bundle to try first (default dist/rules.bundle.json);
 * `false` always parses and checks the YAML (as `wegweiser rules check` does).
 */
export function loadRuleSet(dir: string = rulesDir(), options: { bundle?: string | false } = {}): RuleSet {
  const texts = readRuleTexts(dir);
  const hash = ruleTextsHash(texts);
  const bundleFile = options.bundle ?? ruleBundlePath();
  const checked = (bundleFile !== false && readBundle(bundleFile, hash)) || checkRuleTexts(texts);
  return compileRuleSet(checked, hash.slice(0, 12));
}

/** Writes the bundle of the rules in `dir` (a build step); throws RuleFileError on broken rule files. */
export function writeRuleBundle(dir: string = rulesDir(), file: string = ruleBundlePath()): { hash: string; rules: number } {
  const texts = readRuleTexts(dir);
  const hash = ruleTextsHash(texts);
  const rules = checkRuleTexts(texts);
  const bundle: RuleBundle = { format: BUNDLE_FORMAT, hash, rules };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(bundle));
  renameSync(`${file}.tmp`, file);
  return { hash, rules: rules.rules.length };
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
