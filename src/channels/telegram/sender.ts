// Sends the outbox: messages in order within a chat, chats (and answers to taps) side by side. A call leaves the outbox only
// when Telegram accepted it or refused it for good; rate limits and outages are waited out.
import { setMaxListeners } from "node:events";
import { GrammyError, HttpError, type Api } from "grammy";
import type { Inbox, OutboxRow } from "./inbox.js";
import type { Log } from "./log.js";
import { isEntityError, plainPayload } from "./plain.js";
import type { ApiCall } from "./render.js";

export type TraceEvent = "stored" | "handed" | "sent";
/** Timing hook for the benchmark: an update stored, a call for it handed to the API client, a call accepted. */
export type Trace = (event: TraceEvent, updateId: number, method?: string) => void;

export interface Sender {
  enqueue(rows: readonly OutboxRow[]): void;
  /** calls queued and not yet accepted */
  size(): number;
  /** resolves when every queued call is through */
  idle(): Promise<void>;
  /** resolves when fewer than `limit` calls are queued */
  below(limit: number): Promise<void>;
  /** stops waiting and retrying; what is unsent stays in the outbox for the next start */
  stop(): void;
}

const MAX_BACKOFF_MS = 30_000;

/** grammY types its signal with the abort-controller shim; Node's own AbortSignal is what it gets at run time. */
export type ApiSignal = Parameters<Api["raw"]["getMe"]>[0];
export const apiSignal = (signal: AbortSignal): ApiSignal => signal as unknown as ApiSignal;

async function callApi(api: Api, call: ApiCall, abortSignal: AbortSignal): Promise<unknown> {
  const signal = apiSignal(abortSignal);
  // the payloads were built for these methods (render.ts); the readonly types only differ in mutability
  switch (call.method) {
    case "sendMessage":
      return api.raw.sendMessage(call.payload as Parameters<Api["raw"]["sendMessage"]>[0], signal);
    case "editMessageReplyMarkup":
      return api.raw.editMessageReplyMarkup(call.payload as Parameters<Api["raw"]["editMessageReplyMarkup"]>[0], signal);
    case "answerCallbackQuery":
      return api.raw.answerCallbackQuery(call.payload, signal);
    case "setMyCommands":
      return api.raw.setMyCommands(call.payload as Parameters<Api["raw"]["setMyCommands"]>[0], signal);
    case "deleteMyCommands":
      return api.raw.deleteMyCommands(call.payload, signal);
  }
}

/** How long to wait before trying again, or "drop" when another try cannot succeed. */
function verdict(err: unknown, attempt: number): number | "drop" {
  const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return Math.max(1, err.parameters.retry_after ?? 1) * 1000;
    return err.error_code >= 500 ? backoff : "drop";
  }
  return err instanceof HttpError ? backoff : "drop";
}

export function createSender(api: Api, inbox: Inbox, log: Log, trace?: Trace): Sender {
  const queues = new Map<string, OutboxRow[]>();
  let total = 0;
  let waiters: { limit: number; resolve: () => void }[] = [];
  const stopping = new AbortController();

  // every call in flight listens on this one signal
  setMaxListeners(0, stopping.signal);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const stop = () => (clearTimeout(t), resolve());
      const t = setTimeout(() => (stopping.signal.removeEventListener("abort", stop), resolve()), ms);
      stopping.signal.addEventListener("abort", stop, { once: true });
    });

  const done = (queue: OutboxRow[], row: OutboxRow) => {
    inbox.sent(row.id);
    queue.shift();
    total--;
    if (waiters.length > 0) waiters = waiters.filter((w) => (total < w.limit ? (w.resolve(), false) : true));
  };

  const below = (limit: number): Promise<void> =>
    total < limit || stopping.signal.aborted ? Promise.resolve() : new Promise((resolve) => waiters.push({ limit, resolve }));

  async function run(chat: string, queue: OutboxRow[]): Promise<void> {
    let attempt = 0;
    while (queue.length > 0 && !stopping.signal.aborted) {
      const row = queue[0]!;
      try {
        trace?.("handed", row.updateId, row.call.method);
        await callApi(api, row.call, stopping.signal);
        trace?.("sent", row.updateId, row.call.method);
        attempt = 0;
        done(queue, row);
      } catch (first) {
        let err = first;
        if (stopping.signal.aborted) break;
        const plain = err instanceof GrammyError && err.error_code === 400 && isEntityError(err.description) ? plainPayload(row.call) : undefined;
        if (plain) {
          // the HTML was refused (an office's text Telegram cannot parse): the answer still goes out, as plain text
          log.warn("telegram.sent_as_plain", { update: row.updateId });
          try {
            await api.raw.sendMessage(plain, apiSignal(stopping.signal));
            trace?.("sent", row.updateId, row.call.method);
            done(queue, row);
            continue;
          } catch (again) {
            err = again;
          }
        }
        const v = verdict(err, attempt++);
        const code = err instanceof GrammyError ? err.error_code : err instanceof HttpError ? "network" : "unexpected";
        if (v === "drop") {
          // e.g. the person blocked the bot, or a button's query expired during a restart
          log.warn("telegram.call_refused", { method: row.call.method, status: code, update: row.updateId });
          done(queue, row);
        } else {
          log.warn("telegram.call_retry", { method: row.call.method, status: code, update: row.updateId, wait_ms: v });
          await pause(v);
        }
      }
    }
    if (queue.length === 0) queues.delete(chat);
  }

  return {
    enqueue(rows) {
      for (const row of rows) {
        // a tap's answer only stops the app's spinner: it need not wait for the chat's messages
        const key = row.call.method === "answerCallbackQuery" ? `${row.chat}#tap` : row.chat;
        let queue = queues.get(key);
        const idle = queue === undefined;
        if (!queue) queues.set(key, (queue = []));
        queue.push(row);
        total++;
        if (idle) void run(key, queue);
      }
    },
    size: () => total,
    idle: () => below(1),
    below,
    stop() {
      stopping.abort();
      for (const w of waiters) w.resolve();
      waiters = [];
    },
  };
}
