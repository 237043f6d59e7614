// The hand-over wired together (design D22): store, service, the Telegram hook, the Slack
// handlers, the relay that sends the outbox both ways, and the purge of idle hand-overs.
import { webApi, type App as BoltApp, type Logger } from "@slack/bolt";
import { Api } from "grammy";
import type { App } from "../app.js";
import type { UpdateHook } from "../channels/telegram/bot.js";
import type { Config } from "../config.js";
import type { HandoverConfig } from "./config.js";
import { createRelay, type Relay, type RelayLog, type RelayTrace } from "./relay.js";
import { createSealer } from "./seal.js";
import { createHandoverService, type HandoverService } from "./service.js";
import { attachHandoverToSlack } from "./slack-handlers.js";
import { createHandoverStore } from "./store.js";
import { createTelegramHook } from "./telegram-hook.js";

const HOUR = 60 * 60 * 1000;

export interface HandoverRuntime {
  readonly service: HandoverService;
  readonly hook: UpdateHook;
  /** registers Take, Close and thread messages on the Slack app */
  attachSlack(bolt: BoltApp, logger: Logger): void;
  /** starts sending what is queued (also what a previous run left) and the hourly purge */
  start(): void;
  /** ends idle hand-overs and forgets old closed ones; returns how many ended */
  purge(now?: number): number;
  readonly relay: () => Relay | undefined;
  stop(): Promise<void>;
}

export interface HandoverOptions {
  readonly log: RelayLog;
  readonly trace?: RelayTrace;
  readonly clock?: () => number;
  readonly today?: () => string;
}

/** Slack's WebClient joins method names onto the base URL, so the base must end with "/". */
const apiBase = (url: string | undefined) => (url === undefined ? undefined : url.endsWith("/") ? url : `${url}/`);

export function createHandover(app: App, config: Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_API_URL" | "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT">, routing: HandoverConfig, secret: Buffer, options: HandoverOptions): HandoverRuntime {
  if (!config.SLACK_BOT_TOKEN || !config.TELEGRAM_BOT_TOKEN) throw new Error("the hand-over needs SLACK_BOT_TOKEN and TELEGRAM_BOT_TOKEN");
  const store = createHandoverStore(app.db, createSealer(secret), options.clock);
  const service = createHandoverService(app, routing, store, options.today);
  let relay: Relay | undefined;
  let timer: NodeJS.Timeout | undefined;
  const kick = () => relay?.kick();

  const purge = (now?: number) => {
    const idle = store.idle(now);
    store.transaction(() => {
      for (const h of idle) service.end(h, "expired");
      store.purgeClosed(now);
    });
    if (idle.length) kick();
    return idle.length;
  };

  return {
    service,
    hook: createTelegramHook(app, service, kick, options.log),
    relay: () => relay,
    attachSlack: (bolt, logger) => attachHandoverToSlack(bolt, app, service, kick, logger),
    purge,
    start() {
      const slackApiUrl = apiBase(config.SLACK_API_URL);
      // no retries inside the client: the relay keeps a row until it is through, in order
      const slack = new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      const telegram = new Api(config.TELEGRAM_BOT_TOKEN!, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined);
      relay = createRelay(service, slack, telegram, options.log, options.trace);
      // timed work must never end the process: a busy or full database is reported and tried again
      const guardedPurge = () => {
        try {
          purge();
        } catch (err) {
          options.log.warn("handover.purge_failed", { code: (err as { code?: string }).code ?? "error" });
        }
      };
      guardedPurge();
      relay.kick();
      timer = setInterval(guardedPurge, HOUR);
      timer.unref();
      options.log.info("handover.started", { routes: routing.routes.length, default_channel: routing.defaultChannel !== undefined });
    },
    async stop() {
      if (timer) clearInterval(timer);
      // give messages in flight a moment; what is left goes out at the next start
      if (relay) await Promise.race([relay.idle(), new Promise((r) => setTimeout(r, 3000).unref())]);
      relay?.stop();
    },
  };
}
