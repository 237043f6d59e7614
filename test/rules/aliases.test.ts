// What people type maps to the stable ids; near misses get suggestions.
import { describe, expect, it } from "vitest";
import { createVocabularyIndex, foldKey } from "../../src/rules/aliases.js";
import { realRuleSet } from "../helpers.js";

const vocab = createVocabularyIndex(realRuleSet().vocabulary);

describe("vocabulary index", () => {
  it.each([
    ["duldung", "duldung"],
    ["Geduldet", "duldung"],
    ["tolerated", "duldung"],
    ["Aufenthaltsgestattung", "gestattung"],
    ["asylum", "gestattung"],
    ["AE", "aufenthaltserlaubnis"],
    ["ne", "niederlassungserlaubnis"],
    ["§24", "ukraine"],
    ["§ 24", "ukraine"],
    ["Spätaussiedler", "deutsch"],
    ["don't know", "unbekannt"],
    ["\u200fduldung\u200e", "duldung"],
  ])("reads the status %j as %s", (text, id) => {
    expect(vocab.status(text)).toBe(id);
  });

  it.each([
    ["arbeit", "arbeit"],
    ["work", "arbeit"],
    ["language", "sprache"],
    ["Einbürgerung", "einbuergerung"],
    ["citizenship", "einbuergerung"],
    ["Kita", "kinderbetreuung"],
    ["housing", "wohnen"],
  ])("reads the need %j as %s", (text, id) => {
    expect(vocab.need(text)).toBe(id);
  });

  it("does not read a need as a status or nonsense as anything", () => {
    expect(vocab.status("arbeit")).toBeUndefined();
    expect(vocab.need("duldung")).toBeUndefined();
    expect(vocab.status("")).toBeUndefined();
    expect(vocab.need("xyzzy")).toBeUndefined();
  });

  it("suggests the closest valid words for a typo", () => {
    expect(vocab.suggest("dulding", "status")[0]).toBe("duldung");
    expect(vocab.suggest("arbiet", "need")).toContain("arbeit");
    expect(vocab.suggest("qqqqqqqq", "any")).toEqual([]);
  });

  it("folds umlauts, ß, case, bidi marks and punctuation", () => {
    expect(foldKey("Einbürgerung")).toBe("einbuergerung");
    expect(foldKey("Straße")).toBe("strasse");
    expect(foldKey("\u2068Köln\u2069")).toBe("koeln");
  });
});
