// Issue 12 item 1: the Slack receiver refuses oversized bodies with 413 – by Content-Length and,
// without one, by counting bytes – before Bolt buffers them; valid commands still answer.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import type { App } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/channels/slack/logger.js";
import { MAX_SLACK_BODY_BYTES } from "../../src/channels/slack/receiver.js";
import { startSlack, type SlackRunning } from "../../src/channels/slack/start.js";
import { testApp } from "../helpers.js";
import { BOT_TOKEN, SIGNING_SECRET, commandBody, nowSeconds, post, signedHeaders, startFakeSlack, type FakeSlack } from "../channels/slack/harness.js";

let wegweiser: App;
let fake: FakeSlack;
let slack: SlackRunning;
let events: string;
let handled = 0;
const logs: string[] = [];

beforeAll(async () => {
  wegweiser = testApp();
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

/** Sends `mb` megabytes with a fresh timestamp and a made-up signature, chunked or with a length. */
function bigRequest(mb: number, chunked: boolean): Promise<number> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(nowSeconds()),
    "x-slack-signature": "v0=0000000000000000000000000000000000000000000000000000000000000000",
    ...(chunked ? {} : { "content-length": String(mb * 1024 * 1024) }),
  };
  return new Promise((resolve, reject) => {
    const req = request(events, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err: NodeJS.ErrnoException) => (["EPIPE", "ECONNRESET"].includes(err.code ?? "") ? undefined : reject(err)));
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let i = 0;
    const write = () => {
      while (i < mb) {
        i += 1;
        if (req.destroyed) return;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("the Slack HTTP receiver under oversized bodies", () => {
  it("answers 413 to a body declared larger than the limit, and to a chunked one that grows past it", async () => {
    const before = handled;
    expect(await bigRequest(100, false)).toBe(413);
    expect(await bigRequest(100, true)).toBe(413);
    expect(handled).toBe(before);
    expect(logs.some((l) => l.includes("SLACK_REQUEST_REJECTED reason=too_large"))).toBe(true);
  });

  it("still takes a body just under the limit to the signature check (401 for a wrong signature)", async () => {
    const body = "x".repeat(MAX_SLACK_BODY_BYTES - 10);
    const res = await post(events, body, { ...signedHeaders("other"), "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(401);
  });

  it("answers a valid command while four 100 MB bodies arrive", async () => {
    const attacks = [bigRequest(100, true), bigRequest(100, false), bigRequest(100, true), bigRequest(100, false)];
    const id = "valid-under-attack";
    const body = commandBody("help", fake.responseUrl(id));
    const res = await post(events, body, signedHeaders(body));
    expect(res.status).toBe(200);
    expect(await fake.waitFor(id, 1)).toHaveLength(1);
    expect(await Promise.all(attacks)).toEqual([413, 413, 413, 413]);
  });
});
