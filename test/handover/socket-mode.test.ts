// The hand-over over Socket Mode: with SLACK_APP_TOKEN, Take arrives as an interactive envelope
// and the caseworker's thread message as an events_api envelope on a loopback WebSocket; both
// are acknowledged, and the message reaches the newcomer in Telegram.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { LogLevel } from "@slack/bolt";
import { WebSocketServer, type WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../src/channels/slack/start.js";
import { silentLog } from "../../src/channels/telegram/log.js";
import { readConfig } from "../../src/config.js";
import { parseHandoverConfig } from "../../src/handover/config.js";
import { createHandover, type HandoverRuntime } from "../../src/handover/index.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { actionBody, SlackStandIn, SLACK_BOT_TOKEN, threadMessageBody } from "../support/slack-api-server.js";
import { startTestBot, type TestBot } from "../support/telegram-bot.js";
import { TestUser, until } from "../support/test-user.js";
import { testApp } from "../helpers.js";

describe("a hand-over over Socket Mode", () => {
  let server: BotApiServer;
  let slackApi: SlackStandIn;
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  let slack: SlackRunning;
  let bot: TestBot;
  let handover: HandoverRuntime;
  const acked: string[] = [];

  beforeAll(async () => {
    server = await BotApiServer.start();
    slackApi = await SlackStandIn.start();
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.on("listening", () => resolve()));
    slackApi.wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    wss.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (data: Buffer) => {
        const m = JSON.parse(data.toString("utf8")) as { envelope_id?: string };
        if (m.envelope_id) acked.push(m.envelope_id);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "loopback" }, connection_info: { app_id: "A0APP" } }));
    });
    const config = readConfig({ SLACK_BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-A0APP-1-loopback", SLACK_API_URL: slackApi.apiUrl, TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot });
    const app = testApp();
    handover = createHandover(app, config, parseHandoverConfig({ default_channel: "C0SOCKETMODE" }), randomBytes(32), { log: silentLog });
    slack = await startSlack(app, config, { logger: createLogger(LogLevel.ERROR, () => {}), extend: (b, logger) => handover.attachSlack(b, logger) });
    bot = await startTestBot(server, { app, telegram: { hook: handover.hook } });
    handover.start();
  });

  afterAll(async () => {
    await handover?.stop();
    await slack?.stop();
    await bot?.stop();
    await new Promise((resolve) => wss?.close(resolve));
    await slackApi?.close();
    await server?.close();
  });

  it("takes the case and relays the caseworker's message to the newcomer", { timeout: 30_000 }, async () => {
    expect(slack.transport).toBe("socket");
    const u = new TestUser(server, 83_000_001, { languageCode: "de" });
    await u.say("/start");
    await u.tap("de");
    await u.tap("ok");
    await u.say("30");
    await u.tap("schutz");
    await u.tap("done");
    await u.tap("skip");
    await u.tap("handover");
    await u.tap("yes");
    await slackApi.waitFor(() => slackApi.inChannel("C0SOCKETMODE").length === 1, 10_000, "the card");
    const card = slackApi.inChannel("C0SOCKETMODE")[0]!;
    await until(() => handover.service.store.byCard(card.channel, card.ts) !== undefined, 5_000, "the card's ts kept");

    const payload = JSON.parse(new URLSearchParams(actionBody({ user: "U0ANNA", channel: card.channel, ts: card.ts, action: "handover_take", responseUrl: slackApi.responseUrl("socket-take") })).get("payload")!) as unknown;
    socket!.send(JSON.stringify({ envelope_id: "env-take", type: "interactive", accepts_response_payload: true, payload }));
    await u.expect("hat Ihre Anfrage übernommen");
    expect(acked).toContain("env-take");

    const event = JSON.parse(threadMessageBody({ user: "U0ANNA", channel: card.channel, threadTs: card.ts, text: "Hallo, hier ist Anna über Socket Mode." })) as unknown;
    socket!.send(JSON.stringify({ envelope_id: "env-message", type: "events_api", accepts_response_payload: false, payload: event }));
    await u.expect("Hallo, hier ist Anna über Socket Mode.");
    expect(acked).toContain("env-message");
  });
});
