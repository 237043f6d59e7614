// The one error boundary: when the check fails inside (here: the database is gone), staff get
// a calm message with a reference, and the log has the code and the reference, not the input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import type { App } from "../../../src/app.js";
import { readConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../../src/channels/slack/start.js";
import { testApp } from "../../helpers.js";
import { BOT_TOKEN, SIGNING_SECRET, blockTexts, commandBody, post, signedHeaders, startFakeSlack, type FakeSlack } from "./harness.js";

let wegweiser: App;
let fake: FakeSlack;
let slack: SlackRunning;
const logs: string[] = [];

beforeAll(async () => {
  wegweiser = testApp();
  fake = await startFakeSlack();
  const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url + "/api" });
  slack = await startSlack(wegweiser, config, { host: "127.0.0.1", port: 0, logger: createLogger(LogLevel.INFO, (l) => logs.push(l)) });
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

describe("the Slack error boundary", () => {
  it("answers calmly with a reference and logs only the code and the reference", async () => {
    wegweiser.close();
    const body = commandBody("22 duldung arbeit 05370", fake.responseUrl("broken"));
    const res = await post(`http://127.0.0.1:${slack.port}/slack/events`, body, signedHeaders(body));
    expect(res.status).toBe(200);
    const [answer] = await fake.waitFor("broken", 1);
    const text = blockTexts(answer!.body.blocks).join("\n");
    const ref = /Referenz ([0-9a-f]{8})/.exec(text)?.[1];
    expect(text).toContain("Das hat leider nicht geklappt.");
    expect(ref).toBeDefined();
    const failure = logs.filter((l) => l.includes("SLACK_COMMAND_FAILED"));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toContain(`command=check ref=${ref}`);
    expect(logs.join("\n")).not.toMatch(/duldung|05370|arbeit/);
  });
});
