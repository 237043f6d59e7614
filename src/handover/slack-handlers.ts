// The caseworkers' side of a hand-over in Slack: Take and Close on the case card, and messages
// in the card's thread. Requests reach these only after the receiver checked signature, time
// window and size. A card is found by its exact channel and ts, so a copy elsewhere reaches nobody.
import type { App as BoltApp, Logger, RespondFn } from "@slack/bolt";
import type { App } from "../app.js";
import { CLOSE_ACTION, isStaffCloseReason, TAKE_ACTION } from "./card.js";
import type { HandoverService, Staff, StaffResult } from "./service.js";

interface ActionBody {
  readonly user?: { readonly id?: string; readonly team_id?: string };
  readonly team?: { readonly id?: string } | null;
  readonly channel?: { readonly id?: string };
  readonly message?: { readonly ts?: string };
  readonly actions?: readonly { readonly selected_option?: { readonly value?: string } }[];
}

interface MessageEvent {
  readonly channel?: string;
  readonly user?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly thread_ts?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
}

/** What staff are told when they may not do what they tried (German, as the card). */
const REFUSALS: Partial<Record<StaffResult, string>> = {
  closed: "staff:handover.refused.closed",
  already_taken: "staff:handover.refused.already_taken",
  not_taken: "staff:handover.refused.not_taken",
  not_taker: "staff:handover.refused.not_taker",
  unknown: "staff:handover.refused.unknown",
};

export function attachHandoverToSlack(bolt: BoltApp, app: App, service: HandoverService, onQueued: () => void, logger: Logger): void {
  const german = app.i18n.translator("de");
  const staffOf = (b: ActionBody): Staff | undefined => {
    const user = b.user?.id;
    const team = b.team?.id ?? b.user?.team_id;
    return user && team ? { team, user } : undefined;
  };

  async function refuse(respond: RespondFn, result: StaffResult): Promise<void> {
    const key = REFUSALS[result];
    if (!key) return;
    try {
      await respond({ response_type: "ephemeral", replace_original: false, text: german.t(key) });
    } catch {
      logger.warn("SLACK_HANDOVER_RESPOND_FAILED");
    }
  }

  /**
   * One card action: checked and applied in one transaction before Slack gets its answer (so an
   * acknowledged action is never lost in a crash), refused with a note to that person only.
   */
  async function act(name: string, body: ActionBody, ack: () => Promise<void>, respond: RespondFn, apply: (channel: string, ts: string, staff: Staff) => StaffResult): Promise<void> {
    const staff = staffOf(body);
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    let result: StaffResult = "unknown";
    try {
      if (staff && channel && ts) result = app.db.transaction(() => apply(channel, ts, staff))();
    } finally {
      await ack();
    }
    logger.info(`SLACK_HANDOVER_${name} result=${result}`);
    if (result === "ok") onQueued();
    else await refuse(respond, result);
  }

  bolt.action(TAKE_ACTION, async ({ ack, body, respond }) => {
    await act("TAKE", body as ActionBody, () => ack(), respond, (channel, ts, staff) => service.take(channel, ts, staff));
  });

  bolt.action(CLOSE_ACTION, async ({ ack, body, respond }) => {
    const reason = (body as ActionBody).actions?.[0]?.selected_option?.value ?? "";
    if (!isStaffCloseReason(reason)) {
      await ack();
      logger.warn("SLACK_HANDOVER_CLOSE result=bad_reason");
      return;
    }
    await act("CLOSE", body as ActionBody, () => ack(), respond, (channel, ts, staff) => service.close(channel, ts, staff, reason));
  });

  bolt.event("message", async ({ event, body }) => {
    const e = event as MessageEvent;
    // replies in a thread, typed by a person; edits, joins, files and the bot's own posts are not
    if (e.subtype !== undefined || e.bot_id || !e.user || !e.channel || !e.thread_ts || e.thread_ts === e.ts || typeof e.text !== "string" || e.text.trim() === "") return;
    const envelope = body as { team_id?: string; event_id?: string };
    const team = envelope.team_id;
    if (!team) return;
    const staff = { team, user: e.user };
    const { channel, thread_ts: threadTs, text } = { channel: e.channel, thread_ts: e.thread_ts, text: e.text };
    const result = app.db.transaction((): StaffResult | "repeat" => {
      // Slack delivers an event again when it missed our answer: pass each on once
      if (envelope.event_id && !service.store.firstSeen(envelope.event_id)) return "repeat";
      const r = service.fromCounsellor(channel, threadTs, staff, text);
      const h = service.store.byCard(channel, threadTs);
      const key = REFUSALS[r];
      if (h && key && r !== "unknown") service.store.queue(h.id, { target: "slack", message: { t: "ephemeral", channel, ts: threadTs, user: e.user!, text: german.t(key) } });
      return r;
    })();
    if (result === "unknown" || result === "repeat") return;
    logger.info(`SLACK_HANDOVER_MESSAGE result=${result}`);
    onQueued();
  });
}
