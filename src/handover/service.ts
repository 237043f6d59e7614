// What a hand-over does, for both sides: offer it for a result, open it after consent, pass
// text on, take and close it, end it. Every change happens in the caller's transaction and
// queues its messages in the sealed outbox; the relay sends them after the commit.
import type { App } from "../app.js";
import { createReferral, dialogueDeps } from "../conversation.js";
import { decide } from "../dialogue/result.js";
import type { DialogueState } from "../dialogue/types.js";
import type { LanguageCode, Translator } from "../i18n/index.js";
import { splitText } from "../channels/telegram/render.js";
import { escapeHtml } from "../present/html.js";
import type { ServiceId } from "../rules/vocabulary.js";
import { todayInGermany } from "../text/today.js";
import { slackText } from "../channels/slack/router.js";
import { cardBlocks, cardText, mrkdwn, type CloseReason } from "./card.js";
import { channelFor, type HandoverConfig } from "./config.js";
import type { Handover, HandoverStore, TelegramMessage } from "./store.js";

export const STOP_DATA = "handover:stop";

export interface Offer {
  readonly service: ServiceId;
  readonly channel: string;
  readonly kreisKey: string | null;
  /** the Kreis's (or the place's) name, if a place was given */
  readonly place?: string;
}

export type StaffResult = "unknown" | "closed" | "already_taken" | "not_taken" | "not_taker" | "ok";

export interface Staff {
  readonly team: string;
  readonly user: string;
}

export interface HandoverService {
  readonly store: HandoverStore;
  /** where this result would go; undefined when the operator routes it nowhere */
  offer(state: DialogueState): Offer | undefined;
  /** after consent: opens the hand-over and queues its card */
  request(userKey: string, chatId: number, state: DialogueState): { kind: "sent"; handover: Handover; offer: Offer } | { kind: "already"; handover: Handover } | { kind: "unavailable" };
  fromNewcomer(h: Handover, text: string): void;
  /** the newcomer (or the system) ends it; "deleted" also erases the row */
  end(h: Handover, reason: Extract<CloseReason, "stopped" | "deleted" | "blocked" | "expired">): void;
  take(channel: string, ts: string, staff: Staff): StaffResult;
  close(channel: string, ts: string, staff: Staff, reason: CloseReason): StaffResult;
  fromCounsellor(channel: string, threadTs: string, staff: Staff, text: string): StaffResult;
  /** the card's ts came back from Slack: remember it, or take it back if the case ended meanwhile */
  cardPosted(handoverId: number, channel: string, ts: string): void;
  translator(h: Handover): Translator;
  serviceName(h: Handover): string;
}

/** Slack's message markup → plain text: mentions, channel links and links made readable. */
export function fromSlackText(text: string): string {
  return slackText(
    text
      .replace(/<([@#!])([^>|]+)(?:\|([^>]*))?>/g, (_m, sigil: string, id: string, label?: string) => (label ? `${sigil === "#" ? "#" : "@"}${label}` : sigil === "!" ? `@${id}` : `${sigil}${id}`))
      .replace(/<([^>|]+)\|([^>]*)>/g, "$2 ($1)")
      .replace(/<([^>]+)>/g, "$1"),
  );
}

export function createHandoverService(app: App, config: HandoverConfig, store: HandoverStore, today: () => string = () => todayInGermany()): HandoverService {
  const deps = dialogueDeps(app, today);
  const german = app.i18n.translator("de");
  const known = (lang: string): LanguageCode => ((app.i18n.languages as readonly string[]).includes(lang) ? (lang as LanguageCode) : "de");
  const translator = (h: Handover) => app.i18n.translator(known(h.lang));
  const serviceName = (h: Handover) => translator(h).service(h.service);
  const staffKey = (s: Staff) => app.sessions.userKey("slack", `${s.team}:${s.user}`);
  const placeName = (kreisKey: string | null) => (kreisKey ? app.places.get(kreisKey)?.name : undefined);

  function card(h: Handover, over: { state?: Handover["state"]; takenBy?: string; closeReason?: string } = {}) {
    const referral = app.referrals.get(h.referralCode, today());
    const state = over.state ?? h.state;
    const closeReason = over.closeReason ?? h.closeReason ?? undefined;
    if (!referral) {
      const text = german.t("staff:handover.withdrawn");
      return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn(text) } }] };
    }
    const place = placeName(h.kreisKey);
    const view = { referral, service: h.service, state, ...(place ? { place } : {}), ...(over.takenBy ? { takenBy: over.takenBy } : {}), ...(closeReason ? { closeReason } : {}) };
    return { text: cardText(view, german), blocks: cardBlocks(view, german) };
  }

  function toNewcomer(h: Handover, key: string, params: Record<string, unknown> = {}, stop = false): void {
    const chat = store.chatId(h);
    if (chat === undefined) return;
    const tr = translator(h);
    const message: TelegramMessage = {
      t: "send",
      chat,
      html: escapeHtml(tr.t(key, { service: tr.service(h.service), ...params })),
      ...(stop ? { buttons: [{ text: tr.t("handover:stop_button"), data: STOP_DATA }] } : {}),
    };
    store.queue(h.id, { target: "telegram", message });
  }

  function threadNote(h: Handover, text: string): void {
    store.queue(h.id, { target: "slack", message: { t: "thread", channel: h.channel, ...(h.cardTs ? { ts: h.cardTs } : {}), text } });
  }

  function updateCard(h: Handover, over: Parameters<typeof card>[1]): void {
    if (!h.cardTs) return;
    store.queue(h.id, { target: "slack", message: { t: "update", channel: h.channel, ts: h.cardTs, ...card(h, over) } });
  }

  /** The staff member may act on this card: it is exactly the card of an open hand-over. */
  function forStaff(channel: string, ts: string): Handover | "unknown" | "closed" {
    const h = store.byCard(channel, ts);
    if (!h) return "unknown";
    return h.state === "closed" ? "closed" : h;
  }

  const service: HandoverService = {
    store,
    translator,
    serviceName,
    offer(state) {
      if (state.step !== "result" || state.age === undefined || !state.status) return undefined;
      const { decision } = decide(state, deps);
      const applicable = decision.services.filter((s) => s.outcome !== "ineligible").sort((a, b) => a.rank - b.rank);
      const chosen = applicable.find((s) => s.role === "counselling") ?? applicable[0];
      if (!chosen) return undefined;
      const kreisKey = state.place && state.place.key.length >= 5 ? state.place.key.slice(0, 5) : null;
      const channel = channelFor(config, kreisKey, chosen.id);
      if (!channel) return undefined;
      const place = placeName(kreisKey) ?? state.place?.kreis?.name ?? state.place?.name;
      return { service: chosen.id, channel, kreisKey, ...(place ? { place } : {}) };
    },
    request(userKey, chatId, state) {
      const open = store.openFor(userKey);
      if (open) return { kind: "already", handover: open };
      const offer = service.offer(state);
      if (!offer) return { kind: "unavailable" };
      const existing = state.referralCode ? app.referrals.get(state.referralCode, today()) : undefined;
      const referral = existing ?? createReferral(app, deps, state);
      // the session knows its referral, and the referral its owner, so /delete erases it too –
      // also after a restart has made the session forget the code
      if (!existing) app.sessions.save(userKey, { ...state, referralCode: referral.code });
      app.referrals.linkTo(referral.code, userKey);
      const h = store.create({ userKey, chatId, referralCode: referral.code, service: offer.service, kreisKey: offer.kreisKey, lang: state.lang ?? "de", channel: offer.channel });
      store.queue(h.id, { target: "slack", message: { t: "card", channel: h.channel, ...card(h) } });
      return { kind: "sent", handover: h, offer };
    },
    fromNewcomer(h, text) {
      store.touch(h.id);
      threadNote(h, `*${mrkdwn(german.t("staff:handover.from_newcomer"))}*\n${mrkdwn(text)}`);
    },
    end(h, reason) {
      const note = mrkdwn(german.t(`staff:handover.ended.${reason}`));
      if (reason !== "deleted") {
        threadNote(h, note);
        updateCard(h, { state: "closed", closeReason: reason });
      } else if (h.cardTs) {
        // erased means erased: the card keeps no details of the person
        threadNote(h, note);
        store.queue(h.id, { target: "slack", message: { t: "update", channel: h.channel, ts: h.cardTs, text: note, blocks: [{ type: "section", text: { type: "mrkdwn", text: note } }] } });
      } else store.dropQueued(h.id, "slack");
      if (reason === "deleted") {
        // what the counsellor wrote and was not delivered yet stays undelivered
        store.dropQueued(h.id, "telegram");
        store.erase(h.id);
      } else store.close(h.id, reason);
    },
    take(channel, ts, staff) {
      const h = forStaff(channel, ts);
      if (typeof h === "string") return h;
      if (!store.take(h.id, staffKey(staff))) return "already_taken";
      updateCard(h, { state: "taken", takenBy: staff.user });
      toNewcomer(h, "handover:taken", {}, true);
      app.referrals.setState(h.referralCode, "contacted", today());
      return "ok";
    },
    close(channel, ts, staff, reason) {
      const h = forStaff(channel, ts);
      if (typeof h === "string") return h;
      if (h.state === "taken" && h.takerKey !== staffKey(staff)) return "not_taker";
      toNewcomer(h, "handover:closed_by_counsellor");
      updateCard(h, { state: "closed", closeReason: reason });
      store.close(h.id, reason);
      app.referrals.setState(h.referralCode, "closed", today());
      return "ok";
    },
    fromCounsellor(channel, threadTs, staff, text) {
      const h = forStaff(channel, threadTs);
      if (typeof h === "string") return h;
      if (h.state !== "taken") return "not_taken";
      if (h.takerKey !== staffKey(staff)) return "not_taker";
      const chat = store.chatId(h);
      if (chat === undefined) return "closed";
      store.touch(h.id);
      const tr = translator(h);
      const html = `<b>${escapeHtml(tr.t("handover:from_counsellor", { service: tr.service(h.service) }))}</b>\n${escapeHtml(fromSlackText(text))}`;
      // Slack allows far longer messages than Telegram's 4,096 characters
      for (const piece of splitText(html)) store.queue(h.id, { target: "telegram", message: { t: "send", chat, html: piece } });
      return "ok";
    },
    cardPosted(handoverId, channel, ts) {
      const h = store.byId(handoverId);
      if (h) store.setCardTs(h.id, ts);
      if (!h || h.state === "closed") {
        // the newcomer ended it while the card was on its way: the card says so
        const text = german.t("staff:handover.withdrawn");
        store.queue(handoverId, { target: "slack", message: { t: "update", channel, ts, text, blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn(text) } }] } });
      }
    },
  };
  return service;
}
