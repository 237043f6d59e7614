// The reasons of the dated variants of December 2026 (D13–D20) read as sentences in every
// language, including those that depend on a Ukrainian's arrival (D16), which the general
// locale test does not reach because it asks no arrival.
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n/index.js";
import { localesDir } from "../../src/paths.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { ARRIVAL_IDS, NEED_IDS, STATUS_IDS } from "../../src/rules/vocabulary.js";
import type { Person, Reason } from "../../src/rules/types.js";
import { realRuleSet } from "../helpers.js";

describe("reasons of the rules as they stand in December 2026", () => {
  const rs = realRuleSet();
  const i18n = createI18n(rs, localesDir());
  const reasons = new Map<string, Reason>();
  const people: Person[] = [
    ...ARRIVAL_IDS.map((arrival) => ({ age: 30, status: "ukraine" as const, needs: [...NEED_IDS], arrival })),
    ...STATUS_IDS.map((status) => ({ age: 30, status, needs: [...NEED_IDS] })),
    { age: 10, status: "duldung", needs: ["schule"] },
  ];
  for (const date of ["2022-12-31", "2024-06-26", "2024-06-27", "2026-02-09", "2026-07-01", "2026-12-01"])
    for (const person of people)
      for (const s of evaluate(rs, person, { land: "NW", key: "05124000" }, date).services) for (const r of s.reasons) reasons.set(`${r.code}|${JSON.stringify(r.params)}`, r);

  it("include every new condition", () => {
    const conditions = new Set([...reasons.values()].map((r) => r.params.condition).filter(Boolean));
    for (const c of ["admission_stopped", "permit_first_year", "lawful_stay_5_years", "lawful_stay_8_years", "permit_24_does_not_count", "sgb2_alg2", "sgb2_buergergeld", "sgb2_grundsicherungsgeld", "rechtskreiswechsel_planned_jobcenter", "arrival_unknown_jobcenter", "rechtskreiswechsel_planned_sozialamt", "arrival_unknown_sozialamt", "independent_advice_first", "housing_emergency_help"]) {
      expect(conditions, c).toContain(c);
    }
  });

  for (const lang of i18n.languages) {
    it(`read as sentences in ${lang}`, () => {
      const tr = i18n.translator(lang);
      for (const r of reasons.values()) {
        const text = tr.reason(r);
        expect(text, `${lang} ${r.code} ${JSON.stringify(r.params)}`).not.toMatch(/reasons:|conditions\.|vocab:|\{\{|undefined/);
        expect(text.length).toBeGreaterThan(3);
      }
    });
  }

  it("name the benefit by date in German (D17)", () => {
    const de = i18n.translator("de");
    const jobcenter = (date: string) => evaluate(rs, { age: 30, status: "schutz", needs: ["leistungen"] }, null, date).services.find((s) => s.id === "jobcenter")!;
    expect(jobcenter("2026-06-30").reasons.map((r) => de.reason(r)).join(" ")).toContain("Bürgergeld (SGB II)");
    expect(jobcenter("2026-07-01").reasons.map((r) => de.reason(r)).join(" ")).toContain("Grundsicherungsgeld");
  });
});
