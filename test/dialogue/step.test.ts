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
    // the Kreis has not filled in its KIM entry: the newcomer is shown the route for all of NRW instead
    expect(services.find((s) => s.id === "kim")!.route!.offices.map((o) => o.id)).toEqual(["kim-nrw-uebersicht"]);
    expect(services.find((s) => s.id === "kim")!.route!.local).toBe(false);
    expect(services.find((s) => s.id === "arbeitsagentur")!.needs).toEqual(["arbeit"]);
    expect(services.find((s) => s.id === "integrationskurs")!.needs).toEqual(["sprache"]);
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

  it("asks back before it uses age 0 or an age over 100, and uses it after a yes", () => {
    for (const age of ["0", "101", "120"]) {
      const [asked, yes] = run([text(age), choice("yes")], atAge);
      expect(keys(asked!)).toEqual(["dialogue:age.confirm"]);
      expect(asked!.replies[0]!.params).toEqual({ age: Number(age) });
      expect(asked!.replies[0]!.choices!.map((c) => c.id)).toEqual(["yes", "no"]);
      expect(asked!.state.age).toBeUndefined();
      expect(yes!.state).toMatchObject({ step: "status", age: Number(age) });
      expect(yes!.state.pendingAge).toBeUndefined();
    }
    for (const age of ["1", "100"]) expect(step(atAge, text(age), deps).state).toMatchObject({ step: "status", age: Number(age) });
  });

  it("asks for the age again after a no, and takes a new age typed at the confirmation", () => {
    const [, no] = run([text("0"), choice("no")], atAge);
    expect(keys(no!)).toEqual(["dialogue:age.ask"]);
    expect(no!.state).toMatchObject({ step: "age" });
    expect(no!.state.age).toBeUndefined();
    expect(no!.state.pendingAge).toBeUndefined();
    const [, typed] = run([text("110"), text("30")], atAge);
    expect(typed!.state).toMatchObject({ step: "status", age: 30 });
    expect(keys(run([text("110"), text("vielleicht")], atAge)[1]!)).toEqual(["dialogue:not_understood", "dialogue:age.confirm"]);
  });

  it("confirms an age of 0 from a birth year, and back from the status leads to the age question", () => {
    const rs = run([text("2026"), choice("yes"), choice("yes")], atAge);
    expect(rs.map(keys)).toEqual([["dialogue:age.birthday"], ["dialogue:age.confirm"], ["dialogue:status.ask"]]);
    expect(last(rs).state).toMatchObject({ step: "status", age: 0 });
    expect(step(last(rs).state, { kind: "command", command: "back" }, deps).state.step).toBe("age");
    expect(keys(run([text("2026"), choice("no"), choice("no")], atAge)[2]!)).toEqual(["dialogue:age.ask"]);
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

describe("the arrival question (design D16)", () => {
  const upTo = (status: string): DialogueInput[] => [{ kind: "start" }, choice("de"), choice("ok"), text("30"), choice(status)];

  it("is asked after the status only of a person with temporary protection (§ 24)", () => {
    expect(keys(last(run(upTo("ukraine"))))).toEqual(["dialogue:arrival.ask"]);
    expect(last(run(upTo("ukraine"))).replies[0]!.choices!.map((c) => c.id)).toEqual(["before_2025_04", "from_2025_04", "unknown"]);
    expect(keys(last(run(upTo("duldung"))))).toEqual(["dialogue:needs.ask"]);
  });

  it("takes a typed month, asks again on anything else, and leads on to the needs", () => {
    const again = last(run([...upTo("ukraine"), text("irgendwann")]));
    expect(keys(again)).toEqual(["dialogue:arrival.invalid", "dialogue:arrival.ask"]);
    const typed = last(run([...upTo("ukraine"), text("2025-05")]));
    expect(typed.state.arrival).toBe("from_2025_04");
    expect(typed.state.step).toBe("needs");
  });

  it("goes back from the needs to the arrival question", () => {
    const r = last(run([...upTo("ukraine"), choice("unknown"), { kind: "command", command: "back" }]));
    expect(r.state.step).toBe("arrival");
  });

  it("feeds the answer into the result: arrived from April 2025 makes the Sozialamt a possibility", () => {
    const rs = run([...upTo("ukraine"), choice("from_2025_04"), choice("leistungen"), choice("done"), choice("skip")]);
    const finished = last(rs).effects.find((e) => e.type === "finished");
    expect(finished?.type === "finished" && finished.decision.person.arrival).toBe("from_2025_04");
    // the deps' today (2026-11-21) lies after the planned start of the Rechtskreiswechsel
    const soz = finished?.type === "finished" ? finished.decision.services.find((s) => s.id === "sozialamt_asylblg") : undefined;
    expect(soz?.outcome).toBe("conditional");
  });

  it("forgets the arrival when the status is changed to another one", () => {
    const rs = run([...upTo("ukraine"), choice("from_2025_04"), { kind: "command", command: "back" }, { kind: "command", command: "back" }, choice("schutz")]);
    expect(last(rs).state.arrival).toBeUndefined();
    expect(last(rs).state.step).toBe("needs");
  });
});
