// The case card staff see in Slack (German): who in coarse terms, what was recommended and why,
// the referral code, where the case stands, and the buttons Take and Close (with a reason code).
import { esc } from "../channels/slack/blocks.js";
import type { Translator } from "../i18n/index.js";
import { formatCode } from "../referrals/code.js";
import type { Referral } from "../referrals/store.js";
import type { HandoverState } from "./store.js";

/** Reasons staff can pick when closing; the others are set by the system. */
export const STAFF_CLOSE_REASONS = ["done", "referred", "unreachable", "not_responsible", "duplicate"] as const;
export const SYSTEM_CLOSE_REASONS = ["stopped", "deleted", "blocked", "expired"] as const;
export type CloseReason = (typeof STAFF_CLOSE_REASONS)[number] | (typeof SYSTEM_CLOSE_REASONS)[number];
export const isStaffCloseReason = (v: string): v is (typeof STAFF_CLOSE_REASONS)[number] => (STAFF_CLOSE_REASONS as readonly string[]).includes(v);

export const TAKE_ACTION = "handover_take";
export const CLOSE_ACTION = "handover_close";

/** Escapes what Slack's mrkdwn reserves (the Slack answer's own escaping). */
export const mrkdwn = esc;

export interface CardView {
  readonly referral: Referral;
  /** the service the case went to */
  readonly service: string;
  /** the Kreis's name, if known */
  readonly place?: string;
  readonly state: HandoverState;
  /** the Slack user id of who took it, shown as a mention */
  readonly takenBy?: string;
  readonly closeReason?: string;
}

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const plain = (text: string) => ({ type: "plain_text", text, emoji: true });

export function cardText(v: CardView, tr: Translator): string {
  return tr.t("staff:handover.title", { service: tr.service(v.service) });
}

export function cardBlocks(v: CardView, tr: Translator): Block[] {
  const r = v.referral;
  const needs = r.needs.length ? tr.list(r.needs.map((n) => tr.need(n))) : tr.t("dialogue:result.no_needs");
  const place = v.place ? `${v.place}${r.kreisKey ? ` (${r.kreisKey})` : ""}` : r.landCode ? tr.land(r.landCode) : tr.t("dialogue:result.no_place");
  const summary = tr.t("staff:handover.summary", { age: r.ageBand.replace("-", "–"), status: tr.status(r.status), needs, place });
  const lines = [`*${mrkdwn(tr.t("staff:handover.recommendation"))}*`];
  for (const s of r.services) {
    lines.push(`*${mrkdwn(tr.service(s.id))}* – ${mrkdwn(tr.t(`outcome.${s.outcome}`))}`);
    for (const reason of s.reasons) lines.push(`• ${mrkdwn(tr.reason(reason))}`);
  }
  const state =
    v.state === "open"
      ? tr.t("staff:handover.state_open")
      : v.state === "taken"
        ? tr.t("staff:handover.state_taken", { user: v.takenBy ? `<@${v.takenBy}>` : "?" })
        : tr.t("staff:handover.state_closed", { reason: tr.t(`staff:handover.reasons.${v.closeReason ?? "done"}`) });
  const blocks: Block[] = [
    { type: "header", text: plain(cardText(v, tr).slice(0, 150)) },
    context(`${mrkdwn(summary)} · ${mrkdwn(tr.t("staff:handover.code", { code: formatCode(r.code) }))}`),
    // Slack's limit for a section's text is 3,000 characters
    section(lines.join("\n").slice(0, 2900)),
    context(mrkdwn(tr.t("staff:handover.consent"))),
    // the mention stays unescaped so Slack shows the name
    section(`*${v.state === "taken" ? state.replace(/[*_~]/g, "") : mrkdwn(state)}*`),
  ];
  if (v.state !== "closed") {
    const elements: Block[] = [];
    if (v.state === "open") elements.push({ type: "button", action_id: TAKE_ACTION, style: "primary", text: plain(tr.t("staff:handover.take")), value: "take" });
    elements.push({
      type: "static_select",
      action_id: CLOSE_ACTION,
      placeholder: plain(tr.t("staff:handover.close")),
      options: STAFF_CLOSE_REASONS.map((id) => ({ text: plain(tr.t(`staff:handover.reasons.${id}`)), value: id })),
    });
    blocks.push({ type: "actions", block_id: "handover", elements });
  }
  return blocks;
}
