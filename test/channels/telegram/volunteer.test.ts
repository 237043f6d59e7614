// Volunteer mode in the chat: `/check 22 duldung arbeit Heinsberg` answers like the result of a
// conversation without storing anything; `/ref CODE` shows a slip; look-ups are rate-limited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReferral, dialogueDeps } from "../../../src/conversation.js";
import { formatCode } from "../../../src/referrals/code.js";
import { todayInGermany } from "../../../src/text/today.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser } from "../../support/test-user.js";

let server: BotApiServer;
let bot: TestBot;
let nextChat = 52_000_001;

beforeAll(async () => {
  server = await BotApiServer.start();
  bot = await startTestBot(server, { places: true });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

const texts = (u: TestUser, since: number) => u.messages().filter((m) => u.events().slice(since).some((e) => e.kind === "send" && e.message_id === m.message_id)).map((m) => m.text).join("\n");

describe("/check for volunteers", () => {
  it("answers the one-line check in the helper's language and stores nothing", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "de" });
    const sessions = bot.app.sessions.count();
    const stats = bot.app.stats.total();
    const since = u.events().length;
    await u.expect("Passt nicht für Sie", (u.send("/check 22 duldung arbeit Kreis Heinsberg"), since));
    const all = texts(u, since);
    expect(all).toContain("Schnellprüfung für Helfende – nichts wird gespeichert.");
    expect(all).toContain("Ihre Beratungsstelle");
    expect(all).toContain("Jugendmigrationsdienst (JMD)");
    expect(all).toContain("Agentur für Arbeit");
    expect(bot.app.sessions.count()).toBe(sessions);
    expect(bot.app.stats.total()).toBe(stats);
  });

  it("names an unknown word back and shows the usage, in Ukrainian", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "uk" });
    const tr = bot.app.i18n.translator("uk");
    const since = u.events().length;
    u.send("/check 22 dulding Heinsberg");
    await u.expect(tr.t("dialogue:volunteer.problems"), since);
    expect(texts(u, since)).toContain("duldung");
    const empty = u.events().length;
    u.send("/check");
    await u.expect("/check", empty);
  });
});

describe("/ref for volunteers", () => {
  it("shows the slip a newcomer got, with its state, and answers unknown codes clearly", async () => {
    const referral = createReferral(bot.app, dialogueDeps(bot.app), {
      v: 1, step: "result", lang: "ar", privacyAccepted: true, age: 30, status: "schutz", needs: ["sprache"],
      place: { key: "05370016", name: "Heinsberg", land: "NW", level: "gemeinde" }, history: [],
    });
    expect(referral.createdOn).toBe(todayInGermany());
    const u = new TestUser(server, nextChat++, { languageCode: "en" });
    let since = u.events().length;
    u.send(`/ref ${formatCode(referral.code).toLowerCase()}`);
    await u.expect("State: open", since);
    const all = texts(u, since);
    expect(all).toContain(`Code: ${formatCode(referral.code)}`);
    expect(all).toContain("For the office, in German:");
    expect(all).toContain("Integrationskurs (BAMF)");
    since = u.events().length;
    u.send("/ref ZZZZZ-ZZZZZ");
    await u.expect("There is no referral slip with the code ZZZZZ-ZZZZZ", since);
    since = u.events().length;
    u.send("/ref hello");
    await u.expect("This is not a referral code.", since);
  });

  it("refuses more than 10 look-ups in ten minutes", async () => {
    const u = new TestUser(server, nextChat++, { languageCode: "en" });
    for (let i = 0; i < 10; i++) await u.say("/ref ZZZZZ-ZZZZ2");
    const since = u.events().length;
    u.send("/ref ZZZZZ-ZZZZ2");
    await u.expect("Too many look-ups in a short time.", since);
  });
});
