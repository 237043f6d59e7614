// Hand-overs in SQLite: the open case per newcomer (pseudonymous key, sealed chat id), its Slack
// card, who took it (an HMAC), and the sealed outbox of messages both ways. Closing erases the
// key and the chat id; /delete erases the row (the sessions store reaches it by user_key).
import { pragma, type Db } from "../store/db.js";
import { registerUserTable } from "../store/sessions.js";
import type { Sealer } from "./seal.js";

/** Idle hand-overs close after 30 days, like sessions (design §6). */
export const HANDOVER_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** Closed hand-overs keep only codes (no key, no chat id) and go with their referral's 90 days. */
export const CLOSED_KEEP_MS = 90 * 24 * 60 * 60 * 1000;
const SEEN_KEEP_MS = 24 * 60 * 60 * 1000;

/** The one consent text version the newcomer agreed to; logged as this code, never as text. */
export const CONSENT_CODE = "handover.consent.v1";

export type HandoverState = "open" | "taken" | "closed";
export type Target = "slack" | "telegram";

export interface Handover {
  readonly id: number;
  readonly userKey: string | null;
  readonly referralCode: string;
  readonly service: string;
  readonly kreisKey: string | null;
  readonly lang: string;
  readonly channel: string;
  readonly cardTs: string | null;
  readonly state: HandoverState;
  readonly takerKey: string | null;
  readonly closeReason: string | null;
  readonly activeAt: number;
}

/** What goes to Slack: a new card, a message in its thread, an edit of the card, a note for one person. */
export type SlackMessage =
  | { readonly t: "card"; readonly channel: string; readonly text: string; readonly blocks: readonly unknown[] }
  | { readonly t: "thread"; readonly channel: string; readonly ts?: string; readonly text: string }
  | { readonly t: "update"; readonly channel: string; readonly ts?: string; readonly text: string; readonly blocks: readonly unknown[] }
  | { readonly t: "ephemeral"; readonly channel: string; readonly ts?: string; readonly user: string; readonly text: string };

/** What goes to the newcomer: an HTML message, with buttons if any. */
export interface TelegramMessage {
  readonly t: "send";
  readonly chat: number;
  readonly html: string;
  readonly buttons?: readonly { readonly text: string; readonly data: string }[];
}

export type OutboxMessage = { readonly target: "slack"; readonly message: SlackMessage } | { readonly target: "telegram"; readonly message: TelegramMessage };

export interface OutboxEntry {
  readonly id: number;
  readonly handoverId: number;
  readonly target: Target;
  readonly createdAt: number;
  /** a call was made for it before (perhaps by a process that was killed) */
  readonly attempted: boolean;
  /** undefined when the row cannot be opened (another key): it is dropped */
  readonly message: SlackMessage | TelegramMessage | undefined;
}

export interface NewHandover {
  readonly userKey: string;
  readonly chatId: number;
  readonly referralCode: string;
  readonly service: string;
  readonly kreisKey: string | null;
  readonly lang: string;
  readonly channel: string;
}

export interface HandoverStore {
  create(input: NewHandover): Handover;
  openFor(userKey: string): Handover | undefined;
  byId(id: number): Handover | undefined;
  /** the hand-over whose card is exactly this message in this channel */
  byCard(channel: string, ts: string): Handover | undefined;
  setCardTs(id: number, ts: string): void;
  /** true when this person took it now; false when it was taken (or closed) before */
  take(id: number, takerKey: string): boolean;
  /** closes it and erases the user key and the chat id */
  close(id: number, reason: string): void;
  /** removes the row altogether (the newcomer erased everything) */
  erase(id: number): void;
  touch(id: number): void;
  chatId(h: Handover): number | undefined;
  queue(handoverId: number, out: OutboxMessage): number;
  /** unsent rows with an id above `after`, in order */
  unsent(after?: number): OutboxEntry[];
  sent(outboxId: number): void;
  /** the row is still queued (not sent, not dropped) */
  queued(outboxId: number): boolean;
  /** notes that a call for this row is about to be made */
  attempt(outboxId: number): void;
  /** drops what is still queued for one side (e.g. the newcomer erased everything) */
  dropQueued(handoverId: number, target: Target): void;
  /** true the first time an event id is seen */
  firstSeen(eventId: string): boolean;
  /** open hand-overs idle for 30 days */
  idle(now?: number): Handover[];
  /** runs `fn` in one transaction */
  transaction(fn: () => void): void;
  /** forgets closed hand-overs after 90 days and old event ids; returns how many rows went */
  purgeClosed(now?: number): number;
}

interface Row {
  id: number;
  user_key: string | null;
  referral_code: string;
  service: string;
  kreis_key: string | null;
  lang: string;
  channel: string;
  card_ts: string | null;
  state: HandoverState;
  taker_key: string | null;
  chat_sealed: Buffer | null;
  close_reason: string | null;
  active_at: number;
}

const fromRow = (r: Row): Handover => ({
  id: r.id,
  userKey: r.user_key,
  referralCode: r.referral_code,
  service: r.service,
  kreisKey: r.kreis_key,
  lang: r.lang,
  channel: r.channel,
  cardTs: r.card_ts,
  state: r.state,
  takerKey: r.taker_key,
  closeReason: r.close_reason,
  activeAt: r.active_at,
});

const chatContext = (id: number) => `handover:${id}:chat`;
const outboxContext = (id: number, target: Target) => `handover:${id}:${target}`;

registerUserTable("handovers");

export function createHandoverStore(db: Db, sealer: Sealer, clock: () => number = Date.now): HandoverStore {
  // erased chat ids and messages are overwritten in the file, not left in free pages
  pragma(db, "secure_delete = ON");
  const insert = db.prepare(
    `INSERT INTO handovers (user_key, referral_code, service, kreis_key, lang, channel, state, consent, created_at, active_at)
     VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  );
  const setChat = db.prepare("UPDATE handovers SET chat_sealed = ? WHERE id = ?");
  const selectId = db.prepare("SELECT * FROM handovers WHERE id = ?");
  const selectOpen = db.prepare("SELECT * FROM handovers WHERE user_key = ? AND state != 'closed'");
  const selectCard = db.prepare("SELECT * FROM handovers WHERE channel = ? AND card_ts = ?");
  const updateCard = db.prepare("UPDATE handovers SET card_ts = ? WHERE id = ?");
  const updateTake = db.prepare("UPDATE handovers SET state = 'taken', taker_key = ?, active_at = ? WHERE id = ? AND state = 'open'");
  const updateClose = db.prepare("UPDATE handovers SET state = 'closed', close_reason = ?, closed_at = ?, user_key = NULL, chat_sealed = NULL WHERE id = ? AND state != 'closed'");
  const deleteRow = db.prepare("DELETE FROM handovers WHERE id = ?");
  const updateTouch = db.prepare("UPDATE handovers SET active_at = ? WHERE id = ?");
  const insertOut = db.prepare("INSERT INTO handover_outbox (handover_id, target, sealed, created_at) VALUES (?, ?, ?, ?)");
  const selectOut = db.prepare("SELECT id, handover_id, target, sealed, created_at, attempted_at FROM handover_outbox WHERE id > ? ORDER BY id");
  const selectQueued = db.prepare("SELECT 1 FROM handover_outbox WHERE id = ?").pluck();
  const updateAttempt = db.prepare("UPDATE handover_outbox SET attempted_at = ? WHERE id = ?");
  const deleteOut = db.prepare("DELETE FROM handover_outbox WHERE id = ?");
  const dropOut = db.prepare("DELETE FROM handover_outbox WHERE handover_id = ? AND target = ?");
  const insertSeen = db.prepare("INSERT OR IGNORE INTO handover_seen (event_id, at) VALUES (?, ?)");
  const selectIdle = db.prepare("SELECT * FROM handovers WHERE state != 'closed' AND active_at < ?");
  const deleteClosed = db.prepare("DELETE FROM handovers WHERE state = 'closed' AND closed_at < ?");
  const deleteSeen = db.prepare("DELETE FROM handover_seen WHERE at < ?");

  const get = (id: number) => {
    const r = selectId.get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  };

  return {
    create(input) {
      const now = clock();
      const id = Number(insert.run(input.userKey, input.referralCode, input.service, input.kreisKey, input.lang, input.channel, CONSENT_CODE, now, now).lastInsertRowid);
      setChat.run(sealer.seal(String(input.chatId), chatContext(id)), id);
      return get(id)!;
    },
    openFor(userKey) {
      const r = selectOpen.get(userKey) as Row | undefined;
      return r ? fromRow(r) : undefined;
    },
    byId: get,
    byCard(channel, ts) {
      const r = selectCard.get(channel, ts) as Row | undefined;
      return r ? fromRow(r) : undefined;
    },
    setCardTs: (id, ts) => void updateCard.run(ts, id),
    take: (id, takerKey) => updateTake.run(takerKey, clock(), id).changes === 1,
    close: (id, reason) => void updateClose.run(reason, clock(), id),
    erase: (id) => void deleteRow.run(id),
    touch: (id) => void updateTouch.run(clock(), id),
    chatId(h) {
      const r = selectId.get(h.id) as Row | undefined;
      if (!r?.chat_sealed) return undefined;
      const plain = sealer.open(r.chat_sealed, chatContext(h.id));
      return plain === undefined ? undefined : Number(plain);
    },
    queue(handoverId, out) {
      return Number(insertOut.run(handoverId, out.target, sealer.seal(JSON.stringify(out.message), outboxContext(handoverId, out.target)), clock()).lastInsertRowid);
    },
    unsent(after = 0) {
      return (selectOut.all(after) as { id: number; handover_id: number; target: Target; sealed: Buffer; created_at: number; attempted_at: number | null }[]).map((r) => {
        const plain = sealer.open(r.sealed, outboxContext(r.handover_id, r.target));
        return { id: r.id, handoverId: r.handover_id, target: r.target, createdAt: r.created_at, attempted: r.attempted_at !== null, message: plain === undefined ? undefined : (JSON.parse(plain) as SlackMessage | TelegramMessage) };
      });
    },
    sent: (outboxId) => void deleteOut.run(outboxId),
    queued: (outboxId) => selectQueued.get(outboxId) !== undefined,
    attempt: (outboxId) => void updateAttempt.run(clock(), outboxId),
    dropQueued: (handoverId, target) => void dropOut.run(handoverId, target),
    firstSeen: (eventId) => insertSeen.run(eventId, clock()).changes === 1,
    idle: (now = clock()) => (selectIdle.all(now - HANDOVER_IDLE_MS) as Row[]).map(fromRow),
    transaction: (fn) => db.transaction(fn)(),
    purgeClosed(now = clock()) {
      return deleteClosed.run(now - CLOSED_KEEP_MS).changes + deleteSeen.run(now - SEEN_KEEP_MS).changes;
    },
  };
}
