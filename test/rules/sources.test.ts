// Every seed citation in the rule files points at lines that exist and that contain the
// quoted words, so a reviewer can trust `FILE:LINE`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_REF } from "../../src/rules/schema.js";
import { realRuleSet, SEEDS } from "../helpers.js";

/** Joins PDF-extracted lines: soft hyphens at line ends removed, quotes and spaces unified. */
function normalise(text: string): string[] {
  const unify = (s: string) =>
    s
      .replace(/[„“”"‚‘’'`´]/g, "")
      .replace(/[–—]/g, "-")
      .replace(/\s+/g, " ")
      .trim();
  const joinedHyphen = text.replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, "$1$2");
  const keptHyphen = text.replace(/-\s*\n\s*/g, "-");
  return [unify(joinedHyphen), unify(keptHyphen), unify(text)];
}

const seedLines = new Map<string, string[]>();
function lines(file: string): string[] {
  let l = seedLines.get(file);
  if (!l) seedLines.set(file, (l = readFileSync(join(SEEDS, file), "utf8").split("\n")));
  return l;
}

const citations = realRuleSet().rules.flatMap((r) =>
  r.sources.filter((s) => s.ref).map((s) => ({ rule: r.info.id, id: s.id, ref: s.ref!, quote: s.quote })),
);

describe("seed citations", () => {
  it("exist in the rules (every rule cites the seeds at least once)", () => {
    const rules = new Set(citations.map((c) => c.rule));
    expect(rules.size).toBe(realRuleSet().rules.length);
  });

  for (const c of citations) {
    it(`${c.rule}.${c.id} quotes ${c.ref}`, () => {
      const m = SEED_REF.exec(c.ref)!;
      const [, file, from, to] = m;
      const all = lines(file!);
      const start = Number(from);
      const end = Number(to ?? from);
      expect(start).toBeGreaterThanOrEqual(1);
      expect(end).toBeLessThanOrEqual(all.length);
      const passage = normalise(all.slice(start - 1, end).join("\n"));
      const quote = normalise(c.quote)[2]!;
      expect(passage.some((p) => p.includes(quote)), `"${c.quote}" not found in ${c.ref}:\n${passage[0]}`).toBe(true);
    });
  }
});
