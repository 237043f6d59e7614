// Issue 12 item 3: a full disk. The bot keeps running, an update whose handling failed stays
// pending (never marked done unapplied) and is answered once there is space; errors in deferred
// work are caught; polling backs off with growing delays and leaks no abort listeners.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createConversation, type Conversation } from "../../src/conversation.js";
import type { TelegramOptions } from "../../src/channels/telegram/index.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../support/telegram-bot.js";
import { TestUser, until } from "../support/test-user.js";
import { testApp } from "../helpers.js";

const cleanup: (() => Promise<void> | void)[] = [];
const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);
process.on("warning", onWarning);
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  warnings.length = 0;
});

async function setUp(telegram: (app: App) => TelegramOptions = () => ({})): Promise<{ server: BotApiServer; bot: TestBot }> {
  const server = await BotApiServer.start();
  const app = testApp();
  const bot = await startTestBot(server, { app, telegram: telegram(app) });
  cleanup.push(() => server.close());
  cleanup.push(() => bot.stop());
  return { server, bot };
}

const codes = (bot: TestBot) => bot.logs.map((l) => (JSON.parse(l) as { code: string }).code);

/**
 * The dialogue's database writes fail as on a full disk (better-sqlite3's SqliteError with code
 * SQLITE_FULL) while `full()` holds; the real conversation runs otherwise.
 */
function diskFullConversation(app: App, full: () => boolean): Conversation {
  const real = createConversation(app);
  return {
    deps: real.deps,
    handle(channel, id, input) {
      if (full()) throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
      return real.handle(channel, id, input);
    },
  };
}

describe("with the database on a full disk", () => {
  it("leaves a failed update pending and answers it properly once there is space", async () => {
    let full = false;
    const { server, bot } = await setUp((app) => ({ conversation: diskFullConversation(app, () => full) }));
    const u = new TestUser(server, 90_001, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    full = true;
    n = u.events().length;
    const tap = u.choose("de");
    await until(() => codes(bot).includes("telegram.processing_paused"), 5_000, "processing to pause");
    // not done, not answered with an error: still waiting for space
    expect(bot.app.db.prepare("SELECT done_at FROM telegram_inbox WHERE update_id = ?").pluck().get(tap)).toBeNull();
    expect(u.events().slice(n).filter((e) => e.kind === "send")).toEqual([]);
    full = false;
    await u.expect("Einverstanden?", n, 10_000);
    n = u.events().length;
    u.choose("ok");
    await u.expect("Wie alt sind Sie?", n);
    expect(u.events().some((e) => e.kind === "send" && /nicht verstanden|schiefgegangen|Fehler/.test(e.text))).toBe(false);
  });

  it("catches a failure of the deferred clean-up of sent calls, keeps answering, and cleans up later", async () => {
    const { server, bot } = await setUp();
    // deleting sent calls fails, as a write to the write-ahead log does when the disk is full
    bot.app.db.exec("CREATE TEMP TRIGGER no_space BEFORE DELETE ON telegram_outbox BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END");
    const u = new TestUser(server, 90_002, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    await until(() => codes(bot).includes("telegram.deferred_failed"), 5_000, "the failure to be logged");
    n = u.events().length;
    u.choose("de");
    await u.expect("Einverstanden?", n);
    bot.app.db.exec("DROP TRIGGER no_space");
    await until(() => bot.app.db.prepare("SELECT count(*) FROM telegram_outbox").pluck().get() === 0, 10_000, "the outbox to be cleaned");
  });
});

describe("long polling during an outage", () => {
  it("waits longer after each failed call, also when storing fails, and leaks no abort listeners", async () => {
    const { server, bot } = await setUp(() => ({ pollBackoff: { firstMs: 5, maxMs: 160 } }));
    const u = new TestUser(server, 90_003, { languageCode: "de" });
    // storing refuses while the disk is full; getUpdates itself answers
    bot.app.db.exec("CREATE TEMP TRIGGER no_space BEFORE INSERT ON telegram_inbox BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END");
    const from = server.calls.length;
    const n = u.events().length;
    u.send("/start");
    await until(() => server.calls.slice(from).filter((c) => c.method === "getUpdates").length >= 8, 10_000, "eight polls");
    const polls = server.calls.slice(from).filter((c) => c.method === "getUpdates").map((c) => c.at);
    const gaps = polls.slice(1).map((t, i) => t - polls[i]!);
    // 5, 10, 20, 40, 80, 160 ms at least (timers never fire early)
    for (let i = 0; i < 6; i++) expect(gaps[i]!, `gap ${i} of ${gaps.join(", ")}`).toBeGreaterThanOrEqual(5 * 2 ** i - 1);
    // more failed polls than an AbortSignal takes listeners before Node warns of a leak (10)
    await until(() => server.calls.slice(from).filter((c) => c.method === "getUpdates").length >= 24, 15_000, "24 polls");
    bot.app.db.exec("DROP TRIGGER no_space");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n, 10_000);
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message)).toEqual([]);
  });
});
