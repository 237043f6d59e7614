// After Telegram conversations nothing raw is at rest (design §6): no chat or user id, name,
// username or typed text in any table, in the database files or in the log lines – the inbox
// keeps bare update ids, the outbox is empty.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, pragma } from "../../../src/store/db.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser, until } from "../../support/test-user.js";
import { tempDir } from "../../helpers.js";

const CHAT = 918_273_645_501;
const NEEDLES = [String(CHAT), "Karim", "Haddad", "karim_h_1990", "zweiundzwanzig", "Heinsbreg", "sucht Arbeit", "Reisepass"];

describe("after Telegram conversations", () => {
  const dir = tempDir();
  const dbPath = join(dir, "w.db");
  let server: BotApiServer;
  let bot: TestBot;

  beforeAll(async () => {
    server = await BotApiServer.start();
    bot = await startTestBot(server, { places: true, dbPath });
    const u = new TestUser(server, CHAT, { languageCode: "de", firstName: "Karim Haddad", username: "karim_h_1990" });
    const steps: [string, string][] = [
      ["/start", "Bitte wählen Sie Ihre Sprache."],
      ["c:de", "Einverstanden?"],
      ["c:ok", "Wie alt sind Sie?"],
      ["ich bin zweiundzwanzig", "Das habe ich nicht verstanden"],
      ["22", "Aufenthaltsstatus"],
      ["c:duldung", "Wobei brauchen Sie Hilfe?"],
      ["Karim sucht Arbeit", "Wobei brauchen Sie Hilfe?"],
      ["c:done", "Wo wohnen Sie?"],
      ["Heinsbreg", "Welcher Ort ist es?"],
      ["c:p1", "Was möchten Sie jetzt tun?"],
      ["c:slip", "Überweisungsschein"],
    ];
    for (const [act, text] of steps) {
      const n = u.events().length;
      if (act.startsWith("c:")) u.choose(act.slice(2));
      else u.send(act);
      await u.expect(text, n);
    }
    const n = u.events().length;
    u.photo();
    u.edit(4, "Mein Reisepass ist abgelaufen");
    await u.answered(n);
    await until(() => bot.app.db.prepare("SELECT count(*) FROM telegram_outbox").pluck().get() === 0 && u.events().length >= n + 2, 5_000, "the last answers");
    await bot.stop();
  });

  afterAll(async () => {
    await server?.close();
  });

  it("left no raw id, name, username or typed text in any table", () => {
    const db = openDb(dbPath);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(["telegram_inbox", "telegram_outbox", "sessions", "referrals", "stats_events"]));
    for (const table of tables) {
      const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
      for (const needle of NEEDLES) expect(text.includes(needle), `${needle} in ${table}`).toBe(false);
    }
    expect(db.prepare("SELECT count(*) FROM telegram_inbox WHERE payload IS NOT NULL OR done_at IS NULL").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM telegram_inbox").pluck().get()).toBe(13);
    expect(db.prepare("SELECT count(*) FROM telegram_outbox").pluck().get()).toBe(0);
    expect(db.prepare("SELECT state FROM sessions").pluck().get()).toMatch(/"step":"result"/);
    pragma(db, "wal_checkpoint(TRUNCATE)");
    db.close();
  });

  it("left none of it in the database files (deleted payloads are overwritten)", () => {
    for (const f of readdirSync(dir).filter((f) => f.startsWith("w.db"))) {
      const bytes = readFileSync(join(dir, f)).toString("latin1");
      for (const needle of NEEDLES) expect(bytes.includes(needle), `${needle} in ${f}`).toBe(false);
    }
  });

  it("wrote log lines with codes and ids only", () => {
    const logs = bot.logs.join("");
    expect(logs).toContain("telegram.started");
    for (const needle of NEEDLES) expect(logs.includes(needle), needle).toBe(false);
  });
});
