// Getting updates in and through: long polling that stores each batch before the next call
// confirms its offset, and the processor that runs stored updates one by one in update_id order
// (so every chat's order is kept) while their answers go out per chat side by side.
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { errorCode, isStorageError } from "./bot.js";
import type { Inbox } from "./inbox.js";
import { referenceId, type Log } from "./log.js";
import { apiSignal, type Sender, type Trace } from "./sender.js";

/** Updates the bot asks for; others (inline queries, payments, …) are not for a counselling bot. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;
/** Calls queued to Telegram beyond which processing waits, so memory stays bounded. */
const MAX_QUEUED = 5_000;
/** Longest stretch of processing before the event loop gets a turn. */
const SLICE_MS = 4;

/** Waits, or less when `signal` aborts; the abort listener goes with the wait. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

export interface Processor {
  /** there may be new stored updates */
  kick(): void;
  /** resolves when nothing stored is left unprocessed, or processing was stopped */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createProcessor(bot: Bot, inbox: Inbox, sender: Sender, log: Log): Processor {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function handle(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      // the database could not take the change (disk full, locked): the update stays pending
      // and processing pauses; it is applied once the database takes writes again
      if (isStorageError(err)) throw err;
      // the bot's own boundary answers the person; this catches only what escaped it
      log.error("telegram.update_failed", { ref: referenceId(), update: update.update_id, error: errorCode(err) });
    }
    // updates no handler took (a service message, a group's chatter) are done all the same
    inbox.process(update.update_id, "-", () => []);
  }

  async function drain(): Promise<void> {
    let slice = performance.now();
    do {
      again = false;
      for (let batch = inbox.pending(64); batch.length > 0 && !stopped; batch = inbox.pending(64)) {
        for (const p of batch) {
          if (stopped) return;
          await handle(p.update);
          if (sender.size() >= MAX_QUEUED) await sender.below(MAX_QUEUED / 2);
          // handling resolves in microtasks only: give the sockets a turn now and then, so
          // answers go out and the next updates come in while a long batch is processed
          if (performance.now() - slice > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            slice = performance.now();
          }
        }
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch(async (err: unknown) => {
        // the database refused (disk full, locked): the updates stay stored, try again shortly
        log.error("telegram.processing_paused", { error: errorCode(err) });
        await sleep(1000);
        again = true;
      })
      .finally(() => {
        running = undefined;
        if (again) kick();
      });
  }

  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

export interface Poller {
  stop(): Promise<void>;
}

/** The wait after a failed poll (or a batch that could not be stored): doubling from firstMs to maxMs. */
export interface PollBackoff {
  readonly firstMs: number;
  readonly maxMs: number;
}
export const POLL_BACKOFF: PollBackoff = { firstMs: 250, maxMs: 30_000 };

/** Long polling; an update's offset is confirmed by the next call, after the update is stored. */
export function startPolling(bot: Bot, inbox: Inbox, processor: Processor, log: Log, trace?: Trace, backoff: PollBackoff = POLL_BACKOFF): Poller {
  const abort = new AbortController();
  const loop = (async () => {
    let offset = inbox.nextOffset();
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        // fetch more once what was fetched is processed: the inbox stays short, and one disk
        // sync covers a whole batch instead of a few updates
        await processor.idle();
        const updates = await bot.api.getUpdates({ ...(offset !== undefined ? { offset } : {}), timeout: 25, limit: 100, allowed_updates: [...ALLOWED_UPDATES] }, apiSignal(abort.signal));
        if (updates.length > 0) for (const id of inbox.store(updates)) trace?.("stored", id);
        // only a batch that is stored ends an outage: a full disk backs off like a network error
        failures = 0;
        if (updates.length === 0) continue;
        offset = Math.max(...updates.map((u) => u.update_id)) + 1;
        processor.kick();
      } catch (err) {
        if (abort.signal.aborted) break;
        // the offset did not move: whatever came back and was not stored will come again
        log.warn("telegram.poll_failed", { error: errorCode(err) });
        await sleep(Math.min(backoff.maxMs, backoff.firstMs * 2 ** failures++), abort.signal);
      }
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
