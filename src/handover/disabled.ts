// When the operator turns the hand-over off, hand-overs left open by an earlier run can relay
// nothing any more: they close at start, and their chat ids, user keys and queued messages go.
import type { Db } from "../store/db.js";

/** Returns how many hand-overs were closed. */
export function closeLeftOpen(db: Db, now: number = Date.now()): number {
  return db.transaction(() => {
    const closed = db.prepare("UPDATE handovers SET state = 'closed', close_reason = 'disabled', closed_at = ?, user_key = NULL, chat_sealed = NULL WHERE state != 'closed'").run(now).changes;
    db.prepare("DELETE FROM handover_outbox").run();
    return closed;
  })();
}
