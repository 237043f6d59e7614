// What a caseworker sees in Slack, through the real Bolt app over signed HTTP on 127.0.0.1: the
// first screen (service, outcome, where) with the sources behind a button, the answer in any of
// the ten languages to forward, a leading `de`, close suggestions only, stats for a Land.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { types } from "@slack/bolt";
import type { App } from "../../../src/app.js";
import { readConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../../src/channels/slack/start.js";
import { LANGUAGES } from "../../../src/i18n/languages.js";
import { testApp } from "../../helpers.js";
import { BOT_TOKEN, SIGNING_SECRET, actionBody, blockTexts, commandBody, post, signedHeaders, startFakeSlack, type FakeSlack } from "./harness.js";

let wegweiser: App;
let fake: FakeSlack;
let slack: SlackRunning;
let events: string;
let seq = 0;

beforeAll(async () => {
  wegweiser = testApp({ places: true });
  fake = await startFakeSlack();
  const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api` });
  slack = await startSlack(wegweiser, config, { host: "127.0.0.1", port: 0, logger: createLogger(undefined, () => {}), today: () => "2026-11-21" });
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  wegweiser?.close();
});

/** Posts a validly signed request whose response_url is a fresh one, and waits for the answer. */
async function signed(makeBody: (responseUrl: string) => string) {
  const id = `w${++seq}`;
  const body = makeBody(fake.responseUrl(id));
  const res = await post(events, body, signedHeaders(body));
  const messages = res.status === 200 ? await fake.waitFor(id, 1) : [];
  const blocks = messages.flatMap((m) => m.body.blocks ?? []);
  return { res, messages, blocks, texts: blockTexts(blocks) };
}

const command = (text: string) => signed((url) => commandBody(text, url));
const click = (value: string) => signed((url) => actionBody("wegweiser_sources", value, url));

function buttonValue(blocks: readonly types.KnownBlock[]): string {
  const actions = blocks.find((b) => b.type === "actions") as types.ActionsBlock | undefined;
  const button = actions?.elements.find((e) => e.type === "button") as types.Button | undefined;
  if (!button?.value) throw new Error("no sources button");
  return button.value;
}

describe("the first screen of a check", () => {
  it("shows service, outcome, why and where, and the sources only after the button", async () => {
    const answer = await command("22 duldung arbeit Kreis Heinsberg");
    const all = answer.texts.join("\n");
    expect(all).toMatch(/\*Jugendmigrationsdienst \(JMD\)\* – passt/);
    expect(all).toContain("→ KIM-Case-Management Kreis Heinsberg");
    expect(all).not.toMatch(/Quellen?:|`001_/);

    const sources = await click(buttonValue(answer.blocks));
    expect(sources.res.status).toBe(200);
    const listed = sources.texts.join("\n");
    expect(sources.texts[0]).toBe("Quellen der Prüfung");
    expect(listed).toMatch(/\*Jugendmigrationsdienst \(JMD\)\* – passt\n.*`001_b0d05e7187bd0276\.txt:1664-1666`/);
    // staff see everything: the sources of what does not apply too
    expect(listed).toMatch(/\*Migrationsberatung für erwachsene Zuwanderer \(MBE\)\* – passt nicht/);
    expect(sources.messages[0]!.body.response_type).toBe("ephemeral");
  });

  it("puts each need service under the needs it answers, as the terminal and the CLI do", async () => {
    const all = (await command("30 duldung wohnen gesundheit Kreis Heinsberg")).texts.join("\n");
    // the Sozialamt (AsylbLG) answers both needs, the Wohnungsamt only housing (design §5, D19)
    expect(all).toMatch(/Für Wohnen und Gesundheit: \*Sozialamt[^*]*\*/);
    expect(all).toMatch(/Für Wohnen: \*Wohnungsamt[^*]*\*/);
    expect(all).toMatch(/Für Gesundheit: \*Gesundheitsamt[^*]*\*/);
  });

  it("answers a button whose value was tampered with calmly, and refuses an unsigned click", async () => {
    expect((await click("{not json")).texts.join("\n")).toContain("Diese Prüfung lässt sich nicht mehr öffnen");
    const body = actionBody("wegweiser_sources", "{}", fake.responseUrl("unsigned"));
    const res = await post(events, body, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(401);
  });
});

describe("the language of an answer", () => {
  it("takes a leading de as the language when the line names another status", async () => {
    const german = wegweiser.i18n.translator("de");
    const withStatus = (await command("de 22 duldung arbeit Heinsberg")).texts.join("\n");
    expect(withStatus).toContain(`22 Jahre · ${german.status("duldung")}`);
    const alone = (await command("de 40 arbeit NW")).texts.join("\n");
    expect(alone).toContain(`40 Jahre · ${german.status("deutsch")}`);
  });

  it("answers in each of the ten languages for forwarding, without sources or what does not apply", async () => {
    for (const { code } of LANGUAGES) {
      const tr = wegweiser.i18n.translator(code);
      const { texts, blocks } = await command(`${code} 22 duldung arbeit Kreis Heinsberg`);
      const all = texts.join("\n");
      expect(all, code).toContain(tr.service("jmd"));
      expect(all, code).toContain(tr.t(`outcome.eligible`));
      if (code === "de" || code === "en") continue;
      expect(texts[0], code).toContain(`Zum Weiterleiten (${LANGUAGES.find((l) => l.code === code)!.name}, ${code})`);
      expect(texts[1], code).toBe(tr.t("result.title"));
      expect(all, code).toContain(tr.t("result.counselling"));
      // the person's view (D21): the Kreis entry without contact data gives way to the NRW-wide route
      expect(all, code).toContain("https://kim.nrw");
      expect(all, code).not.toContain("KIM-Case-Management Kreis Heinsberg");
      expect(texts.slice(1).join("\n"), code).not.toMatch(/Quelle|`001_|Trifft nicht zu|Does not apply/);
      expect(blocks.some((b) => b.type === "actions"), code).toBe(true);
    }
  });

  it("takes lang:ar as well, and keeps help and problems in the staff's language", async () => {
    const { texts } = await command("lang:ar 22 duldung arbeit Heinsberg");
    expect(texts[1]).toBe(wegweiser.i18n.translator("ar").t("result.title"));
    expect((await command("ar 22 arbeit")).texts.join("\n")).toContain("Der Aufenthaltsstatus fehlt");
  });
});

describe("unknown words", () => {
  it("get a suggestion only when one is close", async () => {
    expect((await command("22 dulding arbeit")).texts.join("\n")).toContain("„dulding“ kenne ich nicht – meinten Sie `duldung`");
    const far = (await command("22 ok xy arbeit")).texts.join("\n");
    expect(far).toContain("Der Aufenthaltsstatus fehlt");
    expect(far).not.toMatch(/meinten Sie|kenne ich nicht/);
  });
});

describe("stats", () => {
  it("count the needs of a Land, and of every other Land by its name", async () => {
    for (let i = 0; i < 6; i++) wegweiser.stats.record({ date: "2026-10-02", place: { key: "09162000", land: "BY" }, age: 30, status: "schutz", needs: ["wohnen"], services: [], channel: "telegram" });
    wegweiser.stats.record({ date: "2026-10-02", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["wohnen"], services: [], channel: "telegram" });
    const bayern = (await command("stats Bayern")).texts.join("\n");
    expect(bayern).toContain("Anliegen der letzten zwölf Monate – Bayern");
    expect(bayern).toMatch(/Wohnen\s+6/);
    const nrw = (await command("stats Nordrhein-Westfalen")).texts.join("\n");
    expect(nrw).toContain("– Nordrhein-Westfalen");
    // Slack reads mrkdwn inside code blocks too, so "<5" is written "&lt;5"
    expect(nrw).toMatch(/Wohnen\s+&lt;5/);
    for (const land of ["Berlin", "Sachsen", "Hamburg", "Saarland", "Thüringen"]) {
      expect((await command(`stats ${land}`)).texts.join("\n"), land).toContain(`Anliegen der letzten zwölf Monate – ${land}`);
    }
  });
});
