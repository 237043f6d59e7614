// checkOneLine on the real app with all German places loaded: the place is resolved, every
// rule evaluated and offices found; a mistyped word in the place text is named back.
import { afterAll, describe, expect, it } from "vitest";
import { checkOneLine } from "../../src/lookup/check.js";
import { testApp } from "../helpers.js";

const app = testApp({ places: true });
afterAll(() => app.close());
const DATE = "2026-11-21";

describe("checkOneLine", () => {
  it("answers the issue's example with the place, every rule and offices for KIM", () => {
    const r = checkOneLine(app, "22 duldung arbeit sprache Kreis Heinsberg", DATE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.place?.key).toBe("05370");
    expect(r.decision.services).toHaveLength(23);
    expect(r.decision.services[0]!.id).toBe("jmd");
    expect(r.routes.get("kim")!.offices.map((m) => m.office.name)).toContain("KIM-Case-Management Kreis Heinsberg");
  });

  it("resolves a postcode and a town to their place", () => {
    const byPostcode = checkOneLine(app, "22 duldung 52525", DATE);
    const byTown = checkOneLine(app, "22 duldung Erkelenz", DATE);
    expect(byPostcode.ok && byPostcode.place?.key).toBe("05370");
    expect(byTown.ok && byTown.place?.name).toBe("Erkelenz");
  });

  it("names a mistyped need back with the closest valid word when the place is otherwise fine", () => {
    const r = checkOneLine(app, "22 duldung arbiet Heinsberg", DATE);
    if (r.ok) throw new Error("expected problems");
    expect(r.problems).toEqual([{ kind: "unknown_word", word: "arbiet", suggestions: expect.arrayContaining(["arbeit"]) as unknown }]);
  });

  it("names both the mistyped word and the place nobody knows", () => {
    const r = checkOneLine(app, "22 duldung arbiet Heinsbrg", DATE);
    if (r.ok) throw new Error("expected problems");
    expect(r.problems.map((p) => p.kind)).toEqual(["unknown_word", "place_unknown"]);
    expect(r.problems[1]).toMatchObject({ text: "Heinsbrg", suggestions: expect.arrayContaining([expect.stringContaining("Heinsberg")]) as unknown });
  });

  it("accepts a town whose name is close to a vocabulary word (Rees, close to eea)", () => {
    const r = checkOneLine(app, "22 duldung Rees", DATE);
    expect(r.ok && r.place?.name).toBe("Rees");
  });

  it("lists the candidates of a place name found in two Länder instead of calling it a typo", () => {
    const r = checkOneLine(app, "22 duldung Lage", DATE);
    if (r.ok) throw new Error("expected problems");
    expect(r.problems).toEqual([{ kind: "place_ambiguous", text: "Lage", candidates: [expect.stringContaining("05766040"), expect.stringContaining("03456013")] }]);
  });
});
