// The Telegram channel: wires bot, inbox, sender and transport (long polling by default, a
// webhook when TELEGRAM_WEBHOOK_URL is set) and stops them in order.
import { pragma } from "../../store/db.js";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { AutoRetryOptions } from "@grammyjs/auto-retry";
import { GrammyError } from "grammy";
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import type { LanguageCode } from "../../i18n/index.js";
import { createTelegramBot, errorCode, type UpdateHook } from "./bot.js";
import { menuCommands, menuLanguageCode } from "./commands.js";
import { ALLOWED_UPDATES, createProcessor, startPolling, type PollBackoff, type Poller } from "./delivery.js";
import type { Conversation } from "../../conversation.js";
import { createInbox } from "./inbox.js";
import { createLog, type Log } from "./log.js";
import { createSender, type Trace } from "./sender.js";
import { startPurging } from "../../store/purge.js";
import { createHttpServer } from "./webhook.js";

export interface TelegramOptions {
  readonly log?: Log;
  /** timing events for the benchmark */
  readonly trace?: Trace;
  readonly retry?: Partial<AutoRetryOptions>;
  /** the dialogue behind the bot; default the app's (tests put a failing store in front of it) */
  readonly conversation?: Conversation;
  /** long polling's wait after a failed call: doubling from firstMs up to maxMs */
  readonly pollBackoff?: PollBackoff;
  /** sees updates before the dialogue (the hand-over) */
  readonly hook?: UpdateHook;
}

export interface TelegramChannel {
  readonly mode: "polling" | "webhook";
  /** the HTTP port of the webhook and /healthz (webhook mode) */
  readonly port?: number;
  stop(): Promise<void>;
}

export class TelegramStartError extends Error {
  readonly code = "TELEGRAM_START";
}

const HOUR = 60 * 60 * 1000;
const WAL_TRUNCATE_MS = 10_000;
const DEFAULT_PORT = 8080;

async function setCommands(bot: ReturnType<typeof createTelegramBot>, app: App, log: Log): Promise<void> {
  const commands = (lang: LanguageCode) => menuCommands(app.i18n.translator(lang));
  const calls = [bot.api.setMyCommands(commands("de"))];
  for (const lang of app.i18n.languages) {
    const code = menuLanguageCode(lang);
    if (code) calls.push(bot.api.setMyCommands(commands(lang), { language_code: code as "de" }));
  }
  const failed = (await Promise.allSettled(calls)).filter((r) => r.status === "rejected").length;
  if (failed) log.warn("telegram.commands_not_set", { failed });
}

export async function startTelegram(app: App, config: Config, options: TelegramOptions = {}): Promise<TelegramChannel> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new TelegramStartError("TELEGRAM_BOT_TOKEN is not set");
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (webhookUrl && !secret) throw new TelegramStartError("webhook mode needs TELEGRAM_WEBHOOK_SECRET so only Telegram can call the webhook; create one with: openssl rand -hex 32");
  const mode = webhookUrl ? "webhook" : "polling";
  const log = options.log ?? createLog();
  // deferred and timed work must never end the process: a failure is logged and tried again
  const guard = (what: string, work: () => unknown) => () => {
    try {
      work();
    } catch (err) {
      log.error("telegram.deferred_failed", { work: what, error: errorCode(err) });
    }
  };
  const inbox = createInbox(app.db, Date.now, (err) => log.error("telegram.deferred_failed", { work: "flush_sent", error: errorCode(err) }));
  // the bot hands committed calls to the sender, which is made from the bot's API client
  const bot = createTelegramBot({ app, token, inbox, log, dispatch: (rows) => sender.enqueue(rows), ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}), ...(options.retry ? { retry: options.retry } : {}), ...(options.conversation ? { conversation: options.conversation } : {}), ...(options.hook ? { hook: options.hook } : {}) });
  const sender = createSender(bot.api, inbox, log, options.trace);
  try {
    await bot.init();
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) throw new TelegramStartError("Telegram refused TELEGRAM_BOT_TOKEN (401): copy the token again from BotFather");
    throw new TelegramStartError(`The Bot API at ${config.TELEGRAM_API_ROOT ?? "api.telegram.org"} did not answer getMe: check TELEGRAM_API_ROOT and the network`, { cause: err });
  }
  // calls decided before a crash go out first, then updates stored before it are processed
  sender.enqueue(inbox.unsent());
  const processor = createProcessor(bot, inbox, sender, log);
  processor.kick();
  // processed update ids older than a day go now and hourly, in chunks (no stall at start)
  const purger = startPurging([(limit) => inbox.purge(undefined, limit)], HOUR, (err) => log.error("telegram.deferred_failed", { work: "purge", error: errorCode(err) }));
  // Old page versions in the write-ahead log still hold processed updates' text: fold the log
  // into the database (where deleted payloads are zeroed) and cut it to nothing, regularly.
  const truncateWal = () => pragma(app.db, "wal_checkpoint(TRUNCATE)");
  const walTimer = setInterval(guard("wal_truncate", truncateWal), WAL_TRUNCATE_MS);
  walTimer.unref();
  void setCommands(bot, app, log);

  let server: Server | undefined;
  let poller: Poller | undefined;
  const stop = async () => {
    await purger.stop();
    clearInterval(walTimer);
    await poller?.stop();
    if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()).closeAllConnections());
    await processor.stop();
    // give answers in flight a moment; what is left goes out at the next start
    await Promise.race([sender.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
    sender.stop();
    inbox.flushSent();
    truncateWal();
    log.info("telegram.stopped", { unsent: sender.size() });
  };

  try {
    if (webhookUrl && secret) {
      server = createHttpServer({
        inbox,
        log,
        onStored: () => processor.kick(),
        health: () => ({ status: "ok", mode, pending: inbox.pendingCount(), unsent: sender.size() }),
        webhook: { path: new URL(webhookUrl).pathname, secret },
        ...(options.trace ? { trace: options.trace } : {}),
      });
      const port = config.PORT ?? DEFAULT_PORT;
      await new Promise<void>((resolve, reject) => {
        server!.once("error", (err: NodeJS.ErrnoException) =>
          reject(err.code === "EADDRINUSE" ? new TelegramStartError(`PORT ${port} is taken (by Slack over HTTP?): give the Telegram webhook its own PORT or run Slack in Socket Mode`) : err),
        );
        server!.listen(port, resolve);
      });
      // one delivery at a time: Telegram then sends a chat's updates in order
      await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 1 });
    } else {
      await bot.api.deleteWebhook();
      poller = startPolling(bot, inbox, processor, log, options.trace, options.pollBackoff);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const port = server ? (server.address() as AddressInfo).port : undefined;
  log.info("telegram.started", { mode, ...(port !== undefined ? { port } : {}) });
  return { mode, ...(port !== undefined ? { port } : {}), stop };
}
