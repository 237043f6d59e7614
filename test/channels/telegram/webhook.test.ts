// Webhook mode: the bot registers its URL and secret, the Bot API server delivers through a
// loopback route (as a TLS-terminating proxy would), a wrong or missing secret is refused with
// 401 before the body is read, redeliveries are recognised by update_id, /healthz answers.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretMatches } from "../../../src/channels/telegram/webhook.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../../support/telegram-bot.js";
import { TestUser } from "../../support/test-user.js";

const PUBLIC_URL = "https://wegweiser.example.org/telegram/webhook";
const SECRET = "s3cret-For_the-Webhook-0123456789";

let server: BotApiServer;
let bot: TestBot;
let local: string;

beforeAll(async () => {
  server = await BotApiServer.start();
  bot = await startTestBot(server, { config: { TELEGRAM_WEBHOOK_URL: PUBLIC_URL, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: 0 } });
  local = `http://127.0.0.1:${bot.channel.port}`;
  server.webhookRoutes.set(PUBLIC_URL, `${local}/telegram/webhook`);
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** A raw request: headers first, and the body only if `body` is given. */
function post(path: string, headers: Record<string, string>, body?: string, declaredLength?: number): Promise<{ status: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(`${local}${path}`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(declaredLength ?? Buffer.byteLength(body ?? "")), ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - t0 }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    if (declaredLength === undefined) req.end();
    else req.flushHeaders();
  });
}

describe("webhook mode", () => {
  it("registers the webhook with its secret instead of polling", () => {
    expect(bot.channel.mode).toBe("webhook");
    expect(server.webhook).toEqual({ url: PUBLIC_URL, secret: SECRET, maxConnections: 1 });
    expect(server.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("carries a conversation, each update confirmed only after the bot answered 200", async () => {
    const u = new TestUser(server, 61_001, { languageCode: "uk" });
    let n = u.events().length;
    u.send("/start");
    const picker = await u.expect(bot.app.i18n.translator("uk").t("dialogue:language.ask"), n);
    expect(u.labelsOf(picker)).toContain("✓ Українська");
    n = u.events().length;
    u.choose("de");
    await u.expect("Einverstanden?", n);
    n = u.events().length;
    u.choose("ok");
    await u.expect("Wie alt sind Sie?", n);
    expect(server.webhookAttempts.filter((a) => a.status === 200)).toHaveLength(3);
    expect(server.confirmed.size).toBe(3);
  });

  it("refuses a wrong or missing secret with 401, before reading the body", async () => {
    const update = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5, type: "private" }, text: "/delete" } });
    expect((await post("/telegram/webhook", { "x-telegram-bot-api-secret-token": "wrong-secret-0123456789" }, update)).status).toBe(401);
    expect((await post("/telegram/webhook", {}, update)).status).toBe(401);
    expect((await post("/telegram/webhook", { "x-telegram-bot-api-secret-token": `${SECRET}x` }, update)).status).toBe(401);
    // headers announce 50 MB that never come: the answer does not wait for them
    const early = await post("/telegram/webhook", { "x-telegram-bot-api-secret-token": "nope" }, undefined, 50 * 1024 * 1024);
    expect(early.status).toBe(401);
    expect(early.ms).toBeLessThan(2_000);
    expect(bot.app.db.prepare("SELECT count(*) FROM telegram_inbox WHERE update_id = 1").pluck().get()).toBe(0);
  });

  it("answers 400 to a body that is not an update, and 404 elsewhere", async () => {
    expect((await post("/telegram/webhook", { "x-telegram-bot-api-secret-token": SECRET }, "{not json")).status).toBe(400);
    expect((await post("/telegram/webhook", { "x-telegram-bot-api-secret-token": SECRET }, '{"message":{}}')).status).toBe(400);
    expect((await post("/other", { "x-telegram-bot-api-secret-token": SECRET }, "{}")).status).toBe(404);
  });

  it("processes a redelivered update once", async () => {
    const u = new TestUser(server, 61_002, { languageCode: "de" });
    const n = u.events().length;
    const id = u.send("/start");
    await u.expect("Bitte wählen Sie Ihre Sprache.", n);
    server.redeliver(id);
    await server.waitFor(() => server.webhookAttempts.filter((a) => a.update_id === id && a.status === 200).length === 2, 5_000, "the redelivery");
    await new Promise((r) => setTimeout(r, 200));
    expect(u.events().slice(n).filter((e) => e.kind === "send")).toHaveLength(1);
  });

  it("has a health endpoint", async () => {
    const r = await fetch(`${local}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ok", mode: "webhook", pending: 0 });
  });
});

describe("the secret comparison", () => {
  it("is false for any other value, whatever its length, and never throws", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    for (const other of ["", "s", SECRET.slice(0, -1), `${SECRET}0`, SECRET.toUpperCase(), "x".repeat(10_000)]) expect(secretMatches(other, SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches([SECRET, SECRET], SECRET)).toBe(false);
  });
});
