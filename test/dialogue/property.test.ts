// Arbitrary Unicode at every step: the dialogue never throws, always answers, and keeps a valid
// state (design §7: property tests with arbitrary Unicode never throw).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, step } from "../../src/dialogue/step.js";
import type { DialogueDeps, DialogueInput, DialogueState, Step } from "../../src/dialogue/types.js";
import { testApp } from "../helpers.js";

let app: App;
let deps: DialogueDeps;
const states = new Map<Step, DialogueState>();
const STEPS: Step[] = ["language", "privacy", "age", "age_birthday", "age_confirm", "status", "arrival", "needs", "place", "place_choice", "result"];

beforeAll(() => {
  app = testApp({ places: true });
  deps = dialogueDeps(app, () => "2026-11-21");
  let s = initialState();
  const go = (input: DialogueInput) => {
    s = step(s, input, deps).state;
    states.set(s.step, s);
  };
  states.set("language", s);
  for (const input of [
    { kind: "choice", id: "en" },
    { kind: "choice", id: "ok" },
    { kind: "text", text: "1990" },
    { kind: "choice", id: "yes" },
    { kind: "choice", id: "ukraine" },
    { kind: "choice", id: "from_2025_04" },
    { kind: "choice", id: "wohnen" },
    { kind: "choice", id: "done" },
    { kind: "text", text: "Frankfurt" },
    { kind: "choice", id: "p2" },
  ] as DialogueInput[])
    go(input);
  states.set("age_confirm", step(states.get("age")!, { kind: "text", text: "0" }, deps).state);
});
afterAll(() => app.close());

const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "\u200f", "٢٥", "۱۳۷۰", "/start", "/delete@bot", "p99", "p0", "done", "ok", "💥", "a".repeat(4000), "\u0000", "NaN", "-1", "1e9"),
);
const anyInput: fc.Arbitrary<DialogueInput> = fc.oneof(
  anyText.map((text) => ({ kind: "text" as const, text })),
  anyText.map((id) => ({ kind: "choice" as const, id })),
  fc.constantFrom<DialogueInput>({ kind: "other" }, { kind: "command", command: "back" }, { kind: "command", command: "help" }, { kind: "command", command: "language" }),
);

function checkResult(state: DialogueState, input: DialogueInput): void {
  const r = step(state, input, deps);
  expect(r.replies.length).toBeGreaterThan(0);
  expect(STEPS).toContain(r.state.step);
  for (const reply of r.replies) expect(reply.key).toMatch(/^(dialogue|vocab):/);
  // what was typed never ends up in the state
  if (input.kind === "text" && input.text.length >= 6 && !/^\d+$/.test(input.text)) expect(JSON.stringify(r.state)).not.toContain(JSON.stringify(input.text).slice(1, -1));
}

describe("any input at any step", () => {
  it("reaches every step in the set-up", () => {
    expect([...states.keys()].sort()).toEqual([...STEPS].sort());
  });

  for (const at of STEPS) {
    it(`never throws and always answers at ${at}`, () => {
      const runs = at === "place" || at === "place_choice" ? 150 : 600;
      fc.assert(
        fc.property(anyInput, (input) => checkResult(states.get(at)!, input)),
        { numRuns: runs },
      );
    });
  }

  it("survives any sequence of inputs from a fresh start", () => {
    fc.assert(
      fc.property(fc.array(anyInput, { maxLength: 12 }), (inputs) => {
        let s = initialState();
        for (const input of inputs) {
          const r = step(s, input, deps);
          expect(r.replies.length).toBeGreaterThan(0);
          s = r.state;
        }
      }),
      { numRuns: 150 },
    );
  });

  it("survives a damaged stored state", () => {
    const broken = { v: 1, step: "nonsense", needs: null, history: 3 } as unknown as DialogueState;
    const r = step(broken, { kind: "text", text: "hallo" }, deps);
    expect(r.replies.length).toBeGreaterThan(0);
    expect(STEPS).toContain(r.state.step);
  });
});
