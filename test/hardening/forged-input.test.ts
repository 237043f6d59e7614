// Issue 12 item 11: forged button data for the place choice is refused (the question is asked
// again), never turned into a result without a place or with another place than the one shown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, step } from "../../src/dialogue/step.js";
import type { DialogueDeps, DialogueInput, DialogueState } from "../../src/dialogue/types.js";
import { testApp } from "../helpers.js";

let app: App;
let deps: DialogueDeps;
beforeAll(() => {
  app = testApp({ places: true });
  deps = dialogueDeps(app, () => "2026-11-21");
});
afterAll(() => app.close());

/** A person who typed an ambiguous place and was offered the candidates. */
function atPlaceChoice(): DialogueState {
  let state: DialogueState = { ...initialState(), lang: "de", privacyAccepted: true, step: "age" };
  for (const input of [{ kind: "text", text: "31" }, { kind: "choice", id: "schutz" }, { kind: "choice", id: "done" }, { kind: "text", text: "Lage" }] as DialogueInput[]) state = step(state, input, deps).state;
  expect(state.step).toBe("place_choice");
  expect(state.placeOptions!.length).toBeGreaterThanOrEqual(2);
  return state;
}

describe("the place choice", () => {
  for (const forged of ["p1.5", "p0x2", "p1e0", "p01", "p0", "p-1", "p 1", "p+1", "p99", "pInfinity", "p"]) {
    it(`refuses the forged button ${JSON.stringify(forged)}`, () => {
      const before = atPlaceChoice();
      const r = step(before, { kind: "choice", id: forged }, deps);
      expect(r.state.step).toBe("place_choice");
      expect(r.state.place ?? null).toBeNull();
      expect(r.effects).toEqual([]);
    });
  }

  it("still takes the buttons it offered", () => {
    const before = atPlaceChoice();
    const r = step(before, { kind: "choice", id: "p2" }, deps);
    expect(r.state.step).toBe("result");
    expect(r.state.place).toEqual(before.placeOptions![1]);
  });
});
