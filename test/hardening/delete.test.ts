// Issue 12 item 5: /delete erases every slip a session produced (across /start, restart and back),
// finds the person after WEGWEISER_SECRET changed, the database files are created 0600, and
// deleted rows are not left readable in the file.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { createConversation } from "../../src/conversation.js";
import type { DialogueInput } from "../../src/dialogue/types.js";
import { openDb, pragma } from "../../src/store/db.js";
import { secretPath } from "../../src/store/secret.js";
import { tempDir, testApp } from "../helpers.js";

const TODAY = "2026-11-21";
const toResult: DialogueInput[] = [
  { kind: "start", suggestedLang: "de" },
  { kind: "choice", id: "de" },
  { kind: "choice", id: "ok" },
  { kind: "text", text: "31" },
  { kind: "choice", id: "schutz" },
  { kind: "choice", id: "arbeit" },
  { kind: "choice", id: "done" },
  { kind: "choice", id: "skip" },
];
const slip: DialogueInput = { kind: "choice", id: "slip" };

/** Runs inputs and returns the referral codes handed out on the way. */
function run(app: App, id: number, inputs: DialogueInput[]): string[] {
  const conversation = createConversation(app, { today: () => TODAY });
  const codes: string[] = [];
  for (const input of inputs) {
    const turn = conversation.handle("telegram", id, input);
    if (input === slip && turn.state.referralCode) codes.push(turn.state.referralCode);
  }
  return codes;
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("/delete", () => {
  it("erases the slips of every run of the session: after /start, restart and back", () => {
    const app = testApp();
    const codes = [
      ...run(app, 7001, [...toResult, slip]),
      ...run(app, 7001, [...toResult, slip]),
      ...run(app, 7001, [{ kind: "command", command: "restart" }, { kind: "text", text: "40" }, { kind: "choice", id: "schutz" }, { kind: "choice", id: "done" }, { kind: "choice", id: "skip" }, slip]),
      ...run(app, 7001, [{ kind: "command", command: "back" }, { kind: "choice", id: "skip" }, slip]),
    ];
    expect(new Set(codes).size).toBe(4);
    for (const c of codes) expect(app.referrals.get(c, TODAY)).toBeDefined();
    const other = run(app, 7002, [...toResult, slip]);
    run(app, 7001, [{ kind: "command", command: "delete" }]);
    for (const c of codes) expect(app.referrals.get(c, TODAY), c).toBeUndefined();
    expect(app.referrals.get(other[0]!, TODAY)).toBeDefined();
    app.close();
  });

  it("finds the person after WEGWEISER_SECRET changed, when the old one is given as WEGWEISER_SECRET_PREVIOUS", () => {
    const dbPath = join(tempDir(), "w.db");
    process.env.WEGWEISER_SECRET = "a".repeat(32);
    let app = openApp({ dbPath });
    const [code] = run(app, 7003, [...toResult, slip]);
    expect(app.sessions.count()).toBe(1);
    app.close();
    process.env.WEGWEISER_SECRET = "b".repeat(32);
    process.env.WEGWEISER_SECRET_PREVIOUS = "a".repeat(32);
    app = openApp({ dbPath });
    run(app, 7003, [{ kind: "command", command: "delete" }]);
    expect(app.sessions.count()).toBe(0);
    expect(app.referrals.get(code!, TODAY)).toBeUndefined();
    app.close();
  });

  it("finds the person when WEGWEISER_SECRET replaces the key file kept beside the database", () => {
    const dbPath = join(tempDir(), "w.db");
    delete process.env.WEGWEISER_SECRET;
    delete process.env.WEGWEISER_SECRET_PREVIOUS;
    let app = openApp({ dbPath });
    run(app, 7004, [...toResult]);
    expect(app.sessions.count()).toBe(1);
    app.close();
    process.env.WEGWEISER_SECRET = "c".repeat(32);
    app = openApp({ dbPath });
    // the conversation goes on where it was, under the new key
    const turn = createConversation(app, { today: () => TODAY }).handle("telegram", 7004, { kind: "text", text: "hallo" });
    expect(turn.state.step).toBe("result");
    run(app, 7004, [{ kind: "command", command: "delete" }]);
    expect(app.sessions.count()).toBe(0);
    app.close();
  });
});

describe("the database files", () => {
  it("are created readable by the owner only: database, WAL and shared memory", () => {
    const dbPath = join(tempDir(), "perm.db");
    const db = openDb(dbPath);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect((statSync(f).mode & 0o777).toString(8), f).toBe("600");
    db.close();
  });

  it("tighten an existing database file that others could read", () => {
    const dbPath = join(tempDir(), "loose.db");
    writeFileSync(dbPath, "", { mode: 0o644 });
    openDb(dbPath).close();
    expect((statSync(dbPath).mode & 0o777).toString(8)).toBe("600");
  });

  it("have secure_delete on, so a deleted session is not left readable in the file", () => {
    const dbPath = join(tempDir(), "sd.db");
    const app = testApp({ dbPath });
    expect(pragma(app.db, "secure_delete")).toBe(1);
    const key = app.sessions.userKey("telegram", 7005);
    const marker = "MARKER-deleted-session-7005-xyzzy";
    app.sessions.save(key, { step: "age", note: marker.repeat(20) });
    pragma(app.db, "wal_checkpoint(TRUNCATE)");
    expect(readFileSync(dbPath).toString("latin1")).toContain(marker);
    app.sessions.deleteUser(key);
    pragma(app.db, "wal_checkpoint(TRUNCATE)");
    expect(readFileSync(dbPath).toString("latin1")).not.toContain(marker);
    app.close();
  });
});

it("keeps the key file beside the database 0600 (unchanged)", () => {
  const dbPath = join(tempDir(), "k.db");
  delete process.env.WEGWEISER_SECRET;
  openApp({ dbPath }).close();
  expect((statSync(secretPath(dbPath)).mode & 0o777).toString(8)).toBe("600");
});
