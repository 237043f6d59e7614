// Purges run in chunks that yield to the event loop, so a million expired rows never block a reply.
import { describe, expect, it } from "vitest";
import { createReferralStore } from "../../src/referrals/store.js";
import { openDb } from "../../src/store/db.js";
import { purgeInChunks, startPurging } from "../../src/store/purge.js";
import { createSessionStore, SESSION_TTL_MS } from "../../src/store/sessions.js";

function sessionsWithExpired(expired: number, fresh: number) {
  let now = 1_000_000_000_000;
  const db = openDb(":memory:");
  const store = createSessionStore(db, Buffer.alloc(32, 7), () => now);
  db.transaction(() => {
    for (let i = 0; i < expired; i++) store.save(store.userKey("t", `old${i}`), { step: "age" });
  })();
  now += SESSION_TTL_MS + 1;
  db.transaction(() => {
    for (let i = 0; i < fresh; i++) store.save(store.userKey("t", `new${i}`), { step: "age" });
  })();
  return { db, store };
}

describe("a chunked purge", () => {
  it("deletes at most `limit` expired sessions per call and never a fresh one", () => {
    const { store } = sessionsWithExpired(25, 3);
    expect(store.purgeExpired(undefined, 10)).toBe(10);
    expect(store.count()).toBe(18);
    expect(store.purgeExpired(undefined, 10)).toBe(10);
    expect(store.purgeExpired(undefined, 10)).toBe(5);
    expect(store.count()).toBe(3);
  });

  it("deletes at most `limit` expired referrals per call", () => {
    const db = openDb(":memory:");
    const referrals = createReferralStore(db);
    const created = Array.from({ length: 7 }, () =>
      referrals.create({ date: "2026-01-01", age: 30, status: "schutz", needs: [], place: null, services: [], offices: [], lang: "de", rulesVersion: "v" }),
    );
    const after = "2027-12-31";
    expect(created[0]!.expiresOn < after).toBe(true);
    expect(referrals.purgeExpired(after, 3)).toBe(3);
    expect(referrals.count()).toBe(4);
  });

  it("lets other work run between chunks", async () => {
    const { store } = sessionsWithExpired(2500, 0);
    const order: string[] = [];
    const step = (limit: number) => {
      const n = store.purgeExpired(undefined, limit);
      order.push(`chunk ${n}`);
      return n;
    };
    setImmediate(() => order.push("other work"));
    const total = await purgeInChunks(step, { chunk: 1000 });
    expect(total).toBe(2500);
    expect(order).toEqual(["chunk 1000", "other work", "chunk 1000", "chunk 500"]);
  });

  it("stops after the current chunk when asked", async () => {
    const { store } = sessionsWithExpired(3000, 0);
    let stop = false;
    const total = await purgeInChunks(
      (limit) => {
        stop = true;
        return store.purgeExpired(undefined, limit);
      },
      { chunk: 1000, stopped: () => stop },
    );
    expect(total).toBe(1000);
    expect(store.count()).toBe(2000);
  });
});

describe("the purge timer", () => {
  it("purges at once, reports a failing step without throwing, and runs the other steps", async () => {
    const { store } = sessionsWithExpired(1200, 1);
    const errors: unknown[] = [];
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const purger = startPurging(
      [
        () => {
          throw full;
        },
        (limit) => store.purgeExpired(undefined, limit),
      ],
      60_000,
      (err) => errors.push(err),
      500,
    );
    await purger.idle();
    await purger.stop();
    expect(errors).toEqual([full]);
    expect(store.count()).toBe(1);
  });
});
