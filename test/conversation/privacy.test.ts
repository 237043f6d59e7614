// A whole conversation, then every table and the database files themselves: no raw platform id,
// no typed text, no name (design §6).
import { pragma } from "../../src/store/db.js";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation.js";
import type { DialogueInput } from "../../src/dialogue/types.js";
import { tempDir, testApp } from "../helpers.js";

describe("after a conversation", () => {
  const dir = tempDir();
  const app = testApp({ places: true, dbPath: join(dir, "w.db") });
  const conversation = createConversation(app, { today: () => "2026-11-21" });
  const platformId = 987_654_321_123;
  const typed = ["Mein Name ist Karim Haddad", "ich bin zweiundzwanzig", "22 Jahre alt", "ich habe eine Duldung", "Karim sucht Arbeit", "Heinsbreg", "Heinsberg"];
  const inputs: DialogueInput[] = [
    { kind: "start", suggestedLang: "de" },
    { kind: "choice", id: "de" },
    { kind: "choice", id: "ok" },
    { kind: "text", text: typed[0]! },
    { kind: "text", text: typed[1]! },
    { kind: "text", text: typed[2]! },
    { kind: "text", text: typed[3]! },
    { kind: "text", text: typed[4]! },
    { kind: "choice", id: "wohnen" },
    { kind: "choice", id: "done" },
    { kind: "text", text: typed[5]! },
    { kind: "text", text: typed[6]! },
    { kind: "choice", id: "p1" },
  ];
  let lastStep = "";
  for (const input of inputs) lastStep = conversation.handle("telegram", platformId, input).state.step;
  pragma(app.db, "wal_checkpoint(TRUNCATE)");

  it("reached the result", () => {
    expect(lastStep).toBe("result");
    expect(app.sessions.count()).toBe(1);
  });

  it("left no raw id, typed sentence or name in any table", () => {
    const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(["sessions", "places", "offices"]));
    const needles = [String(platformId), "Karim", "Haddad", "zweiundzwanzig", "Heinsbreg", "sucht", "Jahre alt"];
    for (const table of tables) {
      const rows = app.db.prepare(`SELECT * FROM "${table}"`).all();
      const text = JSON.stringify(rows);
      for (const needle of needles) expect(text.includes(needle), `${needle} in ${table}`).toBe(false);
    }
  });

  it("left none of it in the database files either", () => {
    for (const f of readdirSync(dir).filter((f) => f.startsWith("w.db"))) {
      const bytes = readFileSync(join(dir, f)).toString("latin1");
      for (const needle of [String(platformId), "Karim", "Haddad", "zweiundzwanzig", "Heinsbreg"]) expect(bytes.includes(needle), `${needle} in ${f}`).toBe(false);
    }
  });

  it("keeps the parsed answers, and delete removes them at once", () => {
    const row = app.db.prepare("SELECT state FROM sessions").pluck().get() as string;
    expect(JSON.parse(row)).toMatchObject({ age: 22, status: "duldung", needs: ["arbeit", "wohnen"], place: { key: "05370016" } });
    conversation.handle("telegram", platformId, { kind: "command", command: "delete" });
    expect(app.sessions.count()).toBe(0);
  });
});
