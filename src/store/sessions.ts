// Dialogue sessions in SQLite, keyed by an HMAC of channel and platform id – never the raw id.
// Sessions expire after 30 days without activity; delete() erases a user's rows at once.
import { createHmac } from "node:crypto";
import type { Db } from "./db.js";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionStore {
  /** the pseudonymous key for a platform user; the same input gives the same key */
  userKey(channel: string, platformId: string | number): string;
  load<T>(userKey: string): T | undefined;
  save(userKey: string, state: unknown): void;
  /** erases every row of the user in every table that holds a user key */
  deleteUser(userKey: string): void;
  /** removes sessions idle for longer than the TTL, at most `limit` of them (all when -1); returns how many */
  purgeExpired(now?: number, limit?: number): number;
  count(): number;
}

/** Tables that other modules add with a `user_key` column register here, so delete reaches them. */
const userTables = new Set<string>(["sessions"]);
export function registerUserTable(table: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  userTables.add(table);
}

/**
 * `previous`: keys WEGWEISER_SECRET had before (key rotation). A user's rows made under one of
 * them are moved to the current key the first time the user is seen, so load and delete find
 * the person whichever key their rows were made with.
 */
export function createSessionStore(db: Db, secret: Buffer, clock: () => number = Date.now, previous: readonly Buffer[] = []): SessionStore {
  const get = db.prepare("SELECT state FROM sessions WHERE user_key = ? AND updated_at >= ?").pluck();
  const put = db.prepare(
    "INSERT INTO sessions (user_key, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
  );
  const purge = db.prepare("DELETE FROM sessions WHERE user_key IN (SELECT user_key FROM sessions WHERE updated_at < ? LIMIT ?)");
  const hmac = (key: Buffer, channel: string, platformId: string | number) => createHmac("sha256", key).update(`${channel}:${platformId}`).digest("base64url");
  const rekey = db.transaction((from: string, to: string) => {
    for (const table of userTables) {
      // a row the user already has under the new key wins; the old one goes
      db.prepare(`UPDATE OR IGNORE ${table} SET user_key = ? WHERE user_key = ?`).run(to, from);
      db.prepare(`DELETE FROM ${table} WHERE user_key = ?`).run(from);
    }
  });
  // rows are only ever written under the current key, so each person is looked up under the old
  // keys once per process, not on every message (bounded: forgotten in bulk past 100,000)
  const settled = new Set<string>();
  return {
    userKey(channel, platformId) {
      const key = hmac(secret, channel, platformId);
      if (previous.length === 0 || settled.has(key)) return key;
      for (const old of previous) {
        const from = hmac(old, channel, platformId);
        // a write only when there is something to move: reads stay reads
        if (from !== key && [...userTables].some((t) => db.prepare(`SELECT 1 FROM ${t} WHERE user_key = ? LIMIT 1`).get(from) !== undefined)) rekey(from, key);
      }
      if (settled.size >= 100_000) settled.clear();
      settled.add(key);
      return key;
    },
    load<T>(userKey: string) {
      const raw = get.get(userKey, clock() - SESSION_TTL_MS) as string | undefined;
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    save(userKey, state) {
      put.run(userKey, JSON.stringify(state), clock());
    },
    deleteUser(userKey) {
      db.transaction(() => {
        for (const table of userTables) db.prepare(`DELETE FROM ${table} WHERE user_key = ?`).run(userKey);
      })();
    },
    purgeExpired(now = clock(), limit = -1) {
      return purge.run(now - SESSION_TTL_MS, limit).changes;
    },
    count() {
      return db.prepare("SELECT count(*) FROM sessions").pluck().get() as number;
    },
  };
}
