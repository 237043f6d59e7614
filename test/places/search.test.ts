// Place search a newcomer can trust, on the bundled places: common names find the official ones
// with suffixes, the largest first, one choice per place, the Land said where choices spread.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { initialState, step } from "../../src/dialogue/step.js";
import { dialogueDeps } from "../../src/conversation.js";
import type { DialogueState } from "../../src/dialogue/types.js";
import { renderReplies } from "../../src/present/dialogue-text.js";
import type { Candidate } from "../../src/places/store.js";
import { resolvePlace } from "../../src/places/resolve.js";
import { tempDir } from "../helpers.js";

let app: App;
beforeAll(() => {
  app = openApp({ dbPath: join(tempDir(), "search.db") });
});
afterAll(() => app.close());

function found(text: string): Candidate[] {
  const r = app.places.find(text);
  return r.kind === "found" ? [...r.candidates] : [];
}
const keys = (text: string) => found(text).map((c) => c.key);
const suggested = (text: string) => {
  const r = app.places.find(text);
  return r.kind === "none" ? r.suggestions : [];
};

describe("a common name finds the official names with suffixes", () => {
  it("Halle: Halle (Saale) first, then Halle (Westf.) and the villages called Halle", () => {
    const cs = found("Halle");
    expect(cs[0]).toMatchObject({ key: "15002000", name: "Halle (Saale)", land: "ST" });
    expect(cs.map((c) => c.name)).toContain("Halle (Westf.)");
    expect(cs.filter((c) => c.name === "Halle").length).toBe(2);
  });

  it("Offenbach: Offenbach am Main and Landkreis Offenbach, before Offenbach an der Queich", () => {
    expect(new Set(keys("Offenbach").slice(0, 2))).toEqual(new Set(["06413000", "06438"]));
    expect(keys("Offenbach")).toContain("07337061");
  });

  it("Frankfurt: Frankfurt am Main and Frankfurt (Oder), the larger first", () => {
    expect(keys("Frankfurt")).toEqual(["06412000", "12053000"]);
  });

  it("Oldenburg: the city first, then Landkreis Oldenburg and Oldenburg in Holstein", () => {
    expect(keys("Oldenburg")).toEqual(["03403000", "03458", "01055033"]);
  });

  it("Weiden: Weiden i.d.OPf. before the village Weiden", () => {
    const cs = found("Weiden");
    expect(cs[0]).toMatchObject({ key: "09363000", name: "Weiden i.d.OPf." });
    expect(cs.map((c) => c.name)).toEqual(["Weiden i.d.OPf.", "Weiden"]);
  });

  it("Mülheim and Mulheim: Mülheim an der Ruhr first", () => {
    expect(keys("Mülheim")[0]).toBe("05117000");
    expect(keys("Muelheim")[0]).toBe("05117000");
    expect(suggested("Mulheim")[0]?.key).toBe("05117000");
  });

  it("Neustadt: the many Neustadts, largest first, each in its own Land", () => {
    const cs = found("Neustadt");
    expect(cs.length).toBeGreaterThanOrEqual(12);
    expect(cs[0]).toMatchObject({ name: "Neustadt an der Weinstraße", land: "RP" });
    expect(new Set(cs.map((c) => c.land)).size).toBeGreaterThanOrEqual(8);
    expect(cs.every((c) => /Neustadt/.test(c.name))).toBe(true);
  });

  it("a common name never shadows a whole compound: Bad Neustadt is not Neustadt, Neustadt a.d.Aisch-Bad Windsheim is a Kreis of two towns", () => {
    expect(found("Neustadt").map((c) => c.name)).not.toContain("Bad Neustadt a.d.Saale");
    expect(keys("Neustadt")).not.toContain("09575");
  });
});

describe("one choice per place", () => {
  it("never offers the same place twice: Koln suggests Köln once", () => {
    const cs = suggested("Koln");
    expect(cs.map((c) => c.name)).toEqual(["Köln"]);
    for (const text of ["Köln", "Berlin", "Hamburg", "Bremen", "München", "Halle", "Neustadt", "Aachen", "Hannover"]) {
      const labels = found(text).map((c) => `${c.name}|${c.kreis?.name ?? ""}|${c.land}`);
      expect(new Set(labels).size, text).toBe(labels.length);
    }
  });

  it("a town is one choice with the Kreis named after it: Aachen, Heinsberg, Hannover", () => {
    expect(keys("Aachen")).toEqual(["05334002"]);
    expect(keys("Heinsberg")).toEqual(["05370016"]);
    expect(keys("Hannover")).toEqual(["03241001"]);
    // the Kreis is still there by its full name
    expect(keys("Städteregion Aachen")).toEqual(["05334"]);
    expect(keys("Region Hannover")).toEqual(["03241"]);
  });

  it("a kreisfreie Stadt and the Landkreis of the same name are two places: München and Landkreis München", () => {
    expect(keys("München")).toEqual(["09162000", "09184"]);
    expect(keys("Leipzig")).toEqual(["14713000", "14729"]);
  });
});

describe("the place question in the dialogue", () => {
  const deps = () => dialogueDeps(app, () => "2026-11-21");
  const atPlace = (): DialogueState => ({ ...initialState(), lang: "de", privacyAccepted: true, age: 30, status: "schutz", needs: ["arbeit"], step: "place" });
  const labels = (text: string, lang = "de") => {
    const r = step(atPlace(), { kind: "text", text }, deps());
    const rendered = renderReplies(r.replies, app.i18n.translator(lang as "de"));
    return rendered.flatMap((m) => m.choices.map((c) => c.label)).filter((l) => l !== "");
  };

  it("shows the Land on each choice when the choices lie in several Länder", () => {
    const shown = labels("Frankfurt");
    expect(shown.slice(0, 2)).toEqual(["Frankfurt am Main (Hessen)", "Frankfurt (Oder) (Brandenburg)"]);
    expect(labels("Neustadt")[0]).toBe("Neustadt an der Weinstraße (Rheinland-Pfalz)");
    expect(labels("Neustadt")[1]).toBe("Neustadt am Rübenberge (Region Hannover, Niedersachsen)");
  });

  it("leaves the Land out when all choices are in one Land", () => {
    expect(labels("München").slice(0, 2)).toEqual(["München", "Landkreis München"]);
  });

  it("answers Aachen, Heinsberg and 80331 without a question, and asks which town of 52525", () => {
    for (const text of ["Aachen", "Heinsberg", "80331"]) {
      const r = step(atPlace(), { kind: "text", text }, deps());
      expect(r.state.step, text).toBe("result");
    }
    expect(labels("52525")).toEqual(["Heinsberg (Kreis Heinsberg)", "Waldfeucht (Kreis Heinsberg)", expect.any(String)]);
  });
});

describe("one-shot commands", () => {
  it("name both places when five digits are a Kreis key and a postcode", () => {
    const r = resolvePlace(app.places, "06632");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/Freyburg \(Unstrut\) \(Burgenlandkreis, Sachsen-Anhalt, 15084135\).*Landkreis Hersfeld-Rotenburg \(Hessen, 06632\) – write "AGS 06632" for the Kreis or "PLZ 06632" for the postcode/);
  });
});
