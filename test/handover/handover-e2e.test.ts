// The hand-over end to end: the real bot process (dist/src/main.js) between the loopback
// Telegram Bot API and a loopback Slack stand-in. A newcomer in Arabic and one in German ask for
// a counsellor; caseworkers take, write, close; one is refused, one forges a request; the bot
// is killed with SIGKILL mid-relay; after /delete no table holds a chat id.
import { createServer } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSealer } from "../../src/handover/seal.js";
import { openDbReadonly } from "../../src/store/db.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { spawnBot, type BotProcess } from "../support/bot-process.js";
import { actionBody, deliver, nowSeconds, signed, SlackStandIn, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, threadMessageBody, type SlackPost } from "../support/slack-api-server.js";
import { TestUser, until } from "../support/test-user.js";
import { ROOT, tempDir } from "../helpers.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const ANNA = "U0ANNA";
const BERT = "U0BERT";
const AR_CHAT = 81_000_001;
const DE_CHAT = 81_000_002;
type HandoverTexts = Record<"offer" | "consent" | "sent" | "sent_no_place" | "taken" | "from_counsellor" | "closed_by_counsellor", string>;
const locale = (lang: string) => JSON.parse(readFileSync(join(ROOT, "locales", lang, "handover.json"), "utf8")) as HandoverTexts;
const ar = locale("ar");
const de = locale("de");
/** the fixed words of a text with placeholders, to find it whatever the placeholders became */
const head = (s: string) => s.split("{{")[0]!.trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const texts = (p: SlackPost) => JSON.stringify(p.blocks) + p.text;

describe("a hand-over from Telegram to Slack and back, in one real bot process", () => {
  let server: BotApiServer;
  let slack: SlackStandIn;
  let bot: BotProcess;
  let dbPath: string;
  let events: string;
  const stderr: string[] = [];
  let env: NodeJS.ProcessEnv;
  let arUser: TestUser;
  let deUser: TestUser;
  let arCard: SlackPost;
  let deCard: SlackPost;

  const start = () => {
    bot = spawnBot(server, dbPath, stderr, env);
    return bot.started;
  };
  const rows = (sql: string) => {
    const db = openDbReadonly(dbPath);
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  const action = (o: { user: string; card: SlackPost; action: "handover_take" | "handover_close"; reason?: string; id: string }) =>
    deliver(events, actionBody({ user: o.user, channel: o.card.channel, ts: o.card.ts, action: o.action, ...(o.reason ? { reason: o.reason } : {}), responseUrl: slack.responseUrl(o.id) }), FORM);
  const write = (user: string, card: SlackPost, text: string, eventId?: string) =>
    deliver(events, threadMessageBody({ user, channel: card.channel, threadTs: card.ts, text, ...(eventId ? { eventId } : {}) }), JSON_TYPE, { retries: 200, retryMs: 50 });
  const botTexts = (u: TestUser) => u.messages().map((m) => m.text);

  /** Through the questions to the result, answering like a person would. */
  async function toResult(u: TestUser, lang: string, age: string, status: string, need: string, place?: string) {
    await u.say("/start");
    await u.tap(lang);
    await u.tap("ok");
    await u.say(age);
    await u.tap(status);
    await u.tap(need);
    await u.tap("done");
    if (place) {
      const events = await u.say(place);
      if (u.lastWithButtons() && u.dataOf(u.lastWithButtons()!).includes("place_choice:p1") && events.length) await u.tap("p1");
    } else await u.tap("skip");
    await u.server.waitFor(() => u.messages().some((m) => u.dataOf(m).includes("result:slip")), 10_000, "the result");
  }

  beforeAll(async () => {
    server = await BotApiServer.start();
    slack = await SlackStandIn.start();
    const dir = tempDir("wegweiser-handover-");
    dbPath = join(dir, "w.db");
    const routing = join(dir, "handover.yaml");
    writeFileSync(routing, ['default_channel: C0DEFAULT', 'routes:', '  - kreis: "05370"', "    service: mbe", "    channel: C0HSMBE", '  - kreis: "05370"', "    channel: C0HEINSBERG", ""].join("\n"));
    const port = await freePort();
    events = `http://127.0.0.1:${port}/slack/events`;
    env = { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), WEGWEISER_HANDOVER_FILE: routing };
    await start();
    arUser = new TestUser(server, AR_CHAT, { languageCode: "ar", firstName: "Amal" });
    deUser = new TestUser(server, DE_CHAT, { languageCode: "de", firstName: "Dieter" });
  }, 30_000);

  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await bot?.exited;
    await server?.close();
    await slack?.close();
  });

  it("offers a counsellor at the result and says in Arabic what will be shared before asking for consent", { timeout: 30_000 }, async () => {
    await toResult(arUser, "ar", "22", "duldung", "arbeit", "Kreis Heinsberg");
    expect(arUser.messages().some((m) => arUser.dataOf(m).includes("result:handover"))).toBe(true);
    expect(arUser.messages().flatMap((m) => arUser.labelsOf(m))).toContain(ar.offer);
    await arUser.tap("handover");
    const consent = await arUser.expect(head(ar.consent));
    expect(arUser.dataOf(consent)).toEqual(["handover:yes", "handover:no"]);
    // nothing went to Slack before the newcomer agreed
    expect(slack.posts).toEqual([]);
  });

  it("posts a German case card to the channel configured for the Kreis once the newcomer agrees", { timeout: 30_000 }, async () => {
    const since = arUser.events().length;
    arUser.press("handover:yes");
    const sent = await arUser.expect(head(ar.sent), since);
    expect(sent.text).toContain("Heinsberg");
    await slack.waitFor(() => slack.inChannel("C0HEINSBERG").length === 1, 10_000, "the card");
    arCard = slack.inChannel("C0HEINSBERG")[0]!;
    // the bot keeps the card's ts when Slack's answer is through: only then can the card be used
    await until(() => rows(`SELECT id FROM handovers WHERE card_ts = '${arCard.ts}'`).length === 1, 5_000, "the card's ts kept");
    const card = texts(arCard);
    expect(card).toContain("Beratungsanfrage");
    expect(card).toContain("18–26");
    expect(card).toContain("Duldung");
    expect(card).toContain("Übernehmen");
    // the referral code on the card is the one stored, and the card names no person
    const code = String(rows("SELECT referral_code FROM handovers")[0]!.referral_code);
    expect(card).toContain(`${code.slice(0, 5)}-${code.slice(5)}`);
    expect(card).not.toContain("Amal");
    expect(card).not.toContain(String(AR_CHAT));
    expect(card).not.toMatch(/\b22 Jahre/);
    expect(slack.inChannel("C0DEFAULT")).toEqual([]);
    expect(slack.inChannel("C0HSMBE")).toEqual([]);
    // consent logged as a code, the chat id only sealed
    expect(rows("SELECT consent, state, typeof(chat_sealed) AS sealed FROM handovers")).toEqual([{ consent: "handover.consent.v1", state: "open", sealed: "blob" }]);
  });

  it("refuses a forged or stale card action before any handler runs", { timeout: 30_000 }, async () => {
    const body = actionBody({ user: "U0MALLORY", channel: arCard.channel, ts: arCard.ts, action: "handover_take", responseUrl: slack.responseUrl("forged") });
    const handled = () => stderr.join("").split("SLACK_HANDOVER_").length;
    const before = handled();
    const wrong = await fetch(events, { method: "POST", body, headers: signed(body, FORM, nowSeconds(), "not-the-signing-secret-0000000000") });
    const stale = await fetch(events, { method: "POST", body, headers: signed(body, FORM, nowSeconds() - 10 * 60) });
    const altered = body.replace("U0MALLORY", "U0MALLORZ");
    const alteredRes = await fetch(events, { method: "POST", body: altered, headers: signed(body, FORM) });
    const unsigned = await fetch(events, { method: "POST", body, headers: { "content-type": FORM } });
    const big = `${body}&padding=${"x".repeat(1024 * 1024)}`;
    const tooLarge = await fetch(events, { method: "POST", body: big, headers: signed(big, FORM) });
    expect([wrong.status, stale.status, alteredRes.status, unsigned.status, tooLarge.status]).toEqual([401, 401, 401, 401, 413]);
    await sleep(200);
    expect(handled()).toBe(before);
    expect(rows("SELECT state, taker_key FROM handovers")).toEqual([{ state: "open", taker_key: null }]);
    expect(slack.calls.filter((c) => c.method === "chat.update")).toEqual([]);
  });

  it("lets one caseworker take the case: the card shows who, the newcomer is told", { timeout: 30_000 }, async () => {
    const since = arUser.events().length;
    expect(await action({ user: ANNA, card: arCard, action: "handover_take", id: "anna-take" })).toBe(200);
    await slack.waitFor(() => arCard.edits >= 1, 10_000, "the card updated");
    expect(texts(arCard)).toContain(`<@${ANNA}>`);
    expect(texts(arCard)).not.toContain('"handover_take"');
    await arUser.expect(head(ar.taken), since);
    expect(rows("SELECT state FROM referrals")).toEqual([{ state: "contacted" }]);
  });

  it("refuses a second caseworker who tries to take the case or to write to the newcomer", { timeout: 30_000 }, async () => {
    const answers = server.answerCount(AR_CHAT);
    expect(await action({ user: BERT, card: arCard, action: "handover_take", id: "bert-take" })).toBe(200);
    await slack.waitFor(() => slack.responses.some((r) => r.path === "/respond/bert-take"), 10_000, "Bert's refusal");
    expect(String(slack.responses.find((r) => r.path === "/respond/bert-take")!.body.text)).toContain("bereits jemand anderes");
    expect(await write(BERT, arCard, "Hallo, hier ist Bert")).toBe(200);
    await slack.waitFor(() => slack.ephemerals.some((e) => e.user === BERT), 10_000, "Bert's note");
    expect(slack.ephemerals.find((e) => e.user === BERT)!.text).toContain("Nur wer den Fall übernommen hat");
    await sleep(300);
    expect(server.answerCount(AR_CHAT)).toBe(answers);
    expect(texts(arCard)).toContain(`<@${ANNA}>`);
    expect(botTexts(arUser).join("\n")).not.toContain("Bert");
  });

  it("relays the caseworker's German to the Arabic chat and the newcomer's Arabic to the thread", { timeout: 30_000 }, async () => {
    const since = arUser.events().length;
    expect(await write(ANNA, arCard, "Guten Tag! Passt Ihnen Dienstag um 10 Uhr? <https://beratung.example/termin|Termin>")).toBe(200);
    const got = await arUser.expect("Guten Tag! Passt Ihnen Dienstag um 10 Uhr?", since);
    expect(got.text).toContain(head(ar.from_counsellor));
    expect(got.text).toContain("Termin (https://beratung.example/termin)");
    arUser.send("مرحبا، نعم يوم الثلاثاء يناسبني <b>شكرا</b>");
    await slack.waitFor(() => slack.thread(arCard.channel, arCard.ts).some((p) => p.text.includes("يوم الثلاثاء يناسبني")), 10_000, "the Arabic reply in the thread");
    const reply = slack.thread(arCard.channel, arCard.ts).find((p) => p.text.includes("يوم الثلاثاء"))!;
    expect(reply.text).toContain("Ratsuchende Person");
    // Slack's markup characters arrive escaped, so nothing typed can mention or link
    expect(reply.text).toContain("&lt;b&gt;شكرا&lt;/b&gt;");
  });

  it("loses nothing and keeps the order when the bot is killed with SIGKILL mid-relay: the thread gets each message once, the chat at most the one in flight again", { timeout: 90_000 }, async () => {
    slack.holdMs = 120;
    const fromNewcomer = ["١", "٢", "٣", "٤", "٥", "٦"].map((d) => `رسالة رقم ${d}`);
    const fromAnna = [1, 2, 3, 4, 5, 6].map((n) => `Nachricht G${n} von Anna`);
    for (const t of fromNewcomer) arUser.send(t);
    const annaDone = (async () => {
      for (const [n, t] of fromAnna.entries()) expect(await write(ANNA, arCard, t, `EvKILL${n}`)).toBe(200);
    })();
    await sleep(250);
    bot.child.kill("SIGKILL");
    await bot.exited;
    await sleep(150);
    await start();
    await annaDone;
    const inThread = () => slack.thread(arCard.channel, arCard.ts).map((p) => p.text).filter((t) => t.includes("رسالة رقم"));
    const inChat = () => botTexts(arUser).filter((t) => t.includes("von Anna"));
    await slack.waitFor(() => inThread().length >= 6, 30_000, "six messages in the thread");
    await server.waitFor(() => inChat().length >= 6, 30_000, "six messages in the chat");
    await sleep(500);
    slack.holdMs = 0;
    // Slack: a post tried before the kill is looked up by its metadata, so none is made twice.
    // Telegram's Bot API has no such look-up: a message accepted in the instant before the kill,
    // before its outbox row went, is sent again – right after itself, never out of order.
    const chat = inChat().map((t) => t.split("\n").at(-1));
    const repeats = chat.filter((t, i) => i > 0 && chat[i - 1] === t).length;
    const lookups = slack.calls.filter((c) => c.method === "conversations.replies").length;
    console.info(`kill test: ${JSON.stringify({ slack_lookups_after_restart: lookups, telegram_repeats: repeats })}`);
    expect(inThread().map((t) => t.split("\n").at(-1))).toEqual(fromNewcomer);
    expect(chat.filter((t, i) => i === 0 || chat[i - 1] !== t)).toEqual(fromAnna);
    expect(repeats).toBeLessThanOrEqual(1);
    expect(rows("SELECT count(*) AS n FROM handover_outbox")).toEqual([{ n: 0 }]);
  });

  it("ends the hand-over when the caseworker closes the case with a reason, and erases the chat id", { timeout: 30_000 }, async () => {
    const since = arUser.events().length;
    const edits = arCard.edits;
    expect(await action({ user: ANNA, card: arCard, action: "handover_close", reason: "done", id: "anna-close" })).toBe(200);
    await arUser.expect(head(ar.closed_by_counsellor), since);
    await slack.waitFor(() => arCard.edits > edits, 10_000, "the card closed");
    expect(texts(arCard)).toContain("Geschlossen: erledigt");
    expect(texts(arCard)).not.toContain("handover_close");
    expect(rows("SELECT state, close_reason, user_key, chat_sealed FROM handovers")).toEqual([{ state: "closed", close_reason: "done", user_key: null, chat_sealed: null }]);
    expect(rows("SELECT state FROM referrals")).toEqual([{ state: "closed" }]);
    // afterwards nothing passes either way
    const answers = server.answerCount(AR_CHAT);
    expect(await write(ANNA, arCard, "Noch eine Frage")).toBe(200);
    await slack.waitFor(() => slack.ephemerals.some((e) => e.user === ANNA && e.text.includes("geschlossen")), 10_000, "Anna's note");
    const threadLength = slack.thread(arCard.channel, arCard.ts).length;
    await arUser.say("مرحبا؟");
    await sleep(300);
    expect(slack.thread(arCard.channel, arCard.ts).length).toBe(threadLength);
    expect(botTexts(arUser).join("\n")).not.toContain("Noch eine Frage");
    expect(server.answerCount(AR_CHAT)).toBeGreaterThan(answers);
  });

  it("relays German both ways, and /delete ends the hand-over and leaves no chat id in any table", { timeout: 60_000 }, async () => {
    await toResult(deUser, "de", "40", "aufenthaltserlaubnis", "sprache");
    await deUser.tap("handover");
    await deUser.expect(head(de.consent));
    deUser.press("handover:yes");
    await deUser.expect(head(de.sent_no_place));
    await slack.waitFor(() => slack.inChannel("C0DEFAULT").length === 1, 10_000, "the card in the default channel");
    deCard = slack.inChannel("C0DEFAULT")[0]!;
    await until(() => rows(`SELECT id FROM handovers WHERE card_ts = '${deCard.ts}'`).length === 1, 5_000, "the card's ts kept");
    expect(await action({ user: ANNA, card: deCard, action: "handover_take", id: "anna-take-de" })).toBe(200);
    await deUser.expect(head(de.taken));
    expect(await write(ANNA, deCard, "Guten Tag, hier ist die Migrationsberatung. Wie kann ich helfen?")).toBe(200);
    await deUser.expect("Wie kann ich helfen?");
    deUser.send("Ich suche einen Deutschkurs am Abend.");
    await slack.waitFor(() => slack.thread(deCard.channel, deCard.ts).some((p) => p.text.includes("Deutschkurs am Abend")), 10_000, "the German reply");

    await deUser.say("/delete");
    await slack.waitFor(() => slack.thread(deCard.channel, deCard.ts).some((p) => p.text.includes("Daten gelöscht")), 10_000, "the note in the thread");
    await slack.waitFor(() => !texts(deCard).includes("Aufenthaltserlaubnis"), 10_000, "the card emptied");
    expect(texts(deCard)).not.toMatch(/\d{5}-?[2-9A-Z]{5}/);

    // stopped cleanly, the database is read as it is on disk
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    const tables = rows("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name));
    expect(tables).toEqual(expect.arrayContaining(["handovers", "handover_outbox", "sessions", "telegram_outbox", "telegram_inbox"]));
    const wrongKey = createSealer(Buffer.from("another-secret-0123456789abcdef0123456789"));
    const found: string[] = [];
    let sealed = 0;
    for (const table of tables) {
      for (const row of rows(`SELECT * FROM "${table}"`)) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString("latin1") : String(value);
          for (const chat of [AR_CHAT, DE_CHAT]) if (text.includes(String(chat))) found.push(`${table}.${column}`);
          if (Buffer.isBuffer(value)) {
            sealed++;
            expect(wrongKey.open(value, `handover:${String(row.handover_id ?? row.id)}:chat`)).toBeUndefined();
          }
        }
      }
    }
    expect(found).toEqual([]);
    // no sealed value is left at all: both hand-overs ended and the outbox is empty
    expect(sealed).toBe(0);
    expect(rows("SELECT count(*) AS n FROM handovers WHERE user_key IS NOT NULL OR chat_sealed IS NOT NULL")).toEqual([{ n: 0 }]);
    expect(rows("SELECT count(*) AS n FROM handovers")).toEqual([{ n: 1 }]);
    expect(rows("SELECT count(*) AS n FROM sessions")).toEqual([{ n: 1 }]);
    await start();
  });

  it("does not start with a routing file that names a channel instead of its id, and says how to fix it", { timeout: 20_000 }, async () => {
    const dir = tempDir("wegweiser-handover-bad-");
    const routing = join(dir, "handover.yaml");
    writeFileSync(routing, "default_channel: '#beratung'\n");
    const lines: string[] = [];
    const broken = spawnBot(server, join(dir, "w.db"), lines, { ...env, PORT: "0", WEGWEISER_HANDOVER_FILE: routing });
    expect(await broken.exited).toBe(1);
    expect(lines.join("")).toContain(`${routing}: default_channel: must be a Slack channel id like C0123456789`);
  });
});
