// The Telegram inbox and outbox in SQLite: updates are stored before their offset is confirmed,
// processed exactly once in one transaction with the session change and the calls it decides,
// and those calls are kept only until Telegram has accepted them.
import { pragma } from "../../store/db.js";
import type { Update } from "grammy/types";
import type { Db } from "../../store/db.js";
import type { ApiCall } from "./render.js";

export const KEEP_PROCESSED_IDS_MS = 24 * 60 * 60 * 1000;

export interface OutboxRow {
  readonly id: number;
  readonly updateId: number;
  /** the queue the call belongs to: calls of one chat are sent in order */
  readonly chat: string;
  readonly call: ApiCall;
}

export interface PendingUpdate {
  readonly updateId: number;
  readonly update: Update;
  readonly receivedAt: number;
}

export interface Inbox {
  /** Stores the updates not seen before, durably (fsync), and returns their ids. */
  store(updates: readonly Update[]): number[];
  /** the offset for the next getUpdates: everything below it is stored */
  nextOffset(): number | undefined;
  pending(limit: number): PendingUpdate[];
  pendingCount(): number;
  /**
   * One transaction: claims the update if it is still pending, runs `work` (the dialogue step
   * and its session write), queues the calls it returns and erases the raw update. Returns
   * the queued calls, or undefined when the update was processed before.
   */
  process(updateId: number, chat: string, work: () => readonly ApiCall[]): OutboxRow[] | undefined;
  unsent(): OutboxRow[];
  /** the call was accepted: its row goes, together with others of the same moment */
  sent(id: number): void;
  /** removes the rows of accepted calls now (before a stop) */
  flushSent(): void;
  /** forgets processed update ids older than a day; returns how many */
  purge(now?: number, limit?: number): number;
}

/** How long to wait before removing accepted calls again after the database refused. */
const FLUSH_RETRY_MS = 1000;

/** `onError`: a failure of deferred work (removing accepted calls), which is retried later. */
export function createInbox(db: Db, clock: () => number = Date.now, onError: (err: unknown) => void = () => {}): Inbox {
  // deleted payloads are overwritten, not left in free pages of the file (design §6)
  pragma(db, "secure_delete = ON");
  const insert = db.prepare("INSERT OR IGNORE INTO telegram_inbox (update_id, payload, received_at) VALUES (?, ?, ?)");
  const maxId = db.prepare("SELECT max(update_id) FROM telegram_inbox").pluck();
  const pendingRows = db.prepare("SELECT update_id, payload, received_at FROM telegram_inbox WHERE done_at IS NULL ORDER BY update_id LIMIT ?");
  const countPending = db.prepare("SELECT count(*) FROM telegram_inbox WHERE done_at IS NULL").pluck();
  const claim = db.prepare("UPDATE telegram_inbox SET payload = NULL, done_at = ? WHERE update_id = ? AND done_at IS NULL");
  const queue = db.prepare("INSERT INTO telegram_outbox (update_id, chat, method, payload, created_at) VALUES (?, ?, ?, ?, ?)");
  const unsentRows = db.prepare("SELECT id, update_id, chat, method, payload FROM telegram_outbox ORDER BY id");
  const remove = db.prepare("DELETE FROM telegram_outbox WHERE id = ?");
  const forget = db.prepare("DELETE FROM telegram_inbox WHERE update_id IN (SELECT update_id FROM telegram_inbox WHERE done_at IS NOT NULL AND done_at < ? LIMIT ?)");

  let accepted: number[] = [];
  const removeAll = db.transaction((ids: readonly number[]) => {
    for (const id of ids) remove.run(id);
  });
  const flushSent = () => {
    if (accepted.length === 0 || !db.open) return;
    const ids = accepted;
    accepted = [];
    try {
      removeAll(ids);
    } catch (err) {
      // kept for the next try: a call left in the outbox is at worst sent again after a restart
      accepted = [...ids, ...accepted];
      throw err;
    }
  };
  /** flushSent from a timer: an error there would end the process, so it is reported and retried */
  let retry: NodeJS.Timeout | undefined;
  const flushLater = () => {
    try {
      flushSent();
    } catch (err) {
      onError(err);
      retry ??= setTimeout(() => {
        retry = undefined;
        flushLater();
      }, FLUSH_RETRY_MS);
      retry.unref();
    }
  };

  const storeAll = db.transaction((updates: readonly Update[], now: number) => {
    const added: number[] = [];
    for (const u of updates) if (insert.run(u.update_id, JSON.stringify(u), now).changes === 1) added.push(u.update_id);
    return added;
  });

  const processOne = db.transaction((updateId: number, chat: string, work: () => readonly ApiCall[]) => {
    const now = clock();
    if (claim.run(now, updateId).changes !== 1) return undefined;
    const rows: OutboxRow[] = [];
    for (const call of work()) {
      const id = Number(queue.run(updateId, chat, call.method, JSON.stringify(call.payload), now).lastInsertRowid);
      rows.push({ id, updateId, chat, call });
    }
    return rows;
  });

  return {
    store(updates) {
      if (updates.length === 0) return [];
      // The offset that confirms these updates is sent right after: make the commit reach the
      // disk first, so not even a power cut loses an update Telegram no longer keeps.
      pragma(db, "synchronous = FULL");
      try {
        return storeAll(updates, clock());
      } finally {
        pragma(db, "synchronous = NORMAL");
      }
    },
    nextOffset() {
      const max = maxId.get() as number | null;
      return max === null ? undefined : max + 1;
    },
    pending(limit) {
      return (pendingRows.all(limit) as { update_id: number; payload: string; received_at: number }[]).map((r) => ({
        updateId: r.update_id,
        update: JSON.parse(r.payload) as Update,
        receivedAt: r.received_at,
      }));
    },
    pendingCount: () => countPending.get() as number,
    process: (updateId, chat, work) => processOne(updateId, chat, work),
    unsent() {
      return (unsentRows.all() as { id: number; update_id: number; chat: string; method: string; payload: string }[]).map((r) => ({
        id: r.id,
        updateId: r.update_id,
        chat: r.chat,
        call: { method: r.method, payload: JSON.parse(r.payload) } as ApiCall,
      }));
    },
    sent(id) {
      // one transaction for the calls accepted in the same turn of the event loop; a crash in
      // between only means a call is sent again, never lost
      if (accepted.length === 0 && retry === undefined) setImmediate(flushLater);
      accepted.push(id);
    },
    flushSent,
    purge(now = clock(), limit = -1) {
      return forget.run(now - KEEP_PROCESSED_IDS_MS, limit).changes;
    },
  };
}
