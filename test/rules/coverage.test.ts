// Design D19: every need leads to a service (eligible or conditional) for every status, in every
// Land and with no place known, at the ages the need's services are bounded by – except the
// combinations listed below, where "no service" is the true answer. A listed combination that
// gains a service fails too, so the list cannot go stale.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/evaluate.js";
import { NEED_IDS, STATUS_IDS, type NeedId, type StatusId } from "../../src/rules/vocabulary.js";
import { LAND_CODES, landByCode } from "../../src/places/lands.js";
import type { RulePlace } from "../../src/rules/types.js";
import { realRuleSet } from "../helpers.js";

const DATE = "2026-12-01";

/** The bounds of the services a need has (design §4, D19); other needs are tried at every stage of life. */
const AGES: Partial<Record<NeedId, readonly number[]>> = {
  schule: [6, 17], // ki_seiteneinstieg, schulamt: 6 ≤ age < 18
  sprache: [16, 30, 70], // integrationskurs: age ≥ 16
  anerkennung: [16, 67], // anerkennungsberatung: age ≥ 16
  arbeit: [15, 30, 66], // jobcenter, arbeitsagentur: age ≥ 15
  ausbildung: [15, 24], // arbeitsagentur: age ≥ 15
  leistungen: [15, 30, 70], // jobcenter: age ≥ 15; children are in their parents' claim
};
const ANY_AGE = [0, 10, 16, 30, 70];

/** Where no service for the need is the true answer, with the reason. */
const NO_SERVICE: Readonly<Record<string, string>> = {
  "deutsch×einbuergerung": "a German citizen is German already",
  "deutsch×aufenthalt": "a German citizen has no residence matter for the Ausländerbehörde",
  "gestattung×einbuergerung": "naturalisation needs a lawful stay; an asylum procedure is not one (§ 10 StAG)",
  "duldung×einbuergerung": "naturalisation needs a lawful stay; a Duldung is not one (§ 10 StAG)",
  "ausreisepflichtig×einbuergerung": "naturalisation needs a lawful stay (§ 10 StAG)",
  "ukraine×einbuergerung": "a permit under § 24 AufenthG does not count for naturalisation (§ 10 Abs. 1 Nr. 2 StAG, D15)",
  "ausreisepflichtig×sprache": "no admission to the integration course without a lawful stay or a Duldung; the Flüchtlingsberatung advises",
  "ausreisepflichtig×arbeit": "no permission to work without a Duldung; the Flüchtlingsberatung advises first (D20)",
  "ausreisepflichtig×ausbildung": "no permission to train without a Duldung; the Flüchtlingsberatung advises first (D20)",
};

const places: readonly (RulePlace | null)[] = [null, ...LAND_CODES.map((land) => ({ land, key: landByCode(land)!.key }))];

function servicesFor(status: StatusId, need: NeedId, age: number, place: RulePlace | null): string[] {
  const rs = realRuleSet();
  const d = evaluate(rs, { age, status, needs: [need] }, place, DATE);
  return d.services.filter((s) => s.role === "need" && s.outcome !== "ineligible" && rs.byId.get(s.id)!.needs.includes(need)).map((s) => s.id);
}

describe("every need has a service for every person everywhere (D19)", () => {
  for (const need of NEED_IDS) {
    for (const status of STATUS_IDS) {
      const key = `${status}×${need}`;
      const excused = NO_SERVICE[key];
      const ages = AGES[need] ?? ANY_AGE;
      if (excused === undefined) {
        it(`a person with status ${status} who asks about ${need} is offered a service in every Land and without a place, at ages ${ages.join(", ")}`, () => {
          const missing: string[] = [];
          for (const place of places) for (const age of ages) if (servicesFor(status, need, age, place).length === 0) missing.push(`${place?.land ?? "no place"} at ${age}`);
          expect(missing, `${key}: no eligible or conditional service`).toEqual([]);
        });
      } else {
        it(`a person with status ${status} who asks about ${need} is rightly offered no service anywhere: ${excused}`, () => {
          const offered = new Set<string>();
          for (const place of places) for (const age of ages) for (const id of servicesFor(status, need, age, place)) offered.add(id);
          expect([...offered], `${key} is listed as having no service, but has one: remove it from NO_SERVICE`).toEqual([]);
        });
      }
    }
  }

  it("lists only real status × need combinations as exceptions", () => {
    for (const key of Object.keys(NO_SERVICE)) {
      const [status, need] = key.split("×");
      expect(STATUS_IDS as readonly string[], key).toContain(status);
      expect(NEED_IDS as readonly string[], key).toContain(need);
    }
  });

  it("offers the schule services only within school age (the bounds are real)", () => {
    expect(servicesFor("schutz", "schule", 5, { land: "BY", key: "09" })).toEqual([]);
    expect(servicesFor("schutz", "schule", 18, { land: "BY", key: "09" })).toEqual([]);
    expect(servicesFor("schutz", "schule", 6, { land: "NW", key: "05" })).toEqual(["ki_seiteneinstieg", "schulamt"]);
  });
});
