// Issue 12 items 1 and 11: the Telegram webhook answers 413 (not a connection reset) to bodies
// over its limit, 400 (never 500, which Telegram retries for ever) to deeply nested JSON, and
// refuses update ids outside 0…2^31.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer } from "../support/bot-api-server.js";
import { startTestBot, type TestBot } from "../support/telegram-bot.js";

const PUBLIC_URL = "https://wegweiser.example.org/telegram/webhook";
const SECRET = "s3cret-For_the-Webhook-0123456789";

let server: BotApiServer;
let bot: TestBot;
let hook: string;

beforeAll(async () => {
  server = await BotApiServer.start();
  bot = await startTestBot(server, { config: { TELEGRAM_WEBHOOK_URL: PUBLIC_URL, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: 0 } });
  hook = `http://127.0.0.1:${bot.channel.port}/telegram/webhook`;
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** Posts `body` (or `mb` megabytes of spaces) with the right secret; chunked when asked. */
function send(body: string | { mb: number }, chunked = false): Promise<number | string> {
  const size = typeof body === "string" ? Buffer.byteLength(body) : body.mb * 1024 * 1024;
  const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET, ...(chunked ? {} : { "content-length": String(size) }) };
  return new Promise((resolve) => {
    const req = request(hook, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // a reset before any answer is what the client sees as the failure
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
    if (typeof body === "string") return void req.end(body);
    const chunk = Buffer.alloc(1024 * 1024, " ");
    let i = 0;
    const write = () => {
      while (i < body.mb) {
        i += 1;
        if (req.destroyed) return;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

const update = (id: unknown) => JSON.stringify({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 70_001, type: "private" }, text: "/help" } });

describe("the Telegram webhook's limits", () => {
  it("answers 413 to a body over the limit, declared or chunked", async () => {
    expect(await send({ mb: 5 })).toBe(413);
    expect(await send({ mb: 5 }, true)).toBe(413);
  });

  it("answers 400 to JSON nested 200,000 levels deep, and the next update still goes through", async () => {
    const deep = `{"update_id":5,"x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect(await send(deep)).toBe(400);
    const nested = `{"update_id":6,"x":${"{\"a\":".repeat(100)}1${"}".repeat(100)}}`;
    expect(await send(nested)).toBe(400);
    expect(await send(update(7))).toBe(200);
  });

  it("refuses update ids outside 0…2^31 with 400 and stores none of them", async () => {
    for (const id of [-1, 2 ** 31, 2 ** 53 - 1, 1.5, "7", null]) expect(await send(update(id)), String(id)).toBe(400);
    const stored = bot.app.db.prepare("SELECT count(*) FROM telegram_inbox WHERE update_id < 0 OR update_id >= 2147483648").pluck().get();
    expect(stored).toBe(0);
    expect(await send(update(2 ** 31 - 1))).toBe(200);
  });
});
