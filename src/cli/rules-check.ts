// `wegweiser rules check`: validates every rule file and runs every rule test, for rule
// authors who do not write TypeScript. Exit 0 when all pass, 1 otherwise.
import { loadRuleSet, loadRuleTests } from "../rules/load.js";
import { runRuleTestCase } from "../rules/testing.js";
import { SERVICE_IDS } from "../rules/vocabulary.js";

export interface RulesCheckResult {
  readonly ok: boolean;
  readonly output: string;
}

export function runRulesCheck(dir?: string): RulesCheckResult {
  const ruleSet = loadRuleSet(dir, { bundle: false }); // always the YAML: this is the check of the files
  const files = loadRuleTests(dir);
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const id of SERVICE_IDS) {
    if (!files.some((f) => f.file === `tests/${id}.test.yaml`)) {
      lines.push(`tests/${id}.test.yaml: missing – every rule needs its test file`);
      failed++;
    }
  }
  for (const f of files) {
    const id = f.file.replace(/^tests\//, "").replace(/\.test\.yaml$/, "");
    if (!(SERVICE_IDS as readonly string[]).includes(id)) {
      lines.push(`${f.file}: no rule named ${id}`);
      failed++;
    }
    for (const tc of f.cases) {
      const failures = runRuleTestCase(ruleSet, tc);
      if (failures.length === 0) passed++;
      else {
        failed++;
        lines.push(`${f.file}: ${tc.name}`, ...failures.map((x) => `    ${x}`));
      }
    }
  }
  const toVerify = ruleSet.rules.flatMap((r) => r.sources).filter((s) => s.general_knowledge).length;
  lines.push(
    `${ruleSet.rules.length} rule files valid (version ${ruleSet.version}); ${passed} tests passed, ${failed} failed; ` +
      `${toVerify} sources are general knowledge still to be verified against the live source.`,
  );
  return { ok: failed === 0, output: lines.join("\n") };
}
