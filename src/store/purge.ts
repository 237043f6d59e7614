// Removes expired rows in small chunks and yields to the event loop between them, so a purge
// of a million rows never blocks the bot (design §7: no event-loop stall over 50 ms).
import { setImmediate as nextTurn } from "node:timers/promises";

/** deletes at most `limit` expired rows of one table; returns how many it deleted */
export type PurgeStep = (limit: number) => number;

/** rows per chunk: deleting 1,000 indexed rows takes a few milliseconds (npm run bench -- purge) */
export const PURGE_CHUNK_ROWS = 1000;

/** Runs `step` until a chunk comes back short, yielding between chunks; returns the rows deleted. */
export async function purgeInChunks(step: PurgeStep, options: { chunk?: number; stopped?: () => boolean } = {}): Promise<number> {
  const chunk = options.chunk ?? PURGE_CHUNK_ROWS;
  let total = 0;
  for (;;) {
    if (options.stopped?.()) return total;
    const deleted = step(chunk);
    total += deleted;
    if (deleted < chunk) return total;
    await nextTurn();
  }
}

export interface Purger {
  /** resolves when the purge started by the last tick has finished */
  idle(): Promise<void>;
  /** stops the timer and waits for a running purge to end after its current chunk */
  stop(): Promise<void>;
}

/**
 * Purges every step now and then every `everyMs`, never two runs at once. A failing step
 * (disk full, database busy) is reported and tried again at the next tick; it never throws
 * into the event loop.
 */
export function startPurging(steps: readonly PurgeStep[], everyMs: number, onError: (err: unknown) => void, chunk?: number): Purger {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const runAll = async () => {
    for (const step of steps) {
      try {
        await purgeInChunks(step, { stopped: () => stopped, ...(chunk ? { chunk } : {}) });
      } catch (err) {
        onError(err);
      }
    }
  };
  const tick = () => {
    running = running.then(runAll);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    idle: () => running,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
