// Socket Mode end to end: with SLACK_APP_TOKEN the real Bolt app opens its connection through
// apps.connections.open on the loopback Web API, receives a slash command envelope over a
// loopback WebSocket, acknowledges it and answers through respond().
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import { WebSocketServer, type WebSocket } from "ws";
import type { App } from "../../../src/app.js";
import { readConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../../src/channels/slack/start.js";
import { testApp } from "../../helpers.js";
import { BOT_TOKEN, blockTexts, startFakeSlack, type FakeSlack } from "./harness.js";

let wegweiser: App;
let fake: FakeSlack;
let wss: WebSocketServer;
let slack: SlackRunning;
let socket: WebSocket | undefined;
const fromClient: { envelope_id?: string; payload?: unknown }[] = [];

beforeAll(async () => {
  wegweiser = testApp();
  fake = await startFakeSlack();
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.on("listening", () => resolve()));
  fake.wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data: Buffer) => fromClient.push(JSON.parse(data.toString("utf8")) as (typeof fromClient)[number]));
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "loopback" }, connection_info: { app_id: "A0APP" } }));
  });
  const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-A0APP-1-loopback", SLACK_API_URL: `${fake.url}/api/` });
  slack = await startSlack(wegweiser, config, { logger: createLogger(LogLevel.ERROR, () => {}), today: () => "2026-11-21" });
});

afterAll(async () => {
  await slack?.stop();
  await new Promise((resolve) => wss?.close(resolve));
  await fake?.close();
  wegweiser?.close();
});

describe("Socket Mode", () => {
  it("connects through apps.connections.open on SLACK_API_URL", () => {
    expect(slack.transport).toBe("socket");
    expect(fake.apiCalls).toEqual(expect.arrayContaining(["apps.connections.open", "auth.test"]));
    expect(socket).toBeDefined();
  });

  it("acknowledges a slash command envelope and answers ephemerally through respond()", async () => {
    const envelope = {
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        token: "unused", team_id: "T0TEAM", team_domain: "loopback", channel_id: "C0CHAN", channel_name: "beratung",
        user_id: "U0STAFF", user_name: "caseworker", command: "/wegweiser", text: "40 ne sprache NW",
        api_app_id: "A0APP", is_enterprise_install: "false", response_url: fake.responseUrl("socket-1"), trigger_id: "1.2.3",
      },
    };
    socket!.send(JSON.stringify(envelope));
    const [answer] = await fake.waitFor("socket-1", 1);
    expect(fromClient.find((m) => m.envelope_id === "env-1")).toBeDefined();
    expect(answer!.body.response_type).toBe("ephemeral");
    const texts = blockTexts(answer!.body.blocks);
    expect(texts[0]).toBe("Wegweiser – Prüfung");
    expect(texts[3]).toMatch(/^\*Migrationsberatung für erwachsene Zuwanderer \(MBE\)\* – passt/);
  });
});
