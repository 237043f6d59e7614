// Broken rule files stop the load with file and path named; a changed rule is caught by the
// rule tests. Each case edits the real rule texts in memory.
import { describe, expect, it } from "vitest";
import { buildRuleSet, type RuleTexts } from "../../src/rules/rule-set.js";
import { RuleFileError } from "../../src/rules/errors.js";
import { loadRuleTests, readRuleTexts } from "../../src/rules/load.js";
import { runRuleTestCase } from "../../src/rules/testing.js";

const original = readRuleTexts();

function withService(file: string, edit: (text: string) => string): RuleTexts {
  const found = original.services.find((s) => s.file === file);
  if (!found) throw new Error(`no ${file}`);
  const text = edit(found.text);
  if (text === found.text) throw new Error(`edit of ${file} changed nothing`);
  return { ...original, services: original.services.map((s) => (s.file === file ? { file, text } : s)) };
}

function problemsOf(texts: RuleTexts): string[] {
  try {
    buildRuleSet(texts, "test");
  } catch (err) {
    if (err instanceof RuleFileError) return err.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe("loading the rule files", () => {
  it("accepts the rule files as they are", () => {
    expect(problemsOf(original)).toEqual([]);
  });

  it("rejects an unknown key and names the file and the key", () => {
    const problems = problemsOf(withService("services/jmd.yaml", (t) => t.replace("  age:\n    min: 12", "  age:\n    minimum: 12\n    min: 12")));
    expect(problems).toEqual([expect.stringMatching(/^services\/jmd\.yaml: conditions\.age\.minimum: unknown key minimum$/)]);
  });

  it("rejects a misspelt status and names the path", () => {
    const problems = problemsOf(withService("services/mbe.yaml", (t) => t.replace("      duldung: { outcome: conditional, if: ask_restricted }", "      dulding: { outcome: conditional, if: ask_restricted }")));
    expect(problems.some((p) => p.startsWith("services/mbe.yaml: conditions.status.outcomes.dulding: unknown key"))).toBe(true);
    expect(problems.some((p) => p.startsWith("services/mbe.yaml: conditions.status.outcomes.duldung:"))).toBe(true);
  });

  it("rejects a citation of a source that is not defined", () => {
    const problems = problemsOf(withService("services/kim.yaml", (t) => t.replace("source: [tintg_9_funding]", "source: [tintg_9_fundin]")));
    expect(problems).toEqual([expect.stringMatching(/^services\/kim\.yaml: region\.source\.0: unknown source tintg_9_fundin/)]);
  });

  it("rejects a seed reference that is not FILE:LINE", () => {
    const problems = problemsOf(withService("services/jmd.yaml", (t) => t.replace('ref: "001_b0d05e7187bd0276.txt:1664-1666"', 'ref: "001.txt line 1664"')));
    expect(problems).toEqual([expect.stringMatching(/^services\/jmd\.yaml: sources\.age_table\.ref: expected FILE:LINE/)]);
  });

  it("rejects a source outside the seeds that does not say why", () => {
    const problems = problemsOf(withService("services/jmd.yaml", (t) => t.replace(/ {4}general_knowledge: The seeds write "12 – 27".*\n/, "")));
    expect(problems).toEqual([expect.stringMatching(/^services\/jmd\.yaml: sources\.sgb8_young_person\.general_knowledge: .*design D12/)]);
  });

  it("rejects both an exclusive and an inclusive upper age bound", () => {
    const problems = problemsOf(withService("services/jmd.yaml", (t) => t.replace("    below: 27\n", "    below: 27\n    max: 26\n")));
    expect(problems).toEqual([expect.stringMatching(/^services\/jmd\.yaml: conditions\.age: give either `below`/)]);
  });

  it("rejects overlapping dated variants", () => {
    const problems = problemsOf(withService("services/mbe.yaml", (t) => t.replace('  - valid_from: "2022-12-31"', '  - valid_from: "2022-12-01"')));
    expect(problems).toEqual([expect.stringMatching(/^services\/mbe\.yaml: variants\.1: overlaps variants\.0/)]);
  });

  it("rejects a YAML syntax error with its line", () => {
    const problems = problemsOf(withService("services/jugendamt.yaml", (t) => t.replace("role: need", "role: [need")));
    expect(problems[0]).toMatch(/^services\/jugendamt\.yaml: line \d+: /);
  });

  it("rejects a rule set with a service missing", () => {
    const texts = { ...original, services: original.services.filter((s) => s.file !== "services/gesundheitslotsen.yaml") };
    expect(problemsOf(texts)).toEqual([expect.stringMatching(/^services\/gesundheitslotsen\.yaml: : missing/)]);
  });

  it("rejects a status vocabulary that lost an id", () => {
    const texts = { ...original, statuses: { ...original.statuses, text: original.statuses.text.replace("  - id: ukraine", "  - id: ukrainian") } };
    const problems = problemsOf(texts);
    expect(problems.some((p) => p.startsWith("statuses.yaml: statuses.2.id:"))).toBe(true);
  });

  it("rejects an alias that two statuses share", () => {
    const texts = { ...original, statuses: { ...original.statuses, text: original.statuses.text.replace("aliases: [geduldet,", "aliases: [asyl, geduldet,") } };
    expect(problemsOf(texts)).toEqual([expect.stringMatching(/^statuses\.yaml: statuses\.\d\.aliases: alias "asyl" is also used by gestattung/)]);
  });
});

describe("the rule tests", () => {
  const cases = loadRuleTests().flatMap((f) => f.cases);

  it("catch a JMD age bound moved from 'below 27' to 'below 28'", () => {
    const changed = buildRuleSet(withService("services/jmd.yaml", (t) => t.replace("below: 27", "below: 28")), "mutant");
    const failing = cases.filter((c) => runRuleTestCase(changed, c).length > 0).map((c) => c.name);
    expect(failing).toContain("At age 27, a person with a residence permit in Kreis Heinsberg is not eligible for the JMD");
  });

  it("catch a Duldung made eligible for the Jobcenter", () => {
    const changed = buildRuleSet(withService("services/jobcenter.yaml", (t) => t.replace("      duldung: ineligible", "      duldung: eligible")), "mutant");
    const failing = cases.filter((c) => runRuleTestCase(changed, c).length > 0);
    expect(failing.length).toBeGreaterThan(0);
  });

  it("catch the MBE opening date moved by one day", () => {
    const changed = buildRuleSet(
      withService("services/mbe.yaml", (t) => t.replace('valid_until: "2022-12-30"', 'valid_until: "2022-12-31"').replace('valid_from: "2022-12-31"', 'valid_from: "2023-01-01"')),
      "mutant",
    );
    const failing = cases.filter((c) => runRuleTestCase(changed, c).length > 0).map((c) => c.name);
    expect(failing).toContain("On 2022-12-31, a 40-year-old with a Gestattung is eligible for the MBE (opened with the Chancen-Aufenthaltsrecht)");
  });
});
