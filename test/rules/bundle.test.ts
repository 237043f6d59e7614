// The rule bundle of the build: read at start when it was made from exactly the rule texts on
// disk, ignored (the YAML parsed and checked) as soon as one rule file differs.
import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, readRuleTexts, writeRuleBundle } from "../../src/rules/load.js";
import { checkRuleTexts } from "../../src/rules/rule-set.js";
import { ROOT, tempDir } from "../helpers.js";

/** a copy of the real rules and a bundle made from it */
function rulesWithBundle(): { rules: string; bundle: string } {
  const dir = tempDir("wegweiser-bundle-");
  const rules = join(dir, "rules");
  cpSync(join(ROOT, "rules"), rules, { recursive: true });
  const bundle = join(dir, "rules.bundle.json");
  writeRuleBundle(rules, bundle);
  return { rules, bundle };
}

/** marks the JMD's German name inside the bundle, so a test can tell which source was read */
function markBundle(bundle: string): void {
  const json = JSON.parse(readFileSync(bundle, "utf8")) as { rules: { rules: { rule: { id: string; names: Record<string, string> } }[] } };
  const jmd = json.rules.rules.find((r) => r.rule.id === "jmd")!;
  jmd.rule.names.de = "FROM THE BUNDLE";
  writeFileSync(bundle, JSON.stringify(json));
}

describe("the rule bundle", () => {
  it("holds the same checked rules as parsing the YAML", () => {
    const { rules, bundle } = rulesWithBundle();
    const json = JSON.parse(readFileSync(bundle, "utf8")) as { rules: unknown };
    expect(json.rules).toEqual(JSON.parse(JSON.stringify(checkRuleTexts(readRuleTexts(rules)))));
  });

  it("is what a start reads while the rule files are unchanged", () => {
    const { rules, bundle } = rulesWithBundle();
    markBundle(bundle);
    expect(loadRuleSet(rules, { bundle }).byId.get("jmd")!.info.names.de).toBe("FROM THE BUNDLE");
  });

  it("is ignored once a rule file changed, and the YAML is parsed", () => {
    const { rules, bundle } = rulesWithBundle();
    markBundle(bundle);
    appendFileSync(join(rules, "services", "mbe.yaml"), "\n# edited after the build\n");
    const ruleSet = loadRuleSet(rules, { bundle });
    expect(ruleSet.byId.get("jmd")!.info.names.de).not.toBe("FROM THE BUNDLE");
    expect(ruleSet.byId.get("jmd")!.info.names.de).toMatch(/Jugendmigrationsdienst/);
  });

  it("gives the same rule version as the YAML, so referrals and statistics do not change", () => {
    const { rules, bundle } = rulesWithBundle();
    expect(loadRuleSet(rules, { bundle }).version).toBe(loadRuleSet(rules, { bundle: false }).version);
  });

  it("is ignored when it is unreadable, and a broken rule file is still named", () => {
    const { rules, bundle } = rulesWithBundle();
    writeFileSync(bundle, "{ not json");
    expect(loadRuleSet(rules, { bundle }).rules.length).toBeGreaterThan(0);
    appendFileSync(join(rules, "services", "jmd.yaml"), "\nunknown_key: 1\n");
    expect(() => loadRuleSet(rules, { bundle })).toThrow(/services\/jmd\.yaml: unknown_key/);
  });
});
