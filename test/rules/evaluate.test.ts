// evaluate(): every service, ranked per design D8, pure, with reasons and sources.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/evaluate.js";
import type { Person } from "../../src/rules/types.js";
import { SERVICE_IDS } from "../../src/rules/vocabulary.js";
import { realRuleSet } from "../helpers.js";

const rs = realRuleSet();
const heinsberg = { land: "NW", key: "05370" };
const today = "2026-11-21";

describe("evaluate", () => {
  it("returns every service exactly once, ranked 1..n", () => {
    const d = evaluate(rs, { age: 22, status: "duldung", needs: ["arbeit"] }, heinsberg, today);
    expect(d.services.map((s) => s.id).sort()).toEqual([...SERVICE_IDS].sort());
    expect(d.services.map((s) => s.rank)).toEqual(SERVICE_IDS.map((_, i) => i + 1));
  });

  it("gives a 22-year-old with a Duldung in Kreis Heinsberg Teilhabemanagement, JMD and KIM, and not the MBE because of age", () => {
    const d = evaluate(rs, { age: 22, status: "duldung", needs: ["arbeit"] }, heinsberg, today);
    const by = Object.fromEntries(d.services.map((s) => [s.id, s]));
    expect(d.services.slice(0, 3).map((s) => [s.id, s.outcome])).toEqual([
      ["teilhabemanagement", "eligible"],
      ["jmd", "eligible"],
      ["kim", "eligible"],
    ]);
    expect(by.mbe!.outcome).toBe("ineligible");
    expect(by.mbe!.reasons[0]).toMatchObject({ code: "age.too_young", outcome: "ineligible", params: { age: 22, min: 27 } });
    expect(by.teilhabemanagement!.reasons.map((r) => r.code)).toEqual(["region.inside", "age.in_range", "status.eligible"]);
    expect(by.teilhabemanagement!.sources.some((s) => s.ref === "001_b0d05e7187bd0276.txt:4897-4898")).toBe(true);
  });

  it("lists counselling first, then need services in the order of the person's needs, ineligible last", () => {
    const d = evaluate(rs, { age: 30, status: "schutz", needs: ["sprache", "arbeit"] }, heinsberg, today);
    const applicable = d.services.filter((s) => s.outcome !== "ineligible").map((s) => s.id);
    expect(applicable).toEqual(["mbe", "kim", "fluechtlingsberatung", "integrationskurs", "jobcenter", "arbeitsagentur"]);
    const firstIneligible = d.services.findIndex((s) => s.outcome === "ineligible");
    expect(d.services.slice(firstIneligible).every((s) => s.outcome === "ineligible")).toBe(true);
  });

  it("puts eligible counselling before conditional counselling", () => {
    // 35, Duldung: MBE is conditional (restricted), KIM eligible → KIM first although MBE has the higher priority
    const d = evaluate(rs, { age: 35, status: "duldung", needs: [] }, heinsberg, today);
    expect(d.services[0]!.id).toBe("kim");
    expect(d.services.find((s) => s.id === "mbe")!.outcome).toBe("conditional");
  });

  it("ranks Teilhabemanagement after the others where no local office offers it (design D4)", () => {
    const person: Person = { age: 22, status: "duldung", needs: [] };
    const without = evaluate(rs, person, heinsberg, today, { locallyOffered: new Set(["jmd", "kim"]) });
    expect(without.services.slice(0, 4).map((s) => s.id)).toEqual(["jmd", "kim", "fluechtlingsberatung", "teilhabemanagement"]);
    const withOffice = evaluate(rs, person, heinsberg, today, { locallyOffered: new Set(["teilhabemanagement"]) });
    expect(withOffice.services[0]!.id).toBe("teilhabemanagement");
    expect(without.services.find((s) => s.id === "teilhabemanagement")!.successor).toBe("kim");
  });

  it("is pure: the same input gives the same decision and the input is not changed", () => {
    const person: Person = Object.freeze({ age: 19, status: "gestattung", needs: Object.freeze(["sprache", "wohnen"]) }) as Person;
    const a = evaluate(rs, person, heinsberg, today);
    const b = evaluate(rs, person, heinsberg, today);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(person.needs).toEqual(["sprache", "wohnen"]);
  });

  it("names the failing condition first for a service that does not apply", () => {
    const d = evaluate(rs, { age: 40, status: "deutsch", needs: ["aufenthalt"] }, { land: "BY", key: "09162" }, today);
    const abh = d.services.find((s) => s.id === "auslaenderbehoerde")!;
    expect(abh.outcome).toBe("ineligible");
    expect(abh.reasons[0]!.code).toBe("status.ineligible");
    const kim = d.services.find((s) => s.id === "kim")!;
    expect(kim.reasons[0]!.code).toBe("region.outside");
  });

  it("says when an ended programme ended and names its successor", () => {
    const d = evaluate(rs, { age: 30, status: "eu", needs: ["arbeit"] }, { land: "NW", key: "05112" }, today);
    const soe = d.services.find((s) => s.id === "suedosteuropa")!;
    expect(soe.reasons).toEqual([expect.objectContaining({ code: "validity.ended", params: { date: "2024-12-31", successor: "kim" } })]);
  });
});
