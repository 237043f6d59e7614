// Runs every case of rules/tests/*.test.yaml: the rule files checked against the rule
// matrix of design.md §4, one vitest test per sentence.
import { describe, expect, it } from "vitest";
import { loadRuleTests } from "../../src/rules/load.js";
import { runRuleTestCase } from "../../src/rules/testing.js";
import { SERVICE_IDS } from "../../src/rules/vocabulary.js";
import { realRuleSet } from "../helpers.js";

const files = loadRuleTests();

describe("rule test files", () => {
  it("exist for every service id, and only for service ids", () => {
    const ids = files.map((f) => f.file.replace(/^tests\/(.*)\.test\.yaml$/, "$1")).sort();
    expect(ids).toEqual([...SERVICE_IDS].sort());
  });

  it("cover every age bound of the issue from both sides", () => {
    const ages = new Set(files.flatMap((f) => f.cases.map((c) => c.input.age)));
    for (const a of [11, 12, 15, 16, 17, 18, 26, 27, 28]) expect(ages, `age ${a}`).toContain(a);
  });
});

for (const file of files) {
  describe(file.file, () => {
    for (const tc of file.cases) {
      it(tc.name, () => {
        expect(runRuleTestCase(realRuleSet(), tc)).toEqual([]);
      });
    }
  });
}
