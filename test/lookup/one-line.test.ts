// The one-line parser on the real vocabulary: ages, statuses, needs, multi-word aliases, the
// place text, problems named back with suggestions, and no exception on any input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createVocabularyIndex } from "../../src/rules/aliases.js";
import { isClose, parseOneLine, MAX_WORDS, type OneLineResult } from "../../src/lookup/one-line.js";
import { realRuleSet } from "../helpers.js";

const vocab = createVocabularyIndex(realRuleSet().vocabulary);
const parse = (text: string) => parseOneLine(text, vocab, { year: 2026 });

function ok(r: OneLineResult) {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r;
}
function problems(r: OneLineResult) {
  if (r.ok) throw new Error(`expected problems, got ${JSON.stringify(r)}`);
  return r.problems;
}

describe("parseOneLine", () => {
  it("reads the issue's example: age, status, two needs and the place", () => {
    const r = ok(parse("22 duldung arbeit sprache Heinsberg"));
    expect(r.person).toEqual({ age: 22, status: "duldung", needs: ["arbeit", "sprache"] });
    expect(r.placeText).toBe("Heinsberg");
    expect(r.suspects).toEqual([]);
  });

  it("takes words in any order, German and English aliases, and keeps the place words in order", () => {
    const r = ok(parse("Kreis tolerated work 22 language Heinsberg"));
    expect(r.person).toEqual({ age: 22, status: "duldung", needs: ["arbeit", "sprache"] });
    expect(r.placeText).toBe("Kreis Heinsberg");
  });

  it("accepts 22J, 22 Jahre, 22-jährig and 22 years old as the age", () => {
    for (const line of ["22J duldung", "22 Jahre duldung", "22-jährig duldung", "22 years old duldung", "22 J. duldung"]) {
      const r = ok(parse(line));
      expect(r.person.age, line).toBe(22);
      expect(r.placeText, line).toBeNull();
    }
  });

  it("reads multi-word aliases: § 24, weiß nicht, don't know, Deutsch lernen", () => {
    expect(ok(parse("30 § 24 Köln")).person.status).toBe("ukraine");
    expect(ok(parse("30 § 24 Köln")).placeText).toBe("Köln");
    expect(ok(parse("30 weiß nicht")).person.status).toBe("unbekannt");
    expect(ok(parse("30 don't know")).person.status).toBe("unbekannt");
    const r = ok(parse("40 ne Deutsch lernen Aachen"));
    expect(r.person).toEqual({ age: 40, status: "niederlassungserlaubnis", needs: ["sprache"] });
    expect(r.placeText).toBe("Aachen");
  });

  it("keeps postcodes and official keys with leading zeros as the place, not the age", () => {
    expect(ok(parse("22 duldung 52525")).placeText).toBe("52525");
    expect(ok(parse("22 duldung 05370")).placeText).toBe("05370");
    expect(ok(parse("22 duldung 05")).placeText).toBe("05");
    expect(ok(parse("0 schutz")).person.age).toBe(0);
  });

  it("reads Arabic-Indic and Persian digits, and ignores bidi and zero-width marks", () => {
    expect(ok(parse("٢٢ duldung")).person.age).toBe(22);
    expect(ok(parse("۳۵ asyl")).person.age).toBe(35);
    expect(ok(parse("\u200f22\u200e \u2067duldung\u2069")).person).toEqual({ age: 22, status: "duldung", needs: [] });
  });

  it("reads a birth year as the age reached this year and says so", () => {
    const r = ok(parse("1990 ae"));
    expect(r.person.age).toBe(36);
    expect(r.notes).toEqual([{ kind: "birth_year", year: 1990, age: 36 }]);
  });

  it("takes quoted text as place even when it is also a need word", () => {
    const r = ok(parse('50 ae "Lehre"'));
    expect(r.person.needs).toEqual([]);
    expect(r.placeText).toBe("Lehre");
    expect(ok(parse("50 ae Lehre")).person.needs).toEqual(["ausbildung"]);
  });

  it("counts a need once and drops the filler word in front of the place", () => {
    const r = ok(parse("22 duldung arbeit job work in Erkelenz"));
    expect(r.person.needs).toEqual(["arbeit"]);
    expect(r.placeText).toBe("Erkelenz");
  });

  it("keeps mistyped words in the place text but marks them with the closest valid words", () => {
    const r = ok(parse("22 duldung arbiet Heinsberg"));
    expect(r.placeText).toBe("arbiet Heinsberg");
    expect(r.placeTextWithoutSuspects).toBe("Heinsberg");
    expect(r.suspects).toEqual([{ word: "arbiet", suggestions: expect.arrayContaining(["arbeit"]) as unknown }]);
  });

  it("suggests only words that are close: never ?, idk or eu for a short stray word", () => {
    for (const line of ["22 ok arbeit", "22 xy arbeit", "22 das arbeit", "22 ist arbeit", "22 nix"]) {
      const r = parseOneLine(line, vocab, { year: 2026 });
      const problems = r.ok ? [] : r.problems;
      expect(problems.filter((p) => p.kind === "unknown_word"), line).toEqual([]);
    }
    expect(isClose("dulding", "duldung")).toBe(true);
    expect(isClose("gestatung", "gestattung")).toBe(true);
    expect(isClose("arbei", "arbeit")).toBe(true);
    expect(isClose("ok", "?")).toBe(false);
    expect(isClose("ist", "idk")).toBe(false);
    expect(isClose("das", "de")).toBe(false);
    expect(isClose("???", "?")).toBe(false);
  });

  it("names an unknown status word with suggestions when the status is missing", () => {
    const p = problems(parse("22 dulding arbeit Heinsberg"));
    expect(p).toContainEqual({ kind: "unknown_word", word: "dulding", suggestions: expect.arrayContaining(["duldung"]) as unknown });
    expect(p).toContainEqual({ kind: "missing_status" });
  });

  it("reports a missing age, a missing status, and never turns empty input into age 0", () => {
    expect(problems(parse("duldung Heinsberg"))).toEqual([{ kind: "missing_age" }]);
    expect(problems(parse("22 Heinsberg"))).toEqual([{ kind: "missing_status" }]);
    expect(problems(parse(""))).toEqual([{ kind: "missing_age" }, { kind: "missing_status" }]);
    expect(problems(parse("   \u200f "))).toEqual([{ kind: "missing_age" }, { kind: "missing_status" }]);
  });

  it("rejects ages over 120, two ages and two different statuses", () => {
    expect(problems(parse("130 duldung"))).toEqual([{ kind: "age_out_of_range", word: "130" }, { kind: "missing_age" }]);
    expect(problems(parse("1850 duldung"))).toContainEqual({ kind: "age_out_of_range", word: "1850" });
    expect(problems(parse("22 30 duldung"))).toEqual([{ kind: "two_ages", words: ["22", "30"] }]);
    expect(problems(parse("22 duldung asyl"))).toEqual([{ kind: "two_statuses", words: ["duldung", "asyl"] }]);
    expect(ok(parse("22 duldung geduldet")).person.status).toBe("duldung");
  });

  it("refuses overly long lines instead of working through them", () => {
    expect(problems(parse(Array.from({ length: MAX_WORDS + 1 }, () => "x").join(" ")))).toEqual([{ kind: "too_long", max: MAX_WORDS }]);
  });

  it("never throws and never invents an age on arbitrary Unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const r = parse(text);
        if (r.ok) {
          expect(Number.isInteger(r.person.age) && r.person.age >= 0 && r.person.age <= 120).toBe(true);
          expect(/[0-9\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/u.test(text)).toBe(true);
        } else expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on lines mixing vocabulary, numbers, quotes and marks", () => {
    const word = fc.constantFrom("22", "§", "24", "weiß", "nicht", "duldung", "arbeit", "\"", "„", "'", "Köln", "٢", "\u200f", "-", "J", "1990", "05370", "?");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.array(fc.constantFrom(" ", "", ",", "\t"), { maxLength: 30 }), (words, seps) => {
        const text = words.map((w, i) => w + (seps[i] ?? " ")).join("");
        const r = parse(text);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("arrival words (design D16)", () => {
  it("reads 'seit 2025-05' for a Ukrainian as arriving from April 2025, not as a place", () => {
    const r = parseOneLine("30 ukraine leistungen seit 2025-05 Heinsberg", vocab, { year: 2026 });
    expect(r.ok && r.person).toEqual({ age: 30, status: "ukraine", needs: ["leistungen"], arrival: "from_2025_04" });
    expect(r.ok && r.placeText).toBe("Heinsberg");
  });

  it("reads 'arrived 2024' as before April 2025 and does not take the year for a birth year", () => {
    const r = parseOneLine("arrived 2024 §24 30", vocab, { year: 2026 });
    expect(r.ok && r.person).toEqual({ age: 30, status: "ukraine", needs: [], arrival: "before_2025_04" });
  });

  it("reads 'ankunft 03/2025' as before the cut-off", () => {
    const r = parseOneLine("ukraine 44 ankunft 03/2025", vocab, { year: 2026 });
    expect(r.ok && r.person.arrival).toBe("before_2025_04");
  });

  it("keeps no arrival for another status: it is asked only with temporary protection", () => {
    const r = parseOneLine("30 duldung seit 2025-05", vocab, { year: 2026 });
    expect(r.ok && r.person).toEqual({ age: 30, status: "duldung", needs: [] });
    expect(r.ok && r.placeText).toBeNull();
  });
});
