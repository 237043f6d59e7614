// The dialogue end to end on reply keys, with the real rules, places and directory behind it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, step } from "../../src/dialogue/step.js";
import type { DialogueDeps, DialogueInput, DialogueState, ServiceView, StepResult } from "../../src/dialogue/types.js";
import { testApp } from "../helpers.js";

let app: App;
let deps: DialogueDeps;
beforeAll(() => {
  app = testApp({ places: true });
  deps = dialogueDeps(app, () => "2026-11-21");
});
afterAll(() => app.close());

const text = (t: string): DialogueInput => ({ kind: "text", text: t });
const choice = (id: string): DialogueInput => ({ kind: "choice", id });

function run(inputs: DialogueInput[], from: DialogueState = initialState()): StepResult[] {
  const out: StepResult[] = [];
  let state = from;
  for (const input of inputs) {
    const r = step(state, input, deps);
    out.push(r);
    state = r.state;
  }
  return out;
}
const keys = (r: StepResult) => r.replies.map((x) => x.key);
const last = (rs: StepResult[]) => rs[rs.length - 1]!;

const flow = (lang: string): DialogueInput[] => [
  { kind: "start" },
  choice(lang),
  choice("ok"),
  text("22"),
  choice("duldung"),
  choice("arbeit"),
  choice("sprache"),
  choice("done"),
  text("Kreis Heinsberg"),
];

describe("a whole conversation", () => {
  it("asks language, privacy, age, status, needs, place, then gives the result", () => {
    const rs = run(flow("de"));
    expect(rs.map((r) => r.replies[r.replies.length - 1]!.key)).toEqual([
      "dialogue:language.ask",
      "dialogue:privacy.notice",
      "dialogue:age.ask",
      "dialogue:status.ask",
      "dialogue:needs.ask",
      "dialogue:needs.ask",
      "dialogue:needs.ask",
      "dialogue:place.ask",
      "dialogue:result.next",
    ]);
    const result = last(rs);
    expect(result.state).toMatchObject({ step: "result", lang: "de", age: 22, status: "duldung", needs: ["arbeit", "sprache"], place: { key: "05370" } });
    expect(keys(result)).toEqual([
      "dialogue:result.summary",
      "dialogue:result.your_service",
      "dialogue:result.also",
      "dialogue:result.also",
      "dialogue:result.also",
      "dialogue:result.for_need",
      "dialogue:result.for_need",
      "dialogue:result.not_applicable",
      "dialogue:result.disclaimer",
      "dialogue:result.next",
    ]);
    const services = result.replies.filter((r) => (r.params as { service?: ServiceView } | undefined)?.service).map((r) => (r.params as { service: ServiceView }).service);
    expect(services.map((s) => s.id)).toEqual(["jmd", "kim", "fluechtlingsberatung", "teilhabemanagement", "arbeitsagentur", "integrationskurs"]);
    expect(services.every((s) => s.reasons.length > 0 && s.sources.length > 0)).toBe(true);
    expect(services.find((s) => s.id === "kim")!.route!.offices[0]!.id).toBe("kim-kreis-heinsberg");
    expect(services.find((s) => s.id === "teilhabemanagement")!.route!.successor!.id).toBe("kim");
    expect(result.effects).toEqual([expect.objectContaining({ type: "finished" })]);
  });

  it("runs the same way in every language", () => {
    for (const lang of app.i18n.languages) {
      const r = last(run(flow(lang)));
      expect(r.state.lang, lang).toBe(lang);
      expect(keys(r)[1], lang).toBe("dialogue:result.your_service");
    }
  });

  it("pre-selects the platform language but always shows the picker", () => {
    const [r] = run([{ kind: "start", suggestedLang: "ar" }]);
    expect(r!.state.lang).toBe(app.i18n.languages.includes("ar") ? "ar" : null);
    expect(r!.replies[0]!.key).toBe("dialogue:language.ask");
    expect(r!.replies[0]!.choices!.length).toBe(app.i18n.languages.length);
  });
});

describe("answers", () => {
  let atAge: DialogueState;
  beforeAll(() => {
    atAge = last(run(flow("en").slice(0, 3))).state;
  });

  it("re-asks calmly for an impossible age and keeps nothing typed", () => {
    for (const bad of ["abc", "", "999", "Mohammed"]) {
      const r = step(atAge, text(bad), deps);
      expect(keys(r)).toEqual(["dialogue:age.invalid", "dialogue:age.ask"]);
      expect(JSON.stringify(r.state)).toBe(JSON.stringify(atAge));
    }
  });

  it("asks about the birthday when only a birth year is given", () => {
    const rs = run([text("2000"), choice("no")], atAge);
    expect(keys(rs[0]!)).toEqual(["dialogue:age.birthday"]);
    expect(rs[1]!.state.age).toBe(25);
    expect(run([text("2000"), text("ja")], atAge)[1]!.state.age).toBe(26);
  });

  it("takes statuses and needs typed as words", () => {
    const rs = run([text("25"), text("Aufenthaltsgestattung"), text("Arbeit und Wohnung"), choice("done")], atAge);
    expect(rs[1]!.state.status).toBe("gestattung");
    expect(rs[2]!.state.needs).toEqual(["arbeit", "wohnen"]);
    expect(rs[3]!.state.step).toBe("place");
  });

  it("toggles a need off again", () => {
    const rs = run([text("25"), choice("eu"), choice("arbeit"), choice("arbeit")], atAge);
    expect(rs[3]!.state.needs).toEqual([]);
    const ask = rs[3]!.replies[0]!;
    expect(ask.multi).toBe(true);
    expect(ask.choices!.find((c) => c.id === "arbeit")!.selected).toBe(false);
  });

  it("offers the candidates when a place name is ambiguous, and the closest names when unknown", () => {
    const atPlace = last(run([text("30"), choice("schutz"), choice("done")], atAge)).state;
    const muenchen = step(atPlace, text("München"), deps);
    expect(keys(muenchen)).toEqual(["dialogue:place.several", "dialogue:place.choose"]);
    expect(muenchen.replies[1]!.choices!.map((c) => c.id)).toEqual(["p1", "p2", "other"]);
    const chosen = step(muenchen.state, choice("p1"), deps);
    expect(chosen.state.place).toMatchObject({ key: "09162000", name: "München" });
    const typo = step(atPlace, text("Heinsbreg"), deps);
    expect(keys(typo)).toEqual(["dialogue:place.did_you_mean", "dialogue:place.choose"]);
    const none = step(atPlace, text("Qwxyzzzz"), deps);
    expect(keys(none)).toEqual(["dialogue:place.unknown", "dialogue:place.ask"]);
    const skipped = step(atPlace, choice("skip"), deps);
    expect(skipped.state.place).toBeNull();
    expect(keys(skipped)).toContain("dialogue:result.disclaimer");
  });

  it("answers a sticker or photo with the current question", () => {
    const r = step(atAge, { kind: "other" }, deps);
    expect(keys(r)).toEqual(["dialogue:not_understood", "dialogue:age.ask"]);
  });
});

describe("commands anywhere", () => {
  let atNeeds: DialogueState;
  beforeAll(() => {
    atNeeds = last(run(flow("de").slice(0, 5))).state;
  });

  it("back goes to the previous question", () => {
    const r = step(atNeeds, { kind: "command", command: "back" }, deps);
    expect(r.state.step).toBe("status");
    expect(step(r.state, text("zurück"), deps).state.step).toBe("age");
  });

  it("restart keeps the language and begins with the age", () => {
    const r = step(atNeeds, text("/restart"), deps);
    expect(r.state).toMatchObject({ step: "age", lang: "de", needs: [] });
    expect(r.state.status).toBeUndefined();
  });

  it("a language change returns to the same question", () => {
    const picker = step(atNeeds, { kind: "command", command: "language" }, deps);
    expect(picker.state.step).toBe("language");
    const back = step(picker.state, choice("en"), deps);
    expect(back.state).toMatchObject({ step: "needs", lang: "en", status: "duldung" });
  });

  it("help explains and asks again", () => {
    expect(keys(step(atNeeds, choice("help"), deps))).toEqual(["dialogue:help", "dialogue:needs.ask"]);
  });

  it("delete erases the session and starts over", () => {
    const r = step(atNeeds, text("löschen"), deps);
    expect(r.effects).toEqual([{ type: "delete" }]);
    expect(r.state).toEqual(initialState());
    expect(keys(r)).toEqual(["dialogue:deleted"]);
  });
});
