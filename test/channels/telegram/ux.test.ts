// The Telegram conversation as a person uses it, through the real grammY bot and the loopback
// Bot API: Back on every question, old buttons, /language at the result, the short result with
// its sections behind buttons, needs in two columns, media, look-ups in groups, menus per language.
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReferral, dialogueDeps } from "../../../src/conversation.js";
import type { DialogueState } from "../../../src/dialogue/types.js";
import type { LanguageCode } from "../../../src/i18n/index.js";
import { formatCode } from "../../../src/referrals/code.js";
import { BotApiServer, type ChatEvent } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser } from "../../support/test-user.js";

let server: BotApiServer;
let bot: TestBot;
let nextChat = 63_000_001;

beforeAll(async () => {
  server = await BotApiServer.start();
  bot = await startTestBot(server, { places: true });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

const session = (u: TestUser) => bot.app.sessions.load<DialogueState>(bot.app.sessions.userKey("telegram", u.id));
const sent = (u: TestUser, since: number) => u.events().slice(since).filter((e): e is Extract<ChatEvent, { kind: "send" }> => e.kind === "send");
const tr = (lang: LanguageCode) => bot.app.i18n.translator(lang);

/** Taps or sends, then waits for a message with `expected`; returns it. */
async function act(u: TestUser, what: string, expected: string) {
  const n = u.events().length;
  if (what.startsWith("tap:")) u.choose(what.slice(4));
  else u.send(what);
  return u.expect(expected, n);
}

/** A person in `lang` who has answered everything up to the result (age 22, Duldung, work and German, Kreis Heinsberg). */
async function atResult(lang: LanguageCode, chat = nextChat++): Promise<TestUser> {
  const t = tr(lang);
  const u = new TestUser(server, chat, { languageCode: lang });
  await act(u, "/start", t.t("dialogue:language.ask"));
  await act(u, `tap:${lang}`, t.t("dialogue:privacy.notice"));
  await act(u, "tap:ok", t.t("dialogue:age.ask"));
  await act(u, "22", t.t("dialogue:status.ask"));
  await act(u, "tap:duldung", t.t("dialogue:needs.ask"));
  for (const need of ["arbeit", "sprache"]) {
    const n = u.events().length;
    u.choose(need);
    await u.answered(n);
  }
  await act(u, "tap:done", t.t("dialogue:place.ask"));
  await act(u, "Kreis Heinsberg", t.t("dialogue:result.next"));
  return u;
}

describe("Back", () => {
  it("is a button on every question after the first, and each leads to the question before", async () => {
    const de = tr("de");
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    const back = (m: { reply_markup?: unknown }, step: string) => expect(u.dataOf(m as never), step).toContain(`${step}:back`);

    const picker = await act(u, "/start", de.t("dialogue:language.ask"));
    // the very first question has nothing before it
    expect(u.dataOf(picker).some((d) => d.endsWith(":back"))).toBe(false);
    back(await act(u, "tap:de", de.t("dialogue:privacy.notice")), "privacy");
    // back from the privacy notice: the language question, now with its own Back
    back(await act(u, "tap:back", de.t("dialogue:language.ask")), "language");
    back(await act(u, "tap:back", de.t("dialogue:privacy.notice")), "privacy");
    back(await act(u, "tap:ok", de.t("dialogue:age.ask")), "age");
    back(await act(u, "1990", de.t("dialogue:age.birthday", { year: 1990 })), "age_birthday");
    back(await act(u, "tap:yes", de.t("dialogue:status.ask")), "status");
    // the birthday question needs the year just given: Back from the status asks the age again
    back(await act(u, "tap:back", de.t("dialogue:age.ask")), "age");
    back(await act(u, "1990", de.t("dialogue:age.birthday", { year: 1990 })), "age_birthday");
    back(await act(u, "tap:back", de.t("dialogue:age.ask")), "age");
    await act(u, "1990", de.t("dialogue:age.birthday", { year: 1990 }));
    back(await act(u, "tap:no", de.t("dialogue:status.ask")), "status");
    const needs = await act(u, "tap:duldung", de.t("dialogue:needs.ask"));
    expect(u.state.messages.get(needs.message_id)!.reply_markup!.inline_keyboard.at(-1)!.map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["needs:back", "needs:done"]);
    back(await act(u, "tap:done", de.t("dialogue:place.ask")), "place");
    const several = await act(u, "Berg", de.t("dialogue:place.choose"));
    back(several, "place_choice");
    back(await act(u, "tap:back", de.t("dialogue:place.ask")), "place");
    back(await act(u, "tap:back", de.t("dialogue:needs.ask")), "needs");
    expect(session(u)).toMatchObject({ step: "needs", status: "duldung", age: 35 });

    // after /restart the age is the first question again, and Back leads to the language
    back(await act(u, "/restart", de.t("dialogue:age.ask")), "age");
    back(await act(u, "tap:back", de.t("dialogue:language.ask")), "language");
    await act(u, "tap:back", de.t("dialogue:age.ask"));
    expect(bot.logs.join("")).not.toMatch(/call_refused|update_failed/);
  });
});

describe("an old button", () => {
  it("is answered with a note that it is old and the current question, whichever button it was", async () => {
    const de = tr("de");
    const u = await atResult("de");
    const result = u.lastWithButtons()!;
    const needs = u.messages().find((m) => m.text.includes(de.t("dialogue:needs.ask")))!;
    await act(u, "/restart", de.t("dialogue:age.ask"));
    for (const [data, message] of [["result:services", result], ["result:why", result], ["result:slip", result], ["needs:arbeit", needs], ["needs:done", needs]] as const) {
      const n = u.events().length;
      u.press(data, message.message_id);
      const again = await u.expect(de.t("dialogue:age.ask"), n);
      expect(again.text, data).toBe(`${de.t("dialogue:old_button")}\n\n${de.t("dialogue:age.ask")}`);
      expect(u.events()[n], data).toMatchObject({ kind: "answer" });
      expect(sent(u, n), data).toHaveLength(1);
    }
    expect(session(u)).toMatchObject({ step: "age", needs: [] });
    expect(session(u)?.referralCode).toBeUndefined();
  });
});

describe("the result", () => {
  it("comes as one short message with the counselling service and where to go; the rest is behind buttons", async () => {
    const en = tr("en");
    const u = await atResult("en");
    const first = u.lastWithButtons()!;
    expect(first.text.length).toBeLessThan(1200);
    expect(first.text).toContain(`${en.t("dialogue:result.your_service")}: ${en.service("jmd")}`);
    expect(first.text).toContain(en.t("dialogue:result.disclaimer"));
    // reasons and sources wait behind "why / sources"
    expect(first.text).not.toContain(`${en.t("dialogue:result.why")}:`);
    expect(first.text).not.toContain(`${en.t("dialogue:result.source")}:`);
    expect(u.dataOf(first)).toEqual(["result:services", "result:why", "result:slip", "result:restart", "result:delete"]);
    const stats = bot.app.stats.total();

    let n = u.events().length;
    u.choose("why");
    await u.expect(en.t("dialogue:result.next"), n);
    const why = sent(u, n).map((e) => e.text).join("\n");
    expect(why).toContain(`${en.t("dialogue:result.why")}:`);
    expect(why).toContain(en.service("arbeitsagentur"));
    expect(why).not.toMatch(/\.txt:\d/);

    n = u.events().length;
    u.choose("slip");
    const slip = await u.expect(en.t("dialogue:slip.title"), n);
    expect(slip.text).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(u.dataOf(u.lastWithButtons()!)).toContain("result:why");
    // looking at the parts of a result counts nothing again
    expect(bot.app.stats.total()).toBe(stats);
  });

  it("is shown again in the new language after /language", async () => {
    const u = await atResult("de");
    const stats = bot.app.stats.total();
    for (const lang of ["en", "ar", "kmr"] as const) {
      const t = tr(lang);
      await act(u, "/language", tr(session(u)!.lang as LanguageCode).t("dialogue:language.ask"));
      const n = u.events().length;
      u.choose(lang);
      const again = await u.expect(t.t("dialogue:result.next"), n);
      expect(sent(u, n), lang).toHaveLength(1);
      expect(again.text, lang).toContain(t.service("jmd"));
      expect(again.text, lang).toContain(t.t("dialogue:result.your_service"));
      expect(u.labelsOf(again), lang).toEqual([t.t("dialogue:result_more.services"), t.t("dialogue:result_more.why"), t.t("dialogue:result.get_slip"), t.t("dialogue:commands.restart"), t.t("dialogue:commands.delete")]);
      expect(session(u), lang).toMatchObject({ step: "result", lang, needs: ["arbeit", "sprache"] });
    }
    // Back on the language question returns to the result unchanged
    await act(u, "/language", tr("kmr").t("dialogue:language.ask"));
    const back = await act(u, "tap:back", tr("kmr").t("dialogue:result.next"));
    expect(back.text).toContain(tr("kmr").service("jmd"));
    expect(bot.app.stats.total()).toBe(stats);
  });
});

describe("the needs", () => {
  it("are two buttons to a row in every language, with Back and Done below", async () => {
    for (const lang of ["uk", "fa"] as const) {
      const t = tr(lang);
      const u = new TestUser(server, nextChat++, { languageCode: lang });
      await act(u, "/start", t.t("dialogue:language.ask"));
      await act(u, `tap:${lang}`, t.t("dialogue:privacy.notice"));
      await act(u, "tap:ok", t.t("dialogue:age.ask"));
      await act(u, "30", t.t("dialogue:status.ask"));
      const needs = await act(u, "tap:schutz", t.t("dialogue:needs.ask"));
      const rows = needs.reply_markup!.inline_keyboard;
      const needRows = rows.slice(0, -1);
      expect(needRows.flat(), lang).toHaveLength(16);
      expect(needRows.every((r) => r.length === 2), lang).toBe(true);
      expect(rows.at(-1)!.map((b) => b.text), lang).toEqual([t.t("dialogue:commands.back"), t.t("dialogue:needs.done", { count: 0 })]);
    }
  });
});

describe("a photo, a voice note, a sticker or a file", () => {
  it("gets “I can read text and buttons” in the person's language and the question again", async () => {
    const ar = tr("ar");
    const u = new TestUser(server, nextChat++, { languageCode: "ar" });
    await act(u, "/start", ar.t("dialogue:language.ask"));
    await act(u, "tap:ar", ar.t("dialogue:privacy.notice"));
    await act(u, "tap:ok", ar.t("dialogue:age.ask"));
    const document = () =>
      server.inject({ message: { message_id: u.state.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: u.state.chat, from: u.state.user, document: { file_id: "BQACAgIAAxk", file_unique_id: "AgADx", file_name: "pass.pdf" } } } as Omit<Update, "update_id">);
    for (const [what, send] of [["photo", () => u.photo()], ["voice", () => u.voice()], ["sticker", () => u.sticker()], ["document", document]] as const) {
      const n = u.events().length;
      send();
      const m = await u.expect(ar.t("dialogue:media"), n);
      expect(m.text, what).toBe(`${ar.t("dialogue:media")}\n\n${ar.t("dialogue:age.ask")}`);
      expect(u.dataOf(m), what).toEqual(["age:back"]);
    }
    expect(session(u)).toMatchObject({ step: "age", lang: "ar" });
  });
});

describe("in a group", () => {
  it("/check and /ref are answered, also addressed to this bot; commands for other bots are left alone", async () => {
    const sessions = bot.app.sessions.count();
    const referral = createReferral(bot.app, dialogueDeps(bot.app), {
      v: 1, step: "result", lang: "uk", privacyAccepted: true, age: 30, status: "schutz", needs: ["sprache"],
      place: { key: "05370016", name: "Heinsberg", land: "NW", level: "gemeinde" }, history: [],
    });
    const g = new TestUser(server, -1_009_000_000_001, { group: true, languageCode: "de" });

    let n = g.events().length;
    g.send("/check 22 duldung arbeit Kreis Heinsberg");
    await g.expect("Jugendmigrationsdienst (JMD)", n);

    n = g.events().length;
    g.send("/check@wegweiser_test_bot 40 schutz sprache");
    await g.expect("Integrationskurs", n);

    n = g.events().length;
    g.send(`/ref@Wegweiser_Test_Bot ${formatCode(referral.code)}`);
    const slip = await g.expect(`Code: ${formatCode(referral.code)}`, n);
    expect(slip.text).toContain("Integrationskurs (BAMF)");

    n = g.events().length;
    g.send("/check@another_bot 22 duldung");
    g.send("/ref@another_bot ABCDE-FGHJK");
    g.send("/start@wegweiser_test_bot");
    await g.expect("Bitte schreiben Sie mir in einem privaten Chat", n);
    // the two commands for the other bot got nothing; the one for this bot the note
    expect(sent(g, n)).toHaveLength(1);
    expect(bot.app.sessions.count()).toBe(sessions);
  });
});

describe("the command menu", () => {
  it("is set for every language Telegram can name, Kurmanji as ku; Dari has no two-letter code and keeps the default", async () => {
    const expected = ["", "de", "en", "ar", "fa", "ps", "uk", "ru", "tr", "ku"];
    await server.waitFor(() => expected.every((c) => server.commands.has(c)), 5_000, "setMyCommands for every language");
    expect([...server.commands.keys()].filter((k) => !k.startsWith("chat:")).sort()).toEqual([...expected].sort());
    const menu = (code: string) => server.commands.get(code) as { command: string; description: string }[];
    expect(menu("ku")).toContainEqual({ command: "restart", description: tr("kmr").t("dialogue:commands.restart") });
    expect(menu("ku")).toContainEqual({ command: "check", description: tr("kmr").t("dialogue:commands.check") });
    expect(menu("fa")).toContainEqual({ command: "language", description: tr("fa").t("dialogue:commands.language") });
    expect(menu("")).toContainEqual({ command: "delete", description: tr("de").t("dialogue:commands.delete") });
    for (const code of expected) expect(menu(code).map((c) => c.command), code).toEqual(["restart", "language", "help", "delete", "check", "ref"]);
  });
});

describe("a chat's own menu", () => {
  const menuOf = (u: TestUser) => server.commands.get(`chat:${u.id}`) as { command: string; description: string }[] | undefined;
  const description = (u: TestUser, command: string) => menuOf(u)?.find((c) => c.command === command)?.description;

  it("follows the language chosen in the bot when the app speaks another, Dari included, and goes with /delete", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    await act(u, "/start", tr("de").t("dialogue:language.ask"));
    await act(u, "tap:prs", tr("prs").t("dialogue:privacy.notice"));
    await server.waitFor(() => menuOf(u) !== undefined, 5_000, "the Dari menu");
    expect(description(u, "help")).toBe(tr("prs").t("dialogue:commands.help"));
    expect(description(u, "help")).not.toBe(tr("fa").t("dialogue:commands.help"));

    // back to the app's language: the chat's own menu goes, the German one for de applies
    await act(u, "/language", tr("prs").t("dialogue:language.ask"));
    await act(u, "tap:de", tr("de").t("dialogue:privacy.notice"));
    await server.waitFor(() => menuOf(u) === undefined, 5_000, "no menu of its own");

    await act(u, "/language", tr("de").t("dialogue:language.ask"));
    await act(u, "tap:kmr", tr("kmr").t("dialogue:privacy.notice"));
    await server.waitFor(() => description(u, "restart") === tr("kmr").t("dialogue:commands.restart"), 5_000, "the Kurmanji menu");

    await act(u, "/delete", tr("kmr").t("dialogue:deleted"));
    await server.waitFor(() => menuOf(u) === undefined, 5_000, "the menu removed");
  });

  it("is set at /start for an app in Dari (fa-AF), which Telegram's fa menu would show in Farsi; not for an app in the chosen language", async () => {
    const dari = new TestUser(server, nextChat++, { languageCode: "fa-AF" });
    await act(dari, "/start", tr("prs").t("dialogue:language.ask"));
    await server.waitFor(() => description(dari, "check") === tr("prs").t("dialogue:commands.check"), 5_000, "the Dari menu");

    const ar = new TestUser(server, nextChat++, { languageCode: "ar" });
    await act(ar, "/start", tr("ar").t("dialogue:language.ask"));
    await act(ar, "tap:ar", tr("ar").t("dialogue:privacy.notice"));
    await act(ar, "tap:ok", tr("ar").t("dialogue:age.ask"));
    expect(menuOf(ar)).toBeUndefined();
    expect(server.calls.some((c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number } | undefined)?.chat_id === ar.id)).toBe(false);
  });
});
