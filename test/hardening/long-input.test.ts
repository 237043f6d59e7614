// Issue 12 item 10: long inputs. The one-line check refuses a line over its length before any
// work; typo suggestions compare only words that could be a typo (edit distance is at least the
// length difference), so their work is bounded whatever the input; Telegram's splitText cuts on
// code points and never inside an entity. Timings are in `npm run bench long-input`.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { checkOneLine } from "../../src/lookup/check.js";
import { MAX_LINE_CHARS, parseOneLine } from "../../src/lookup/one-line.js";
import { closest, foldKey, typoCandidates } from "../../src/rules/aliases.js";
import { splitText } from "../../src/channels/telegram/render.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, MAX_ANSWER_CHARS, step } from "../../src/dialogue/step.js";
import { parseTelegramHtml } from "../support/telegram-html.js";
import { testApp } from "../helpers.js";

let app: App;
let pool: string[];
beforeAll(() => {
  app = testApp({ places: true });
  pool = [...app.ruleSet.vocabulary.statuses.flatMap((s) => [s.id, ...s.aliases]), ...app.ruleSet.vocabulary.needs.flatMap((n) => [n.id, ...n.aliases])];
});
afterAll(() => app.close());

/** Long strings: a unit of arbitrary Unicode repeated up to 100,000 characters, spaces or none. */
const longText = fc
  .tuple(fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }), fc.integer({ min: 1_001, max: 100_000 }), fc.boolean())
  .map(([unit, length, spaced]) => (spaced ? `${unit} ` : unit).repeat(Math.ceil(length / unit.length)).slice(0, length));

describe("a one-line check of any length", () => {
  it("refuses a line over MAX_LINE_CHARS before reading it", () => {
    fc.assert(
      fc.property(longText, (text) => {
        const r = parseOneLine(text, app.vocab);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems.map((p) => p.kind)).toEqual(["too_long"]);
      }),
      { numRuns: 60 },
    );
  });

  it("answers the 40,000-character line of the review with too_long", () => {
    const r = checkOneLine(app, `22 duldung ${"x".repeat(40_000)}`, "2026-11-21");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ kind: "too_long", max: expect.any(Number) }]);
    expect(MAX_LINE_CHARS).toBeLessThanOrEqual(1000);
  });
});

describe("a typed answer in the dialogue", () => {
  it("over MAX_ANSWER_CHARS is asked again without being read, at every question", () => {
    const deps = dialogueDeps(app, () => "2026-11-21");
    fc.assert(
      fc.property(longText, fc.constantFrom("age", "status", "needs", "place", "place_choice", "result") , (text, at) => {
        const state = { ...initialState(), lang: "de", privacyAccepted: true, step: at, age: 30, status: "schutz", needs: ["arbeit"] } as Parameters<typeof step>[0];
        const r = step(state, { kind: "text", text }, deps);
        expect(r.replies[0]?.key).toBe("dialogue:not_understood");
        expect(r.state).toEqual(state);
      }),
      { numRuns: 40 },
    );
    expect(MAX_ANSWER_CHARS).toBeLessThanOrEqual(1000);
  });
});

describe("typo suggestions", () => {
  it("compare a bounded number of characters, whatever the length of the word", () => {
    const longest = Math.max(...pool.map((w) => foldKey(w).length));
    // within reach means |a| ≤ 1.5·|b| + 3, so each comparison costs at most (1.5·L + 3)·L
    const bound = pool.length * (1.5 * longest + 3) * longest;
    fc.assert(
      fc.property(fc.oneof(longText, fc.string({ maxLength: 60 })), (text) => {
        const key = foldKey(text);
        const candidates = typoCandidates(key, pool);
        const work = candidates.reduce((sum, w) => sum + key.length * foldKey(w).length, 0);
        expect(work).toBeLessThanOrEqual(bound);
        if (key.length > 1.5 * longest + 3) expect(candidates).toEqual([]);
        expect(closest(text, pool, 3).length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });

  it("still suggest the same words for ordinary typos", () => {
    expect(closest("dulding", pool, 3)).toContain("duldung");
    expect(closest("arbiet", pool, 3)).toContain("arbeit");
  });
});

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("Telegram's splitText", () => {
  it("never cuts a surrogate pair: a line of emoji after one letter", () => {
    const pieces = splitText(`a${"😀".repeat(5000)}`);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(loneSurrogate.test(p)).toBe(false);
    expect(pieces.join("")).toBe(`a${"😀".repeat(5000)}`);
  });

  it("cuts any text into pieces within the limit, each valid Telegram HTML without a lone surrogate", () => {
    const part = fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/[<>&]/g, "")), fc.constantFrom("&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "😀", "👩🏽‍⚕️", "\n", "<b>x</b>"));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 400 }), fc.integer({ min: 20, max: 200 }), (parts, limit) => {
        const text = parts.join("");
        if (!parseTelegramHtml(text).ok) return;
        for (const p of splitText(text, limit)) {
          expect(p.length).toBeLessThanOrEqual(limit);
          expect(loneSurrogate.test(p), JSON.stringify(p)).toBe(false);
          expect(parseTelegramHtml(p).ok, JSON.stringify(p)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
