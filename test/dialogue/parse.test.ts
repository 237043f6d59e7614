// Free-text answers: ages in any digits, birth years and dates; commands typed as words; needs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createVocabularyIndex } from "../../src/rules/aliases.js";
import { normaliseDigits, parseAge, parseCommand, parseNeeds } from "../../src/dialogue/parse.js";
import { realRuleSet } from "../helpers.js";

const today = "2026-11-21";

describe("parseAge", () => {
  it.each([
    ["25", 25],
    ["25 Jahre", 25],
    ["I am 25 years old", 25],
    ["٢٥", 25],
    ["۲۵", 25],
    ["\u200f٢٥\u200e", 25],
    ["\u2067۲۵ سال\u2069", 25],
    ["２５", 25],
    ["  7 ", 7],
    ["0", 0],
    ["120", 120],
    ["25.03.1998", 28],
    ["21.11.1998", 28],
    ["22.11.1998", 27],
    ["1998-11-22", 27],
  ])("reads %j as %i", (text, age) => {
    expect(parseAge(text, today)).toEqual({ kind: "age", age });
  });

  it("reads a birth year and leaves the birthday open", () => {
    expect(parseAge("1998", today)).toEqual({ kind: "birth_year", year: 1998, ageIfPassed: 28, calendar: "gregorian" });
  });

  it("reads a year of the Solar Hijri calendar (1377 = 1998/99) as Afghans and Iranians give it", () => {
    // 21 November 2026 is in the Solar Hijri year 1405
    expect(parseAge("۱۳۷۷", today)).toEqual({ kind: "birth_year", year: 1377, ageIfPassed: 28, calendar: "solar_hijri" });
    expect(parseAge("1405", today)).toEqual({ kind: "birth_year", year: 1405, ageIfPassed: 0, calendar: "solar_hijri" });
    expect(parseAge("1377", "2026-03-01")).toEqual({ kind: "birth_year", year: 1377, ageIfPassed: 27, calendar: "solar_hijri" });
    expect(parseAge("1600", today)).toEqual({ kind: "invalid" });
  });

  it.each(["", "   ", "abc", "zwanzig", "121", "150", "2030", "1900", "12 oder 13", "25,5", "31.02.2000", "01.01.2030", "-5", "1234567"])("refuses %j", (text) => {
    expect(parseAge(text, today)).toEqual({ kind: "invalid" });
  });

  it("never turns input without a number into an age, and never gives an age outside 0–120", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const r = parseAge(s, today);
        if (!/\d/.test(normaliseDigits(s))) expect(r.kind).toBe("invalid");
        if (r.kind === "age") expect(r.age >= 0 && r.age <= 120).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseCommand", () => {
  it.each([
    ["/back", "back"],
    ["zurück", "back"],
    ["Hilfe", "help"],
    ["/delete@WegweiserBot", "delete"],
    ["löschen", "delete"],
    ["neu", "restart"],
  ])("reads %j as %s", (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it("ignores ordinary answers", () => {
    expect(parseCommand("22")).toBeUndefined();
    expect(parseCommand("Heinsberg")).toBeUndefined();
  });
});

describe("parseNeeds", () => {
  const vocab = createVocabularyIndex(realRuleSet().vocabulary);
  it("finds several needs in one line, in German and English", () => {
    expect(parseNeeds("Arbeit und Wohnung, language", vocab)).toEqual({ needs: ["arbeit", "wohnen", "sprache"], unknown: [] });
    expect(parseNeeds("arbeit blabla", vocab)).toEqual({ needs: ["arbeit"], unknown: ["blabla"] });
    expect(parseNeeds("Deutsch lernen", vocab).needs).toEqual(["sprache"]);
  });
});
