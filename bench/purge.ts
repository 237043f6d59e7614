// Purge of 1,000,000 expired sessions: the longest event-loop stall with the chunked purge
// against one DELETE statement, side by side on the same file-backed database (target ≤ 50 ms).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../src/store/db.js";
import { purgeInChunks, PURGE_CHUNK_ROWS } from "../src/store/purge.js";
import { createSessionStore, SESSION_TTL_MS } from "../src/store/sessions.js";
import { summarise } from "./stats.js";

const ROWS = Number(process.env.PURGE_ROWS ?? 1_000_000);

function fill(path: string) {
  let now = 1_700_000_000_000;
  const db = openDb(path);
  const store = createSessionStore(db, Buffer.alloc(32, 3), () => now);
  const state = { lang: "ar", step: "needs", age: 30, status: "duldung", needs: ["arbeit"] };
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) store.save(`k${i.toString(36).padStart(8, "0")}`, state);
  })();
  now += SESSION_TTL_MS + 1;
  return { db, store };
}

async function measure(path: string, chunked: boolean) {
  const { db, store } = fill(path);
  const chunks: number[] = [];
  const started = performance.now();
  if (chunked) {
    await purgeInChunks((limit) => {
      const t = performance.now();
      const n = store.purgeExpired(undefined, limit);
      chunks.push(performance.now() - t);
      return n;
    });
  } else {
    await new Promise((r) => setImmediate(r));
    const t = performance.now();
    store.purgeExpired();
    chunks.push(performance.now() - t);
    await new Promise((r) => setImmediate(r));
  }
  const total = performance.now() - started;
  const left = store.count();
  db.close();
  const c = summarise(chunks);
  // the longest stall is the longest synchronous DELETE: nothing else runs during one
  return { totalMs: total, longestStallMs: c.max, chunkMsP50: c.p50, left };
}

export async function benchPurge(): Promise<Record<string, unknown>> {
  const dir = join(tmpdir(), `wegweiser-purge-${process.pid}`);
  const run = async (chunked: boolean) => {
    rmSync(dir, { recursive: true, force: true });
    const r = await measure(join(dir, "w.db"), chunked);
    rmSync(dir, { recursive: true, force: true });
    return r;
  };
  const oneStatement = await run(false);
  const chunked = await run(true);
  return {
    bench: "purge",
    rows: ROWS,
    chunkRows: PURGE_CHUNK_ROWS,
    oneStatement,
    chunked,
    stallRatio: oneStatement.longestStallMs / chunked.longestStallMs,
    targetLongestStallMs: 50,
  };
}
