// `/wegweiser` end to end over HTTP: the real Bolt app on 127.0.0.1, real signed requests,
// and the answer as Bolt's respond() posts it to a loopback response_url.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import type { App } from "../../../src/app.js";
import { readConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../../src/channels/slack/start.js";
import { testApp } from "../../helpers.js";
import { createReferral, dialogueDeps } from "../../../src/conversation.js";
import { formatCode } from "../../../src/referrals/code.js";
import { BOT_TOKEN, SIGNING_SECRET, blockTexts, commandBody, nowSeconds, post, sign, signedHeaders, startFakeSlack, type FakeSlack } from "./harness.js";

let wegweiser: App;
let fake: FakeSlack;
let slack: SlackRunning;
let events: string;
const logs: string[] = [];
/** how often Bolt's middleware chain, and so the command handler, ran */
let handled = 0;
let seq = 0;

beforeAll(async () => {
  wegweiser = testApp({ places: true });
  fake = await startFakeSlack();
  const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api` });
  slack = await startSlack(wegweiser, config, { host: "127.0.0.1", port: 0, logger: createLogger(LogLevel.DEBUG, (l) => logs.push(l)), today: () => "2026-11-21" });
  slack.bolt.use(async ({ next }) => {
    handled += 1;
    await next();
  });
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  wegweiser?.close();
});

beforeEach(() => {
  seq += 1;
});

/** Sends one validly signed command and returns the HTTP answer and the posted messages. */
async function command(text: string, expected = 1) {
  const id = `c${seq}-${Math.random().toString(36).slice(2)}`;
  const body = commandBody(text, fake.responseUrl(id));
  const res = await post(events, body, signedHeaders(body));
  const messages = res.status === 200 ? await fake.waitFor(id, expected) : [];
  return { res, messages, texts: messages.flatMap((m) => blockTexts(m.body.blocks)), id };
}

describe("a valid signed /wegweiser check", () => {
  it("is acknowledged with 200 and answered only to the caller with the counselling service first", async () => {
    const before = handled;
    const { res, messages, texts } = await command("22 duldung arbeit sprache Kreis Heinsberg");
    expect(res.status).toBe(200);
    expect(handled).toBe(before + 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body.response_type).toBe("ephemeral");
    expect(fake.apiCalls).toContain("auth.test");

    const at = (needle: string) => texts.findIndex((t) => t.includes(needle));
    expect(texts[0]).toBe("Wegweiser – Prüfung");
    expect(texts[1]).toContain("22 Jahre · Duldung · Anliegen: Arbeit und Deutsch lernen · Ort: Kreis Heinsberg (05370)");
    // the counselling service, with reasons, an office and its sources
    expect(texts[2]).toBe("*Beratungsstelle für die Person*");
    expect(texts[3]).toMatch(/^\*Jugendmigrationsdienst \(JMD\)\* – passt\n• Alter 22: passt/);
    expect(texts[3]).toContain("→ jmd4you");
    // the first screen is service, outcome, why and where: the sources wait behind a button
    expect(texts[4]).toBe("*Auch möglich*");
    expect(texts.join("\n")).not.toMatch(/Quellen?:|001_b0d05e7187bd0276/);
    const button = messages.at(-1)!.body.blocks!.find((b) => b.type === "actions");
    expect(button).toMatchObject({ type: "actions", elements: [{ type: "button", action_id: "wegweiser_sources", text: { text: "Quellen anzeigen" } }] });
    // then the offices per need, then what does not apply, with the failing condition and its source
    expect(at("KIM-Case-Management Kreis Heinsberg")).toBeGreaterThan(at("*Auch möglich*"));
    expect(at("*Stellen für die Anliegen*")).toBeGreaterThan(at("*Auch möglich*"));
    expect(texts[at("*Stellen für die Anliegen*") + 1]).toMatch(/^Für Arbeit: \*Agentur für Arbeit\* – passt unter einer Bedingung/);
    expect(at("*Trifft nicht zu*")).toBeGreaterThan(at("*Stellen für die Anliegen*"));
    const notApplicable = texts[at("*Trifft nicht zu*") + 1]!;
    expect(notApplicable).toMatch(/• \*Migrationsberatung für erwachsene Zuwanderer \(MBE\)\* – Alter 22: erst ab 27 Jahren$/m);
    expect(notApplicable).toContain("*Jobcenter* – Aufenthaltsstatus Duldung: passt nicht");
    expect(texts.at(-1)).toContain("keine rechtliche Entscheidung");
  });

  it("answers in English after a leading en", async () => {
    const { texts } = await command("en 40 ne sprache NW");
    expect(texts[0]).toBe("Wegweiser – check");
    expect(texts).toContain("*Counselling service for this person*");
    expect(texts.join("\n")).toContain("*Migration counselling for adult immigrants (MBE)* – fits");
  });

  it("keeps a long answer within Block Kit's limits", async () => {
    const { messages } = await command("30 unbekannt sprache schule ausbildung arbeit anerkennung leistungen wohnen gesundheit aufenthalt einbuergerung familie kinderbetreuung behinderung diskriminierung engagement orientierung 52525");
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages.length).toBeLessThanOrEqual(3);
    for (const m of messages) {
      const blocks = m.body.blocks ?? [];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) {
        if (b.type === "section") expect(b.text!.text.length).toBeLessThanOrEqual(3000);
        if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(150);
        if (b.type === "context") expect(b.elements.length).toBeLessThanOrEqual(10);
      }
    }
    const all = messages.flatMap((m) => blockTexts(m.body.blocks)).join("\n");
    expect(all).toContain("*Gesundheitslotsen*");
    expect(all).toContain("*Jugendamt*");
  });

  it("shows help in German and English", async () => {
    const { texts } = await command("help");
    expect(texts).toContain("Wegweiser – Hilfe");
    expect(texts).toContain("Wegweiser – help");
    const all = texts.join("\n");
    expect(all).toContain("*Aufbau:* `/wegweiser ALTER STATUS [ANLIEGEN …] [ORT]`");
    expect(all).toContain("*Syntax:* `/wegweiser AGE STATUS [NEED …] [PLACE]`");
    expect(all).toContain("`duldung`");
    expect(all).toContain("`orientierung`");
  });

  it("shows the help for an empty command too", async () => {
    const { texts } = await command("");
    expect(texts).toContain("Wegweiser – Hilfe");
  });

  it("names an unknown word back with the closest valid ones", async () => {
    const { texts } = await command("22 dulding arbeit Heinsberg");
    const all = texts.join("\n");
    expect(all).toContain("*Das konnte ich nicht lesen*");
    expect(all).toContain("„dulding“ kenne ich nicht – meinten Sie `duldung`");
    expect(all).toContain("Der Aufenthaltsstatus fehlt");
  });

  it("answers a missing age with the usage line", async () => {
    const { texts } = await command("duldung arbeit Heinsberg");
    const all = texts.join("\n");
    expect(all).toContain("Das Alter fehlt");
    expect(all).toContain("So geht's: `/wegweiser ALTER STATUS [ANLIEGEN …] [ORT]`");
  });

  it("lists the candidates of an ambiguous place", async () => {
    const { texts } = await command("22 duldung Lage");
    expect(texts.join("\n")).toMatch(/„Lage“ gibt es mehrmals: Lage \(Kreis Lippe, Nordrhein-Westfalen, 05766040\); Lage \(.*Niedersachsen, 03456013\)/);
  });

  it("shows a referral by its code, moves it to contacted and closed, and answers an unknown code clearly", async () => {
    const referral = createReferral(wegweiser, dialogueDeps(wegweiser, () => "2026-11-21"), {
      v: 1, step: "result", lang: "ar", privacyAccepted: true, age: 22, status: "duldung", needs: ["arbeit"],
      place: { key: "05370016", name: "Heinsberg", land: "NW", level: "gemeinde" }, history: [],
    });
    const code = formatCode(referral.code);
    const shown = (await command(`ref ${code.toLowerCase()}`)).texts.join("\n");
    expect(shown).toContain(`Überweisung ${code}`);
    // the staff's wording, not the slip handed to the person
    expect(shown).toContain("Ausgestellt am 21. November 2026 · gültig bis 19. Februar 2027");
    expect(shown).toContain("*Person:* 18-26 Jahre · Duldung · Anliegen: Arbeit · Kreis Heinsberg (05370)");
    expect(shown).toContain("*Sprache der Person:* العربية (ar)");
    expect(shown).toMatch(/• \*Jugendmigrationsdienst \(JMD\)\* – passt\n {3}Alter 18-26: passt/);
    expect(shown).not.toMatch(/Zeigen Sie diesen Schein|Überweisungsschein/);
    expect(shown).toContain("Stand: offen seit 2026-11-21");
    expect(shown).toMatch(/Regelstand [0-9a-f]{12}/);
    expect((await command(`contacted ${code}`)).texts.join("\n")).toContain(`${code}: Kontakt aufgenommen`);
    expect((await command(`close ${code}`)).texts.join("\n")).toContain(`${code}: abgeschlossen`);
    expect(wegweiser.referrals.get(referral.code, "2026-11-21")?.state).toBe("closed");
    expect((await command("ref ZZZZZ-ZZZZZ")).texts.join("\n")).toContain("Keine Überweisung ZZZZZ-ZZZZZ – unbekannt oder nach 90 Tagen abgelaufen.");
    expect((await command("ref ABC123")).texts.join("\n")).toContain("„ABC123“ ist kein Überweisungscode");
  });

  it("counts needs for a place with small cells shown as <5", async () => {
    for (let i = 0; i < 6; i++) wegweiser.stats.record({ date: "2026-11-02", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["arbeit"], services: [], channel: "telegram" });
    wegweiser.stats.record({ date: "2026-11-02", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["wohnen"], services: [], channel: "telegram" });
    const all = (await command("stats Kreis Heinsberg")).texts.join("\n");
    expect(all).toContain("Anliegen der letzten zwölf Monate – Kreis Heinsberg");
    expect(all).toMatch(/Arbeit\s+6/);
    expect(all).toMatch(/Wohnen\s+&lt;5/);
    expect(all).not.toMatch(/Wohnen\s+1\b/);
  });

  it("limits code look-ups per staff member", async () => {
    // the earlier tests used some of the 10 look-ups of this user; the 11th within ten minutes is refused
    let refused = "";
    for (let i = 0; i < 12 && !refused; i++) {
      const t = (await command("ref ZZZZZ-ZZZZ2")).texts.join("\n");
      if (t.includes("Zu viele Abfragen")) refused = t;
    }
    expect(refused).toContain("Zu viele Abfragen in kurzer Zeit");
  });

  it("never logs what staff typed", () => {
    expect(logs.some((l) => l.includes("SLACK_COMMAND_ANSWERED command=check"))).toBe(true);
    for (const word of ["duldung", "Heinsberg", "dulding", "Lage", "ABC123", "ZZZZZ"]) expect(logs.filter((l) => l.toLowerCase().includes(word.toLowerCase()))).toEqual([]);
  });
});

describe("requests Slack did not sign", () => {
  /** Posts and checks that Bolt's chain never ran and nothing was answered. */
  async function rejected(body: string, headers: Record<string, string>) {
    const before = handled;
    const postedBefore = fake.posted.length;
    const res = await post(events, body, headers);
    await new Promise((r) => setTimeout(r, 100));
    expect(handled).toBe(before);
    expect(fake.posted.length).toBe(postedBefore);
    return res.status;
  }
  const body = () => commandBody("22 duldung arbeit Heinsberg", fake.responseUrl(`rejected-${seq}`));

  it("rejects a signature made with another secret", async () => {
    const b = body();
    expect(await rejected(b, signedHeaders(b, nowSeconds(), "another-secret-of-32-characters!"))).toBe(401);
  });

  it("rejects a body with one byte altered after signing", async () => {
    const b = body();
    const headers = signedHeaders(b);
    const altered = b.replace("text=22", "text=23");
    expect(altered).not.toBe(b);
    expect(await rejected(altered, headers)).toBe(401);
  });

  it("rejects a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const b = body();
    expect(await rejected(b, signedHeaders(b, nowSeconds() - 5 * 60 - 30))).toBe(401);
  });

  it("rejects a correctly signed request whose timestamp is more than 5 minutes ahead", async () => {
    const b = body();
    expect(await rejected(b, signedHeaders(b, nowSeconds() + 5 * 60 + 30))).toBe(401);
    expect(logs.some((l) => l.includes("SLACK_REQUEST_REJECTED reason=future_timestamp"))).toBe(true);
  });

  it("rejects requests without signature or timestamp headers", async () => {
    const b = body();
    const ts = nowSeconds();
    const type = { "content-type": "application/x-www-form-urlencoded" };
    expect(await rejected(b, type)).toBe(401);
    expect(await rejected(b, { ...type, "x-slack-request-timestamp": String(ts) })).toBe(401);
    expect(await rejected(b, { ...type, "x-slack-signature": sign(b, ts) })).toBe(401);
    expect(await rejected(b, { ...type, "x-slack-signature": sign(b, ts), "x-slack-request-timestamp": "soon" })).toBe(401);
  });

  it("still accepts a correctly signed request within the window, 4 minutes off either way", async () => {
    for (const skew of [-240, 240]) {
      const id = `window-${skew}`;
      const b = commandBody("40 ne", fake.responseUrl(id));
      const before = handled;
      const res = await post(events, b, signedHeaders(b, nowSeconds() + skew));
      expect(res.status).toBe(200);
      expect(handled).toBe(before + 1);
      expect(await fake.waitFor(id, 1)).toHaveLength(1);
    }
  });
});
