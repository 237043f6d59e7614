// The dialogue's ways back and sideways on reply keys: back to the language question, back past
// an answered birthday question, a language change at the result, and why an input is no answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, step } from "../../src/dialogue/step.js";
import type { DialogueDeps, DialogueInput, DialogueState, StepResult } from "../../src/dialogue/types.js";
import { testApp } from "../helpers.js";

let app: App;
let deps: DialogueDeps;
beforeAll(() => {
  app = testApp({ places: true });
  deps = dialogueDeps(app, () => "2026-11-21");
});
afterAll(() => app.close());

const choice = (id: string): DialogueInput => ({ kind: "choice", id });
const text = (t: string): DialogueInput => ({ kind: "text", text: t });
const back: DialogueInput = { kind: "command", command: "back" };
const keys = (r: StepResult) => r.replies.map((x) => x.key);

function run(inputs: DialogueInput[], from: DialogueState = initialState()): StepResult {
  let r: StepResult = { state: from, replies: [], effects: [] };
  for (const input of inputs) r = step(r.state, input, deps);
  return r;
}

const toResult = [{ kind: "start" } as const, choice("de"), choice("ok"), text("22"), choice("duldung"), choice("arbeit"), choice("done"), text("Kreis Heinsberg")];

describe("back", () => {
  it("from the privacy notice asks the language again, and a language leads to the notice again", () => {
    const atLanguage = run([{ kind: "start" }, choice("de"), back]);
    expect(atLanguage.state).toMatchObject({ step: "language", lang: "de", resume: "privacy", history: [] });
    expect(keys(atLanguage)).toEqual(["dialogue:language.ask"]);
    const again = step(atLanguage.state, choice("uk"), deps);
    expect(again.state).toMatchObject({ step: "privacy", lang: "uk", history: ["language"] });
    // /language at the notice and a choice there: still one language question before it
    const changed = run([{ kind: "command", command: "language" }, choice("ar")], again.state);
    expect(changed.state).toMatchObject({ step: "privacy", lang: "ar", history: ["language"] });
  });

  it("on the language question opened mid-way returns to where it was opened, unchanged", () => {
    const r = run([{ kind: "start" }, choice("de"), choice("ok"), text("30"), { kind: "command", command: "language" }, back]);
    expect(r.state).toMatchObject({ step: "status", lang: "de", age: 30 });
    expect(r.state.resume).toBeUndefined();
    expect(keys(r)).toEqual(["dialogue:status.ask"]);
  });

  it("from the status after a birth year asks the age, not a birthday question without its year", () => {
    const r = run([{ kind: "start" }, choice("de"), choice("ok"), text("1990"), choice("yes"), back]);
    expect(r.state.step).toBe("age");
    expect(r.state.history).toEqual(["language", "privacy"]);
  });

  it("after /restart leads to the language question, then back to the age", () => {
    const restarted = run([...toResult, { kind: "command", command: "restart" }]);
    expect(restarted.state).toMatchObject({ step: "age", history: ["language"] });
    const language = step(restarted.state, back, deps);
    expect(language.state).toMatchObject({ step: "language", resume: "age" });
    expect(step(language.state, back, deps).state.step).toBe("age");
  });

  it("at the very first question says it is the start", () => {
    expect(keys(run([{ kind: "start" }, back]))).toEqual(["dialogue:back_at_start", "dialogue:language.ask"]);
  });
});

describe("a language change at the result", () => {
  it("shows the whole result again, in the new language, and counts nothing twice", () => {
    const result = run(toResult);
    expect(result.effects.map((e) => e.type)).toEqual(["finished"]);
    const picker = step(result.state, { kind: "command", command: "language" }, deps);
    const r = step(picker.state, choice("ar"), deps);
    expect(r.state).toMatchObject({ step: "result", lang: "ar", needs: ["arbeit"] });
    expect(keys(r)).toEqual(keys(result));
    expect(r.effects).toEqual([]);
  });
});

describe("an input that is no answer", () => {
  it("says why: media the channel cannot read, an old button, or not understood", () => {
    const at = run([{ kind: "start" }, choice("de"), choice("ok")]).state;
    expect(keys(step(at, { kind: "other", reason: "media" }, deps))).toEqual(["dialogue:media", "dialogue:age.ask"]);
    expect(keys(step(at, { kind: "other", reason: "old_button" }, deps))).toEqual(["dialogue:old_button", "dialogue:age.ask"]);
    expect(keys(step(at, { kind: "other" }, deps))).toEqual(["dialogue:not_understood", "dialogue:age.ask"]);
  });
});
