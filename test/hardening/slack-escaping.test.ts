// Issue 12 item 8: no user-derived string reaches Slack unescaped, in any field – the top-level
// `text` (notifications) as well as every block – and "<5" inside a code block is "&lt;5".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel, type types } from "@slack/bolt";
import type { App } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../src/channels/slack/start.js";
import { testApp } from "../helpers.js";
import { BOT_TOKEN, SIGNING_SECRET, commandBody, post, signedHeaders, startFakeSlack, type FakeSlack, type Posted } from "../channels/slack/harness.js";

let wegweiser: App;
let fake: FakeSlack;
let slack: SlackRunning;
let events: string;
let seq = 0;

beforeAll(async () => {
  wegweiser = testApp({ places: true });
  fake = await startFakeSlack();
  const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api` });
  slack = await startSlack(wegweiser, config, { host: "127.0.0.1", port: 0, logger: createLogger(LogLevel.ERROR, () => {}), today: () => "2026-11-21" });
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  wegweiser?.close();
});

async function command(text: string): Promise<Posted[]> {
  const id = `esc-${++seq}`;
  const body = commandBody(text, fake.responseUrl(id));
  expect((await post(events, body, signedHeaders(body))).status).toBe(200);
  return fake.waitFor(id, 1);
}

/** Every mrkdwn string of a message: the top-level text and each section and context text. */
function mrkdwnFields(p: Posted): string[] {
  const blocks = (p.body.blocks ?? []) as types.KnownBlock[];
  const out = [p.body.text ?? ""];
  for (const b of blocks) {
    if (b.type === "section" && b.text?.type === "mrkdwn") out.push(b.text.text);
    if (b.type === "context") for (const e of b.elements) if ("text" in e && e.type === "mrkdwn") out.push(e.text);
  }
  return out;
}

/** A `<` that Slack would read as a mention, a channel ping or a link of the attacker's. */
const live = (s: string) => /<(?!https?:\/\/[^\s<>|]+\|)/.test(s);

describe("Slack answers", () => {
  for (const input of ["ref <!here>", "ref <@U123|boss> <!channel>", "stats <!everyone> <@U123>", "contacted <#C123>"]) {
    it(`escape what was typed in every field: ${input}`, async () => {
      const [m] = await command(input);
      for (const field of mrkdwnFields(m!)) expect(live(field), field).toBe(false);
      expect(m!.body.text).toMatch(/&lt;/);
    });
  }

  it("write small counts inside the stats code block as &lt;5", async () => {
    for (let i = 0; i < 2; i++) wegweiser.stats.record({ date: "2026-10-01", place: { key: "05370016", land: "NW" }, age: 30, status: "schutz", needs: ["arbeit"], services: [], channel: "telegram" });
    const [m] = await command("stats");
    const fields = mrkdwnFields(m!);
    expect(fields.some((f) => f.includes("```") && f.includes("&lt;5"))).toBe(true);
    for (const field of fields) expect(live(field), field).toBe(false);
  });
});
