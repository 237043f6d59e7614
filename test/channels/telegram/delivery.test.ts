// Delivery through the loopback Bot API: every update is in the database before its offset is
// confirmed, rate limits and server errors are waited out (retry_after honoured, with a cap),
// answers left unsent by a stop go out at the next start, and a restart resumes mid-conversation.
import { openDbReadonly } from "../../../src/store/db.js";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DialogueState } from "../../../src/dialogue/types.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser, until } from "../../support/test-user.js";
import { tempDir } from "../../helpers.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setUp(options: Parameters<typeof startTestBot>[1] = {}): Promise<{ server: BotApiServer; bot: TestBot; dbPath: string }> {
  const server = await BotApiServer.start();
  const dbPath = options.dbPath ?? join(tempDir(), "w.db");
  const bot = await startTestBot(server, { ...options, dbPath });
  cleanup.push(() => server.close());
  cleanup.push(() => bot.stop());
  return { server, bot, dbPath };
}

/** Takes a person to the needs question in German. */
async function toNeeds(u: TestUser): Promise<number> {
  for (const [act, expectText] of [
    ["/start", "Bitte wählen Sie Ihre Sprache."],
    ["c:de", "Einverstanden?"],
    ["c:ok", "Wie alt sind Sie?"],
    ["31", "Aufenthaltsstatus"],
    ["c:schutz", "Wobei brauchen Sie Hilfe?"],
  ] as const) {
    const n = u.events().length;
    if (act.startsWith("c:")) u.choose(act.slice(2));
    else u.send(act);
    await u.expect(expectText, n);
  }
  return u.lastWithButtons()!.message_id;
}

const sessionOf = (bot: TestBot, u: TestUser) => bot.app.sessions.load<DialogueState>(bot.app.sessions.userKey("telegram", u.id));

describe("long polling", () => {
  it("stores every update before the getUpdates call that confirms its offset", async () => {
    const { server, dbPath } = await setUp();
    const reader = openDbReadonly(dbPath);
    cleanup.push(async () => void reader.close());
    const missing: number[] = [];
    let confirmed = 0;
    server.onConfirm = (ids) => {
      const stored = new Set(reader.prepare(`SELECT update_id FROM telegram_inbox WHERE update_id IN (${ids.join(",")})`).pluck().all() as number[]);
      for (const id of ids) if (!stored.has(id)) missing.push(id);
      confirmed += ids.length;
    };
    const users = Array.from({ length: 8 }, (_, i) => new TestUser(server, 52_000 + i, { languageCode: "de" }));
    await Promise.all(users.map((u) => toNeeds(u)));
    // taps in quick succession, without waiting: order per chat must hold
    for (const u of users) for (const need of ["arbeit", "sprache", "arbeit", "wohnen", "gesundheit", "gesundheit"]) u.press(`needs:${need}`);
    await server.waitFor(() => server.pendingCount() === 0 && users.every((u) => u.events().filter((e) => e.kind === "edit_markup").length === 6), 10_000, "all taps answered");
    for (const u of users) {
      const labels = u.labelsOf(u.lastWithButtons());
      expect(labels).toContain("✓ Deutsch lernen");
      expect(labels).toContain("✓ Wohnen");
      expect(labels).toContain("Arbeit");
      expect(labels).toContain("Gesundheit");
    }
    await server.waitFor(() => confirmed >= server.issued.size - 1, 5_000, "offsets confirmed");
    expect(confirmed).toBeGreaterThanOrEqual(users.length * 11 - 1);
    expect(missing).toEqual([]);
  });

  it("waits out a 429 for its retry_after and a 500, and the answer still arrives", async () => {
    const { server } = await setUp();
    const u = new TestUser(server, 53_001, { languageCode: "de" });
    server.failNext("sendMessage", 1, { code: 429, retryAfter: 1 });
    const t0 = Date.now();
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    const sent = server.calls.filter((c) => c.method === "sendMessage");
    expect(sent.map((c) => c.status)).toEqual([429, 200]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(990);

    server.failNext("answerCallbackQuery", 1, { code: 500 });
    n = u.events().length;
    u.choose("de");
    await u.expect("Einverstanden?", n, 15_000);
    const answers = () => server.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.status);
    // the answer to the tap is retried after the plugin's back-off, beside the message
    await server.waitFor(() => answers().length === 2, 15_000, "the retried answer");
    expect(answers()).toEqual([500, 200]);
  });

  it("keeps a message whose retry_after is beyond the cap in the outbox and sends it after that wait", async () => {
    const { server, bot } = await setUp({ telegram: { retry: { maxDelaySeconds: 1 } } });
    const u = new TestUser(server, 53_002, { languageCode: "de" });
    server.failNext("sendMessage", 1, { code: 429, retryAfter: 2 });
    const n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n, 10_000);
    const sent = server.calls.filter((c) => c.method === "sendMessage");
    expect(sent.map((c) => c.status)).toEqual([429, 200]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1990);
    expect(bot.logs.join("")).toContain('"code":"telegram.call_retry","method":"sendMessage","status":429');
    await until(() => bot.app.db.prepare("SELECT count(*) FROM telegram_outbox").pluck().get() === 0, 2_000, "an empty outbox");
  });

  it("survives a 429 on getUpdates itself", async () => {
    const { server } = await setUp();
    await server.waitFor(() => server.calls.some((c) => c.method === "getUpdates"), 5_000, "first poll");
    server.failNext("getUpdates", 1, { code: 429, retryAfter: 1 });
    // end the waiting long poll so the next call meets the 429
    const u = new TestUser(server, 53_003, { languageCode: "en" });
    u.send("/start");
    const n = 0;
    await u.expect("Please choose your language.", n, 10_000);
    u.send("/help");
    await u.expect("I ask a few questions", n, 10_000);
    expect(server.calls.filter((c) => c.method === "getUpdates").some((c) => c.status === 429)).toBe(true);
  });
});

describe("the error boundary", () => {
  it("logs a code and a reference id, tells the person calmly in their language, and moves on", async () => {
    const { server, bot } = await setUp();
    // the database refuses every session write (a real SQLite failure, no mock)
    bot.app.db.exec("CREATE TRIGGER no_sessions BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'Karim wrote something'); END;");
    const u = new TestUser(server, 55_001, { languageCode: "uk" });
    const n = u.events().length;
    const id = u.send("/start");
    const sorry = await u.expect(bot.app.i18n.translator("uk").t("dialogue:error"), n);
    expect(u.labelsOf(sorry)).toEqual([]);
    const line = bot.logs.find((l) => l.includes("telegram.update_failed"))!;
    expect(JSON.parse(line)).toMatchObject({ level: "error", code: "telegram.update_failed", update: id, error: "SQLITE_CONSTRAINT_TRIGGER", ref: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(bot.logs.join("")).not.toContain("Karim");
    // the update is done: not retried for ever, and nothing of the failed step was kept
    expect(bot.app.db.prepare("SELECT done_at IS NOT NULL AS done, payload FROM telegram_inbox WHERE update_id = ?").get(id)).toEqual({ done: 1, payload: null });
    expect(bot.app.sessions.count()).toBe(0);

    bot.app.db.exec("DROP TRIGGER no_sessions");
    const m = u.events().length;
    u.send("/start");
    await u.expect(bot.app.i18n.translator("uk").t("dialogue:language.ask"), m);
  });
});

describe("a restart", () => {
  it("in the middle of a conversation resumes at the same step, with what was chosen", async () => {
    const server = await BotApiServer.start();
    cleanup.push(() => server.close());
    const dbPath = join(tempDir(), "w.db");
    let bot = await startTestBot(server, { dbPath });
    const u = new TestUser(server, 54_001, { languageCode: "de" });
    const needs = await toNeeds(u);
    for (const need of ["arbeit", "sprache"]) {
      const n = u.events().length;
      u.press(`needs:${need}`, needs);
      await u.answered(n);
    }
    await bot.stop();

    // while the bot is away the person taps "Fertig" and types the place
    u.press("needs:done", needs);
    u.send("Kreis Heinsberg");
    await new Promise((r) => setTimeout(r, 200));
    expect(server.pendingCount()).toBe(2);

    bot = await startTestBot(server, { dbPath });
    cleanup.push(() => bot.stop());
    await u.expect("Wo wohnen Sie?", 0);
    await u.expect("Was möchten Sie jetzt tun?", 0);
    expect(sessionOf(bot, u)).toMatchObject({ step: "result", needs: ["arbeit", "sprache"], status: "schutz", age: 31, place: { key: "05370" } });
  });

  it("sends at the next start the answers a stop left in the outbox, and none twice", async () => {
    const server = await BotApiServer.start();
    cleanup.push(() => server.close());
    const dbPath = join(tempDir(), "w.db");
    let bot = await startTestBot(server, { dbPath });
    const u = new TestUser(server, 54_002, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    // Telegram is down for sending: the answer is decided and committed, but not delivered
    server.failNext("sendMessage", 1000, { code: 502 });
    server.failNext("answerCallbackQuery", 1000, { code: 502 });
    n = u.events().length;
    u.choose("de");
    await server.waitFor(() => server.calls.filter((c) => c.status === 502).length >= 1, 10_000, "a failed send");
    await bot.stop();
    const check = openDbReadonly(dbPath);
    expect(check.prepare("SELECT method FROM telegram_outbox ORDER BY id").pluck().all()).toEqual(["answerCallbackQuery", "sendMessage"]);
    check.close();

    server.clearFaults();
    bot = await startTestBot(server, { dbPath });
    cleanup.push(() => bot.stop());
    await u.expect("Einverstanden?", n);
    await new Promise((r) => setTimeout(r, 200));
    expect(u.events().slice(n).filter((e) => e.kind === "send")).toHaveLength(1);
    await until(() => bot.app.db.prepare("SELECT count(*) FROM telegram_outbox").pluck().get() === 0, 2_000, "an empty outbox");
  });
});
