// The hand-over in one process, on a real database: routing configuration and its fix-it
// messages, sealing, the offer only where a channel is configured, /stop, a blocked bot (403)
// and the purge after 30 idle days – through the real Telegram channel and Bolt's Web API client
// against loopback servers.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/conversation.js";
import type { DialogueState } from "../../src/dialogue/types.js";
import { channelFor, parseHandoverConfig, HandoverConfigError } from "../../src/handover/config.js";
import { createHandover, type HandoverRuntime } from "../../src/handover/index.js";
import { createSealer } from "../../src/handover/seal.js";
import { closeLeftOpen } from "../../src/handover/disabled.js";
import { createHandoverStore, HANDOVER_IDLE_MS } from "../../src/handover/store.js";
import { readConfig } from "../../src/config.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { SlackStandIn, SLACK_BOT_TOKEN, type SlackPost } from "../support/slack-api-server.js";
import { startTestBot, type TestBot } from "../support/telegram-bot.js";
import { TestUser, until } from "../support/test-user.js";
import { testApp } from "../helpers.js";
import { silentLog } from "../../src/channels/telegram/log.js";

describe("the hand-over configuration", () => {
  it("routes by Kreis and service first, then Kreis, then service, then the default channel", () => {
    const c = parseHandoverConfig({
      default_channel: "C0DEFAULT",
      routes: [
        { kreis: "05370", service: "jmd", channel: "C0HSJMD" },
        { kreis: "05370", channel: "C0HSALL" },
        { service: "mbe", channel: "C0MBEALL" },
      ],
    });
    expect(channelFor(c, "05370", "jmd")).toBe("C0HSJMD");
    expect(channelFor(c, "05370", "mbe")).toBe("C0HSALL");
    expect(channelFor(c, "05111", "mbe")).toBe("C0MBEALL");
    expect(channelFor(c, null, "kim")).toBe("C0DEFAULT");
    expect(channelFor(parseHandoverConfig({ routes: [{ kreis: "05370", channel: "C0HSALL" }] }), null, "kim")).toBeUndefined();
  });

  it("names each mistake with its place in the file and how to fix it", () => {
    const error = (value: unknown) => {
      try {
        parseHandoverConfig(value, "handover.yaml");
      } catch (err) {
        expect(err).toBeInstanceOf(HandoverConfigError);
        return (err as Error).message;
      }
      throw new Error("accepted");
    };
    expect(error({ default_channel: "#beratung" })).toContain("handover.yaml: default_channel: must be a Slack channel id like C0123456789");
    expect(error({ routes: [{ kreis: 5370, channel: "C0HSALL" }] })).toContain("routes.0.kreis");
    expect(error({ routes: [{ service: "beratung", channel: "C0HSALL" }] })).toContain("service must be one of: mbe, jmd");
    expect(error({ routes: [{ channel: "C0HSALL", chanel: "x" }] })).toContain("chanel");
    expect(error({})).toContain("give default_channel or at least one route");
  });

  it("needs both bots when a hand-over file is given", () => {
    expect(() => readConfig({ WEGWEISER_HANDOVER_FILE: "handover.yaml", TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" })).toThrow(/set TELEGRAM_BOT_TOKEN and SLACK_BOT_TOKEN/);
  });
});

describe("sealing", () => {
  it("opens only with the same key and context, and refuses an altered box", () => {
    const secret = randomBytes(32);
    const box = createSealer(secret).seal("81000001", "handover:7:chat");
    expect(box.toString("latin1")).not.toContain("81000001");
    expect(createSealer(secret).open(box, "handover:7:chat")).toBe("81000001");
    expect(createSealer(randomBytes(32)).open(box, "handover:7:chat")).toBeUndefined();
    expect(createSealer(secret).open(box, "handover:8:chat")).toBeUndefined();
    const altered = Buffer.from(box);
    altered[altered.length - 1]! ^= 1;
    expect(createSealer(secret).open(altered, "handover:7:chat")).toBeUndefined();
  });
});

describe("a hand-over in one process", () => {
  let server: BotApiServer;
  let slack: SlackStandIn;
  let bot: TestBot;
  let handover: HandoverRuntime;
  let now = Date.now();
  let nextChat = 82_000_000;

  beforeAll(async () => {
    server = await BotApiServer.start();
    slack = await SlackStandIn.start();
    const app = testApp();
    const config = { SLACK_BOT_TOKEN, SLACK_API_URL: slack.apiUrl, TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot };
    // only people in Kreis Heinsberg can be handed over: no default channel
    handover = createHandover(app, config, parseHandoverConfig({ routes: [{ kreis: "05370", channel: "C0HEINSBERG" }] }), randomBytes(32), { log: silentLog, clock: () => now });
    bot = await startTestBot(server, { app, telegram: { hook: handover.hook } });
    handover.start();
  });

  afterAll(async () => {
    await handover.stop();
    await bot.stop();
    await server.close();
    await slack.close();
  });

  async function atResult(place: string | undefined): Promise<TestUser> {
    const u = new TestUser(server, ++nextChat, { languageCode: "de" });
    await u.say("/start");
    await u.tap("de");
    await u.tap("ok");
    await u.say("22");
    await u.tap("duldung");
    await u.tap("done");
    if (place) await u.say(place);
    else await u.tap("skip");
    await server.waitFor(() => u.messages().some((m) => u.dataOf(m).includes("result:slip")), 10_000, "the result");
    return u;
  }
  const offered = (u: TestUser) => u.messages().some((m) => u.dataOf(m).includes("result:handover"));
  const rows = (sql: string) => bot.app.db.prepare(sql).all() as Record<string, unknown>[];

  async function handedOver(): Promise<{ u: TestUser; card: SlackPost }> {
    const cards = slack.inChannel("C0HEINSBERG").length;
    const u = await atResult("Kreis Heinsberg");
    await u.tap("handover");
    await u.expect("Sind Sie einverstanden?");
    const since = u.events().length;
    u.press("handover:yes");
    await u.expect("Ihre Anfrage ist an", since);
    await slack.waitFor(() => slack.inChannel("C0HEINSBERG").length > cards, 10_000, "the card");
    const card = slack.inChannel("C0HEINSBERG").at(-1)!;
    await until(() => handover.service.store.byCard(card.channel, card.ts) !== undefined, 5_000, "the card's ts kept");
    return { u, card };
  }

  it("offers no counsellor where the operator routed no channel", { timeout: 20_000 }, async () => {
    expect(offered(await atResult(undefined))).toBe(false);
    expect(offered(await atResult("Kreis Heinsberg"))).toBe(true);
  });

  it("offers no counsellor when the bot runs without the hand-over", () => {
    const app = testApp();
    const conversation = createConversation(app);
    let turn = conversation.handle("telegram", 1, { kind: "start" });
    for (const input of [{ kind: "choice", id: "de" }, { kind: "choice", id: "ok" }, { kind: "text", text: "22" }, { kind: "choice", id: "duldung" }, { kind: "choice", id: "done" }, { kind: "text", text: "Kreis Heinsberg" }] as const) {
      turn = conversation.handle("telegram", 1, input);
    }
    expect(turn.state.step).toBe("result");
    const next = turn.replies.find((r) => r.key === "dialogue:result.next");
    expect(next?.choices?.map((c) => c.id)).toEqual(["slip", "sources", "restart", "delete"]);
    // the same result with the hand-over routed to Heinsberg gets the offer
    expect(handover.hook.replies({ ...turn, userKey: "someone" }).find((r) => r.key === "dialogue:result.next")?.choices?.map((c) => c.id)).toEqual(["slip", "handover", "sources", "restart", "delete"]);
    app.close();
  });

  it("ends the hand-over on /stop: the thread is told, the card closes, the chat id goes", { timeout: 20_000 }, async () => {
    const { u, card } = await handedOver();
    const since = u.events().length;
    u.send("/stop");
    await u.expect("Sie haben das Gespräch mit der Beratung beendet", since);
    await slack.waitFor(() => slack.thread(card.channel, card.ts).some((p) => p.text.includes("Die Person hat das Gespräch beendet")), 10_000, "the note");
    await slack.waitFor(() => JSON.stringify(card.blocks).includes("von der Person beendet"), 10_000, "the card closed");
    expect(rows(`SELECT state, close_reason, user_key, chat_sealed FROM handovers WHERE card_ts = '${card.ts}'`)).toEqual([{ state: "closed", close_reason: "stopped", user_key: null, chat_sealed: null }]);
    // typed text now answers the dialogue, and nothing more reaches the thread
    const thread = slack.thread(card.channel, card.ts).length;
    await u.say("Hallo?");
    expect(slack.thread(card.channel, card.ts).length).toBe(thread);
  });

  it("takes delete typed in another language as /delete: nothing reaches the thread, the card closes, the chat id and the slip go", { timeout: 20_000 }, async () => {
    const { u, card } = await handedOver();
    const code = rows(`SELECT referral_code FROM handovers WHERE card_ts = '${card.ts}'`)[0]!.referral_code as string;
    const thread = slack.thread(card.channel, card.ts).length;
    const since = u.events().length;
    u.send("видалити");
    await u.expect("Alle Ihre Daten sind gelöscht", since);
    await slack.waitFor(() => JSON.stringify(card.blocks).includes("zurückgezogen"), 10_000, "the card withdrawn");
    expect(slack.thread(card.channel, card.ts).some((p) => p.text.includes("видалити"))).toBe(false);
    expect(slack.thread(card.channel, card.ts).length).toBeGreaterThanOrEqual(thread);
    expect(rows(`SELECT chat_sealed FROM handovers WHERE card_ts = '${card.ts}' AND chat_sealed IS NOT NULL`)).toEqual([]);
    expect(rows(`SELECT code FROM referrals WHERE code = '${code}'`)).toEqual([]);
  });

  it("passes a caseworker's long message on in pieces Telegram accepts, links and mentions made readable", { timeout: 20_000 }, async () => {
    const { u, card } = await handedOver();
    const anna = { team: "T0TEAM", user: "U0ANNA" };
    expect(bot.app.db.transaction(() => handover.service.take(card.channel, card.ts, anna))()).toBe("ok");
    const long = `${"Sehr geehrte Damen und Herren, ".repeat(200)}\nBitte melden Sie sich bei <@U0ANNA|Anna> oder unter <https://beratung.example/kontakt|Kontakt> &amp; <mailto:a@example.org>.`;
    expect(bot.app.db.transaction(() => handover.service.fromCounsellor(card.channel, card.ts, anna, long))()).toBe("ok");
    handover.relay()!.kick();
    await u.expect("Bitte melden Sie sich");
    const sends = server.calls.filter((c) => c.method === "sendMessage" && c.chat === u.id && c.status === 200).map((c) => String(c.payload.text));
    const pieces = sends.filter((t) => t.includes("Sehr geehrte") || t.includes("Bitte melden"));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(4096);
    expect(pieces.at(-1)).toContain("@Anna oder unter Kontakt (https://beratung.example/kontakt) &amp; mailto:a@example.org.");
    expect(bot.app.db.transaction(() => handover.service.close(card.channel, card.ts, anna, "done"))()).toBe("ok");
  });

  it("ends the hand-over when the newcomer has blocked the bot (403)", { timeout: 20_000 }, async () => {
    const { card } = await handedOver();
    server.failNext("sendMessage", 1, { code: 403 });
    const h = handover.service.store.byCard(card.channel, card.ts)!;
    expect(bot.app.db.transaction(() => handover.service.take(card.channel, card.ts, { team: "T0TEAM", user: "U0ANNA" }))()).toBe("ok");
    handover.relay()!.kick();
    await slack.waitFor(() => slack.thread(card.channel, card.ts).some((p) => p.text.includes("blockiert")), 10_000, "the note");
    expect(handover.service.store.byId(h.id)).toMatchObject({ state: "closed", closeReason: "blocked", userKey: null });
    expect(rows(`SELECT chat_sealed FROM handovers WHERE id = ${h.id}`)).toEqual([{ chat_sealed: null }]);
  });

  it("closes what an earlier run left open when the hand-over is turned off, erasing chat ids and queued messages", { timeout: 20_000 }, async () => {
    const app = testApp();
    const store = createHandoverStore(app.db, createSealer(randomBytes(32)));
    const h = store.create({ userKey: "k", chatId: 4711, referralCode: "ABCDEFGHJK", service: "mbe", kreisKey: null, lang: "de", channel: "C0DEFAULT" });
    store.queue(h.id, { target: "telegram", message: { t: "send", chat: 4711, html: "Hallo" } });
    expect(closeLeftOpen(app.db)).toBe(1);
    expect(app.db.prepare("SELECT state, close_reason, user_key, chat_sealed FROM handovers").all()).toEqual([{ state: "closed", close_reason: "disabled", user_key: null, chat_sealed: null }]);
    expect(app.db.prepare("SELECT count(*) AS n FROM handover_outbox").get()).toEqual({ n: 0 });
    app.close();
  });

  it("ends hand-overs idle for 30 days and erases their chat ids", { timeout: 20_000 }, async () => {
    const { card } = await handedOver();
    expect(handover.purge(now + HANDOVER_IDLE_MS - 60_000)).toBe(0);
    now += HANDOVER_IDLE_MS + 60_000;
    expect(handover.purge(now)).toBe(1);
    await slack.waitFor(() => slack.thread(card.channel, card.ts).some((p) => p.text.includes("30 Tage ohne Aktivität")), 10_000, "the note");
    expect(rows("SELECT count(*) AS n FROM handovers WHERE state != 'closed' OR chat_sealed IS NOT NULL OR user_key IS NOT NULL")).toEqual([{ n: 0 }]);
    await until(() => (rows("SELECT count(*) AS n FROM handover_outbox")[0]!.n as number) === 0, 5_000, "the outbox drained");
  });
});

// a DialogueState is what the hook reads; keep the import used for the type check
export type { DialogueState };
