// Design D16: the arrival answer of a person with temporary protection counts for the rules and
// is kept with the conversation, but never reaches the statistics below the status.
import { afterAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation.js";
import type { DialogueInput } from "../../src/dialogue/types.js";
import { testApp } from "../helpers.js";

describe("the arrival answer and the statistics", () => {
  const app = testApp({ places: true });
  afterAll(() => app.close());
  const conversation = createConversation(app, { today: () => "2026-12-01" });
  const inputs: DialogueInput[] = [
    { kind: "start", suggestedLang: "de" },
    { kind: "choice", id: "de" },
    { kind: "choice", id: "ok" },
    { kind: "text", text: "30" },
    { kind: "choice", id: "ukraine" },
    { kind: "choice", id: "from_2025_04" },
    { kind: "choice", id: "leistungen" },
    { kind: "choice", id: "done" },
    { kind: "choice", id: "skip" },
  ];
  let last = conversation.handle("telegram", 4711, inputs[0]!);
  for (const input of inputs.slice(1)) last = conversation.handle("telegram", 4711, input);

  it("uses the answer for the result", () => {
    expect(last.state.step).toBe("result");
    expect(last.state.arrival).toBe("from_2025_04");
  });

  it("records the status and nothing about the arrival", () => {
    const rows = app.db.prepare("SELECT * FROM stats_events").all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ukraine" });
    expect(JSON.stringify(rows)).not.toMatch(/2025_04|arrival/);
  });
});
