// Sends the hand-over outbox: to Slack with the Web API, to the newcomer with the Bot API. Rows
// of one hand-over and side go in order; a row leaves the outbox right after it was accepted
// (or refused for good), so a kill -9 loses nothing. A post to Slack carries its row id as
// message metadata: a row tried before a crash is first looked up, so it is not posted twice.
// Rate limits and outages are waited out.
import { GrammyError, HttpError, type Api } from "grammy";
import type { webApi } from "@slack/bolt";
import type { OutboxEntry, SlackMessage, TelegramMessage } from "./store.js";
import type { HandoverService } from "./service.js";

export interface RelayLog {
  info(code: string, fields?: Record<string, string | number | boolean | undefined>): void;
  warn(code: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export interface Relay {
  /** there may be new rows in the outbox */
  kick(): void;
  /** resolves when nothing queued is left */
  idle(): Promise<void>;
  stop(): void;
}

export type RelayTrace = (target: "slack" | "telegram", outboxId: number) => void;

const MAX_BACKOFF_MS = 30_000;
export const METADATA_TYPE = "wegweiser_handover";

type Verdict = { kind: "retry"; ms: number } | { kind: "drop"; status: string } | { kind: "blocked" };

function slackVerdict(err: unknown, attempt: number): Verdict {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  if (e.code === "slack_webapi_rate_limited_error") return { kind: "retry", ms: Math.max(1, e.retryAfter ?? 1) * 1000 };
  if (e.code === "slack_webapi_platform_error") {
    // Slack's own trouble is worth another try; channel_not_found, not_in_channel, … are not
    return ["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"].includes(e.data?.error ?? "") ? { kind: "retry", ms: backoff } : { kind: "drop", status: e.data?.error ?? "platform" };
  }
  if (e.code === "slack_webapi_http_error" && e.statusCode !== undefined && e.statusCode < 500) return { kind: "drop", status: `http_${e.statusCode}` };
  return { kind: "retry", ms: backoff };
}

function telegramVerdict(err: unknown, attempt: number): Verdict {
  const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return { kind: "retry", ms: Math.max(1, err.parameters.retry_after ?? 1) * 1000 };
    if (err.error_code === 403) return { kind: "blocked" };
    return err.error_code >= 500 ? { kind: "retry", ms: backoff } : { kind: "drop", status: String(err.error_code) };
  }
  return err instanceof HttpError ? { kind: "retry", ms: backoff } : { kind: "drop", status: "unexpected" };
}

export function createRelay(service: HandoverService, slack: webApi.WebClient, telegram: Api, log: RelayLog, trace?: RelayTrace): Relay {
  const { store } = service;
  const queues = new Map<string, OutboxEntry[]>();
  let last = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });
  const settle = () => {
    if (queues.size > 0) return;
    for (const w of idleWaiters) w();
    idleWaiters = [];
  };

  const attempted = new Set<number>();
  const metadata = (row: OutboxEntry) => ({ event_type: METADATA_TYPE, event_payload: { outbox: row.id } });
  const isRow = (row: OutboxEntry) => (m: { metadata?: { event_type?: string; event_payload?: { outbox?: unknown } } }) => m.metadata?.event_type === METADATA_TYPE && m.metadata.event_payload?.outbox === row.id;

  /** The ts of the post a row made before, if Slack has it. */
  async function postedBefore(row: OutboxEntry, channel: string, threadTs: string | undefined): Promise<string | undefined> {
    const r = threadTs
      ? await slack.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 1000 })
      : await slack.conversations.history({ channel, oldest: String(Math.floor(row.createdAt / 1000) - 60), include_all_metadata: true, limit: 1000 });
    return (r.messages as { ts?: string; metadata?: { event_type?: string; event_payload?: { outbox?: unknown } } }[] | undefined)?.find(isRow(row))?.ts;
  }

  async function sendSlack(row: OutboxEntry, m: SlackMessage): Promise<void> {
    // the card's ts is known once the card is through; later rows of the same queue find it
    const ts = m.t === "card" ? undefined : (m.ts ?? store.byId(row.handoverId)?.cardTs ?? undefined);
    if (m.t === "thread" && !ts) throw Object.assign(new Error("no card"), { code: "handover_no_card" });
    let posted: string | undefined;
    if ((m.t === "card" || m.t === "thread") && (row.attempted || attempted.has(row.id))) posted = await postedBefore(row, m.channel, ts);
    if (m.t === "card" || m.t === "thread") {
      store.attempt(row.id);
      attempted.add(row.id);
    }
    switch (m.t) {
      case "card": {
        const cardTs = posted ?? String((await slack.chat.postMessage({ channel: m.channel, text: m.text, blocks: m.blocks as never, metadata: metadata(row), unfurl_links: false, unfurl_media: false })).ts);
        // one transaction: the ts is kept and the row goes, or neither
        store.transaction(() => {
          service.cardPosted(row.handoverId, m.channel, cardTs);
          store.sent(row.id);
        });
        return;
      }
      case "thread":
        if (!posted) await slack.chat.postMessage({ channel: m.channel, thread_ts: ts!, text: m.text, metadata: metadata(row), unfurl_links: false, unfurl_media: false });
        break;
      case "update":
        if (!ts) throw Object.assign(new Error("no card"), { code: "handover_no_card" });
        await slack.chat.update({ channel: m.channel, ts, text: m.text, blocks: m.blocks as never });
        break;
      case "ephemeral":
        await slack.chat.postEphemeral({ channel: m.channel, user: m.user, text: m.text, ...(ts ? { thread_ts: ts } : {}) });
        break;
    }
    store.sent(row.id);
  }

  async function sendTelegram(row: OutboxEntry, m: TelegramMessage): Promise<void> {
    await telegram.sendMessage(m.chat, m.html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(m.buttons ? { reply_markup: { inline_keyboard: [m.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } } : {}),
    });
    store.sent(row.id);
  }

  async function run(key: string, queue: OutboxEntry[]): Promise<void> {
    let attempt = 0;
    while (queue.length > 0 && !stopped) {
      const row = queue[0]!;
      try {
        // a row dropped meanwhile (the newcomer erased everything) is not sent
        if (store.queued(row.id)) {
          if (row.message === undefined) store.sent(row.id); // sealed with another key: cannot be sent
          else if (row.target === "slack") await sendSlack(row, row.message as SlackMessage);
          else await sendTelegram(row, row.message as TelegramMessage);
          trace?.(row.target, row.id);
        }
        attempt = 0;
        queue.shift();
      } catch (err) {
        if (stopped) break;
        const v = (err as { code?: string }).code === "handover_no_card" ? ({ kind: "drop", status: "no_card" } as Verdict) : row.target === "slack" ? slackVerdict(err, attempt++) : telegramVerdict(err, attempt++);
        if (v.kind === "retry") {
          log.warn("handover.call_retry", { target: row.target, handover: row.handoverId, wait_ms: v.ms });
          await pause(v.ms);
          continue;
        }
        if (v.kind === "blocked") {
          // the newcomer blocked the bot: the hand-over ends, the chat id goes
          log.info("handover.blocked", { handover: row.handoverId });
          store.transaction(() => {
            store.sent(row.id);
            const h = store.byId(row.handoverId);
            if (h && h.state !== "closed") service.end(h, "blocked");
            store.dropQueued(row.handoverId, "telegram");
          });
          kick();
        } else {
          log.warn("handover.call_refused", { target: row.target, handover: row.handoverId, status: v.status });
          store.sent(row.id);
        }
        queue.shift();
      }
    }
    if (queue.length === 0 || stopped) queues.delete(key);
    settle();
  }

  function kick(): void {
    if (stopped) return;
    for (const row of store.unsent(last)) {
      last = Math.max(last, row.id);
      const key = `${row.target}:${row.handoverId}`;
      let queue = queues.get(key);
      const start = queue === undefined;
      if (!queue) queues.set(key, (queue = []));
      queue.push(row);
      if (start) void run(key, queue);
    }
  }

  return {
    kick,
    idle: () => (queues.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
  };
}
