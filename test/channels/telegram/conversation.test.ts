// Whole conversations through the real grammY bot and the loopback Bot API: German, Arabic and
// Ukrainian through the buttons to services, links and the slip; everything else a person may
// send gets the current question again; stale buttons, commands and groups.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DialogueState } from "../../../src/dialogue/types.js";
import type { LanguageCode } from "../../../src/i18n/index.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser } from "../../support/test-user.js";

let server: BotApiServer;
let bot: TestBot;
let nextChat = 41_000_001;

beforeAll(async () => {
  server = await BotApiServer.start();
  bot = await startTestBot(server, { places: true });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

const session = (u: TestUser) => bot.app.sessions.load<DialogueState>(bot.app.sessions.userKey("telegram", u.id));
const sends = (u: TestUser, since: number) => u.events().slice(since).filter((e) => e.kind === "send");

describe("a newcomer taps through the questions in their language", () => {
  const cases: { lang: LanguageCode; age: string }[] = [
    { lang: "de", age: "22" },
    { lang: "ar", age: "٢٢" },
    { lang: "uk", age: "22" },
  ];
  for (const { lang, age } of cases) {
    it(`in ${lang}: language picker, privacy, age, status, needs (✓ by editing), place, services with links, slip`, async () => {
      expect(bot.app.i18n.languages, `locales/${lang} is needed for this conversation`).toContain(lang);
      const tr = bot.app.i18n.translator(lang);
      const u = new TestUser(server, nextChat++, { languageCode: lang, firstName: "Amal" });

      let n = u.events().length;
      u.send("/start");
      const picker = await u.expect(tr.t("dialogue:language.ask"), n);
      // the picker is always shown, the Telegram app's language already ticked
      expect(u.labelsOf(picker)).toContain(`✓ ${tr.t(`dialogue:languages.${lang}`)}`);
      expect(u.labelsOf(picker)).toHaveLength(bot.app.i18n.languages.length);

      n = u.events().length;
      u.choose(lang);
      const privacy = await u.expect(tr.t("dialogue:privacy.notice"), n);
      expect(u.labelsOf(privacy)).toEqual([tr.t("dialogue:privacy.ok"), tr.t("dialogue:commands.delete"), tr.t("dialogue:commands.back")]);

      n = u.events().length;
      u.choose("ok");
      await u.expect(tr.t("dialogue:age.ask"), n);

      n = u.events().length;
      u.send(age);
      const status = await u.expect(tr.t("dialogue:status.ask"), n);
      expect(u.labelsOf(status)).toContain(tr.status("duldung"));

      n = u.events().length;
      u.choose("duldung");
      const needs = await u.expect(tr.t("dialogue:needs.ask"), n);

      // multi-select: the same message gets its keyboard edited, no new message
      for (const need of ["arbeit", "sprache", "wohnen", "wohnen"]) {
        const before = u.events().length;
        u.press(`needs:${need}`, needs.message_id);
        await u.answered(before);
        expect(sends(u, before)).toEqual([]);
      }
      expect(u.state.messages.get(needs.message_id)!.edits).toBe(4);
      const labels = u.labelsOf(u.state.messages.get(needs.message_id));
      expect(labels).toContain(`✓ ${tr.need("arbeit")}`);
      expect(labels).toContain(`✓ ${tr.need("sprache")}`);
      expect(labels).toContain(tr.need("wohnen"));
      expect(labels.at(-1)).toBe(tr.t("dialogue:needs.done", { count: 2 }));

      n = u.events().length;
      u.choose("done");
      await u.expect(tr.t("dialogue:place.ask"), n);

      n = u.events().length;
      u.send("Kreis Heinsberg");
      const next = await u.expect(tr.t("dialogue:result.next"), n);
      // one short message: the counselling service and where to go; the rest behind buttons
      expect(sends(u, n)).toHaveLength(1);
      expect(next.text).toContain(`${tr.t("dialogue:result.your_service")}: ${tr.service("jmd")}`);
      expect(next.text).toContain(`${tr.t("dialogue:result.where")}:`);
      expect(next.text).not.toContain(tr.service("arbeitsagentur"));
      expect(u.labelsOf(next)).toEqual([
        tr.t("dialogue:result_more.services"), tr.t("dialogue:result_more.why"), tr.t("dialogue:result.get_slip"), tr.t("dialogue:commands.restart"), tr.t("dialogue:commands.delete"),
      ]);

      n = u.events().length;
      u.choose("services");
      const more = await u.expect(tr.t("dialogue:result.next"), n);
      const services = sends(u, n).map((e) => (e.kind === "send" ? e.text : "")).join("\n");
      expect(services).toContain(tr.service("arbeitsagentur"));
      expect(services).toContain(tr.service("integrationskurs"));
      expect(more.html).toMatch(/<a href="https:\/\/[^"]+">/);
      expect(u.labelsOf(more)).toEqual(u.labelsOf(next));

      n = u.events().length;
      u.choose("why");
      await u.expect(tr.t("dialogue:result.next"), n);
      const why = sends(u, n).map((e) => (e.kind === "send" ? e.text : "")).join("\n");
      expect(why).toContain(`${tr.t("dialogue:result.why")}:`);
      expect(why).toContain(tr.service("jmd"));
      // sources as titles and links, never a seed file reference (design D21)
      expect(why).toContain(tr.t("dialogue:result.sources_title"));
      expect(why).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt|\.txt:\d+|\.yaml/);
      expect(sends(u, n).map((e) => (e.kind === "send" ? e.text : "")).join("\n")).toContain(tr.service("jmd"));

      n = u.events().length;
      u.choose("slip");
      const slip = await u.expect(tr.t("dialogue:slip.title"), n);
      expect(slip.text).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
      if (lang !== "de") expect(slip.text).toContain("Überweisungsschein – Wegweiser");

      expect(session(u)).toMatchObject({ step: "result", lang, age: 22, status: "duldung", needs: ["arbeit", "sprache"], place: { key: "05370" } });
      // every tap was answered, so no app kept spinning
      const taps = server.calls.filter((c) => c.method === "answerCallbackQuery" && String(c.payload.callback_query_id).startsWith(`${u.id}-`));
      expect(taps.length).toBe(11);
      expect(taps.every((c) => c.status === 200)).toBe(true);
      expect(bot.logs.join("")).not.toMatch(/call_refused|update_failed/);
    });
  }
});

describe("a long result", () => {
  it("with every need chosen starts with one short message; its other services and reasons come in messages Telegram accepts", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    for (const [act, text] of [["/start", "Sprache"], ["c:de", "Einverstanden?"], ["c:ok", "Wie alt"], ["45", "Aufenthaltsstatus"], ["c:gestattung", "Wobei"]] as const) {
      const n = u.events().length;
      if (act.startsWith("c:")) u.choose(act.slice(2));
      else u.send(act);
      await u.expect(text, n);
    }
    const needs = u.lastWithButtons()!;
    for (const data of u.dataOf(needs).filter((d) => !/:(done|back)$/.test(d))) {
      const n = u.events().length;
      u.press(data, needs.message_id);
      await u.answered(n);
    }
    let n = u.events().length;
    u.choose("done");
    await u.expect("Wo wohnen Sie?", n);
    n = u.events().length;
    u.send("Kreis Heinsberg");
    const first = await u.expect("Was möchten Sie jetzt tun?", n);
    expect(sends(u, n)).toHaveLength(1);
    expect(first.text.length).toBeLessThan(1500);
    let rest = "";
    for (const section of ["services", "why"]) {
      n = u.events().length;
      u.choose(section);
      await u.expect("Was möchten Sie jetzt tun?", n);
      rest += sends(u, n).map((e) => (e.kind === "send" ? e.text : "")).join("\n");
    }
    // what used to come at once is all still there, behind the two buttons
    expect(first.text.length + rest.length).toBeGreaterThan(4096);
    expect(bot.logs.join("")).not.toMatch(/call_refused/);
    expect(session(u)?.needs).toHaveLength(16);
  });
});

describe("anything that is not an answer", () => {
  it("a sticker, a photo, a voice message, a 4,000-character text and an edited message each get the question again, in the person's language", async () => {
    const tr = bot.app.i18n.translator("en");
    const u = new TestUser(server, nextChat++, { languageCode: "en-GB" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Please choose your language.", n);
    n = u.events().length;
    u.choose("en");
    await u.expect(tr.t("dialogue:privacy.notice"), n);
    n = u.events().length;
    u.choose("ok");
    await u.expect(tr.t("dialogue:age.ask"), n);
    const typed = u.state.nextMessageId;
    u.send("I am not sure");
    await u.expect(tr.t("dialogue:age.invalid"), n);

    const others: [string, () => number][] = [
      ["sticker", () => u.sticker()],
      ["photo", () => u.photo()],
      ["voice", () => u.voice()],
      ["long text", () => u.send("3".repeat(4000))],
      ["edited message", () => u.edit(typed, "22")],
    ];
    for (const [what, send] of others) {
      const before = u.events().length;
      send();
      const m = await u.expect(tr.t("dialogue:age.ask"), before);
      // what the bot cannot read is named; text it cannot use is "not understood"
      const note = ["sticker", "photo", "voice"].includes(what) ? tr.t("dialogue:media") : tr.t("dialogue:not_understood");
      expect(m.text, what).toBe(`${note}\n\n${tr.t("dialogue:age.ask")}`);
      expect(sends(u, before), what).toHaveLength(1);
      expect(session(u)?.step, what).toBe("age");
    }
    expect(session(u)?.age).toBeUndefined();
  });

  it("words that are names in JavaScript (constructor, __proto__) are just text, not a failure", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    for (const text of ["constructor", "__proto__", "/constructor", "toString", "/__proto__"]) {
      n = u.events().length;
      u.send(text);
      const m = await u.expect("Bitte wählen Sie Ihre Sprache.", n);
      expect(m.text, text).toContain("Das habe ich nicht verstanden.");
    }
    expect(bot.logs.join("")).not.toContain("update_failed");
  });

  it("a button from an earlier question is answered, called old, and the current question shown again", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    const picker = await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    n = u.events().length;
    u.choose("de");
    await u.expect("Einverstanden?", n);
    n = u.events().length;
    u.choose("ok");
    await u.expect("Wie alt sind Sie?", n);
    n = u.events().length;
    u.press("language:en", picker.message_id);
    const again = await u.expect("Wie alt sind Sie?", n);
    const de = bot.app.i18n.translator("de");
    expect(again.text).toBe(`${de.t("dialogue:old_button")}\n\n${de.t("dialogue:age.ask")}`);
    expect(u.events().slice(n)[0]).toMatchObject({ kind: "answer" });
    expect(session(u)).toMatchObject({ step: "age", lang: "de" });
  });
});

describe("commands", () => {
  it("/help, /language, /restart and /delete do what they say; /delete erases the session", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    let n = u.events().length;
    u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    for (const id of ["de", "ok"]) {
      n = u.events().length;
      u.choose(id);
      await u.answered(n);
    }
    n = u.events().length;
    u.send("40");
    await u.expect("Aufenthaltsstatus", n);

    n = u.events().length;
    u.send("/help");
    await u.expect("Ich stelle ein paar Fragen", n);

    n = u.events().length;
    u.send("/language");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    n = u.events().length;
    u.choose("en");
    await u.expect("What is your residence status?", n);
    expect(session(u)).toMatchObject({ step: "status", lang: "en", age: 40 });

    n = u.events().length;
    u.send("/restart");
    await u.expect("How old are you?", n);
    expect(session(u)).toMatchObject({ step: "age", lang: "en" });
    expect(session(u)?.age).toBeUndefined();

    n = u.events().length;
    u.send("/delete");
    await u.expect("All your data has been deleted.", n);
    expect(session(u)).toBeUndefined();

    n = u.events().length;
    u.send("/unknowncommand");
    await u.expect("Please choose your language.", n);
  });
});

describe("groups", () => {
  it("get one calm note to write privately, and no session", async () => {
    const sessions = bot.app.sessions.count();
    const g = new TestUser(server, -1_001_234_567_890, { group: true, languageCode: "de" });
    let n = g.events().length;
    g.send("Hallo zusammen, wer hilft beim Jobcenter?");
    g.send("/start@wegweiser_test_bot");
    await g.expect("Bitte schreiben Sie mir in einem privaten Chat", n);
    await new Promise((r) => setTimeout(r, 100));
    expect(sends(g, n)).toHaveLength(1);

    n = g.events().length;
    server.inject({
      my_chat_member: {
        chat: g.state.chat,
        from: { id: 77, is_bot: false, first_name: "Admin", language_code: "en" },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: "left", user: server.bot },
        new_chat_member: { status: "member", user: server.bot },
      },
    } as never);
    await g.expect("Please write to me in a private chat", n);
    expect(bot.app.sessions.count()).toBe(sessions);
  });
});
